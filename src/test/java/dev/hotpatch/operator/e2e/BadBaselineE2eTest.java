package dev.hotpatch.operator.e2e;

import static dev.hotpatch.operator.e2e.OperatorHarness.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.simulator.OperationTimings;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A PatchBaseline that cannot be followed is reported, on itself and on its VMs, and no VM is
 * touched.
 */
class BadBaselineE2eTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad time zone    | maxUnavailable: 1\\nmaintenanceWindows:\\n  - {days: [Sat], start: \"22:00\", duration: 4h, timeZone: Mars/Olympus} | Mars/Olympus | validator",
        "overlapping      | maxUnavailable: 1\\nmaintenanceWindows:\\n  - {days: [Sat], start: \"22:00\", duration: 4h, timeZone: UTC}\\n  - {days: [Sun], start: \"01:00\", duration: 2h, timeZone: UTC} | overlap | validator",
        "empty window     | maxUnavailable: 1\\nmaintenanceWindows:\\n  - {days: [Sat], start: \"22:00\", duration: 0m, timeZone: UTC} | duration | validator",
        "maxUnavailable 0 | maxUnavailable: 0\\nmaintenanceWindows:\\n  - {days: [Sat], start: \"22:00\", duration: 4h, timeZone: UTC} | maxUnavailable | crd",
      })
  void badRolloutIsReportedAndNoVmIsTouched(
      String name, String rollout, String mentioned, String ruleLives) throws Exception {
    String seed =
        """
        vms:
          - {subscriptionId: %s, resourceGroup: rg-app, name: app-1, osBuild: "20348.3300",
             patchSettings: {patchMode: AutomaticByOS, assessmentMode: ImageDefault}}
        """
            .formatted(SUBSCRIPTION);
    try (OperatorHarness h =
        OperatorHarness.start(
            seed, RolloutScenariosTest.WINDOW_OPENS, OperationTimings.defaults(), true)) {
      String baseline = RolloutScenariosTest.baseline(rollout.replace("\\n", "\n"));
      if (OperatorHarness.onRealServer() && ruleLives.equals("crd")) {
        // A real API server refuses it by the CRD's own rule; nothing reaches the operator.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.applyYaml(baseline))
            .hasMessageContaining(mentioned);
        assertThat(h.simulator.requestLog()).noneMatch(r -> !r.method().equals("GET"));
        return;
      }
      h.applyYaml(
          baseline
              + """
          ---
          apiVersion: hotpatch.dev/v1alpha1
          kind: HotpatchVM
          metadata: {name: app-1}
          spec:
            azure: {subscriptionId: %s, resourceGroup: rg-app, name: app-1}
            baselineRef: {name: ws2022}
          """
                  .formatted(SUBSCRIPTION));
      h.driver.settle();
      h.driver.advance(Duration.ofHours(1));
      var status =
          h.awaitBaselineStatus(
              "ws2022", s -> Conditions.find(s.conditions, Conditions.READY).isPresent());
      var ready = Conditions.find(status.conditions, Conditions.READY).orElseThrow();
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("InvalidSpec");
      assertThat(ready.getMessage()).containsIgnoringCase(mentioned).contains("spec.rollout");
      var vm = h.awaitCondition("app-1", Conditions.READY, "False", "BaselineInvalid");
      assertThat(Conditions.find(vm.conditions, Conditions.READY).orElseThrow().getMessage())
          .containsIgnoringCase(mentioned);
      assertThat(h.simulator.requestLog()).noneMatch(r -> !r.method().equals("GET"));
      assertThat(
              h.simulator
                  .vm(SUBSCRIPTION, "rg-app", "app-1")
                  .orElseThrow()
                  .patchSettings()
                  .patchMode())
          .isEqualTo("AutomaticByOS");
    }
  }
}
