package dev.hotpatch.operator.e2e;

import static dev.hotpatch.operator.e2e.OperatorHarness.NAMESPACE;
import static dev.hotpatch.operator.e2e.OperatorHarness.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.HotpatchVMStatus;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.reconciler.Phases;
import dev.hotpatch.operator.simulator.RequestRecord;
import io.fabric8.kubernetes.api.model.Event;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * examples/ applied to a mock cluster; the real operator makes eligible VMs Azure-orchestrated
 * through the SDK.
 */
class OrchestrationE2eTest {
  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.startWithExampleBaselines();
    h.apply("examples/hotpatchvms.yaml");
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void eligibleVmsBecomeOrchestratedAndReadyThroughTheSdk() {
    for (String name : List.of("web-1", "web-2", "web-3", "api-1")) {
      HotpatchVMStatus s = h.awaitCondition(name, Conditions.READY, "True", null);
      assertThat(s.phase).isEqualTo(Phases.CONVERGED);
      assertThat(Conditions.isTrue(s.conditions, Conditions.AZURE_ORCHESTRATED)).isTrue();
      assertThat(Conditions.isTrue(s.conditions, Conditions.ELIGIBLE)).isTrue();
      assertThat(s.observedGeneration).isEqualTo(h.vm(name).getMetadata().getGeneration());
      assertThat(s.osBuild).matches("\\d{5}\\.\\d+");
      assertThat(s.pendingOperation).isNull();
      var vm = h.simulator.vm(SUBSCRIPTION, rg(name), name).orElseThrow();
      assertThat(vm.patchSettings().patchMode()).isEqualTo("AutomaticByPlatform");
      assertThat(vm.patchSettings().enableHotpatching()).isTrue();
      assertThat(vm.patchSettings().assessmentMode()).isEqualTo("AutomaticByPlatform");
      assertThat(vm.patchSettings().rebootSetting()).isEqualTo("Never");
    }
    // One PATCH per VM that needed it, none for the one already orchestrated.
    assertThat(h.patchesOf("web-1")).hasSize(1);
    assertThat(h.patchesOf("web-3")).hasSize(1);
    assertThat(h.patchesOf("api-1")).isEmpty();
    RequestRecord patch = h.patchesOf("web-1").get(0);
    assertThat(patch.apiVersion()).isEqualTo("2025-04-01");
    assertThat(patch.path())
        .isEqualToIgnoringCase(
            "/subscriptions/"
                + SUBSCRIPTION
                + "/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-1");
    // Observation comes from subscription-wide lists, not per-VM reads.
    assertThat(h.simulator.requestLog())
        .anyMatch(
            r ->
                r.method().equals("GET")
                    && r.path()
                        .equalsIgnoreCase(
                            "/subscriptions/"
                                + SUBSCRIPTION
                                + "/providers/Microsoft.Compute/virtualMachines"));
    assertThat(h.simulator.requestLog())
        .allMatch(r -> "2025-04-01".equals(r.apiVersion()) || r.path().contains("/operations/"));
  }

  @Test
  void aConvergedFleetCostsNoAzureWriteAndNoPerVmRead() {
    for (String name : List.of("web-1", "web-2", "web-3", "api-1", "api-2")) {
      h.awaitCondition(name, Conditions.READY, "True", null);
    }
    HotpatchVMStatus web1 = h.vm("web-1").getStatus();
    assertThat(web1.lastAssessment)
        .as("the platform's assessment, read from the fleet view")
        .isNotNull();
    assertThat(web1.lastAssessment.status).isNotBlank();
    int before = h.simulator.requestLog().size();
    for (int i = 0; i < 3; i++) {
      h.driver.settle(); // lists the fleet and waits until every VM has been reconciled
    }
    var after = h.simulator.requestLog().subList(before, h.simulator.requestLog().size());
    // Only the subscription-wide lists of the three refreshes: no writes, no per-VM GETs.
    assertThat(after)
        .isNotEmpty()
        .allMatch(
            r -> r.method().equals("GET") && r.path().toLowerCase().endsWith("/virtualmachines"));
  }

  @Test
  void ineligibleImageIsReportedAndLeftUntouched() {
    HotpatchVMStatus s = h.awaitCondition("legacy-1", Conditions.ELIGIBLE, "False", "Ineligible");
    assertThat(s.phase).isEqualTo(Phases.INELIGIBLE);
    assertThat(Conditions.find(s.conditions, Conditions.ELIGIBLE).orElseThrow().getMessage())
        .contains("2019-datacenter")
        .contains("2022-datacenter-azure-edition-hotpatch");
    h.awaitCondition("web-1", Conditions.READY, "True", null);
    assertThat(
            h.simulator
                .vm(SUBSCRIPTION, "rg-legacy", "legacy-1")
                .orElseThrow()
                .patchSettings()
                .patchMode())
        .isEqualTo("AutomaticByOS");
    assertThat(writes("legacy-1")).isEmpty();
  }

  @Test
  void vmWithoutAutomaticUpdatesMustBeRecreatedAndIsNotRetried() {
    HotpatchVMStatus s =
        h.awaitCondition(
            "batch-1", Conditions.AZURE_ORCHESTRATED, "False", "AutomaticUpdatesDisabled");
    assertThat(s.phase).isEqualTo(Phases.BLOCKED);
    assertThat(Conditions.find(s.conditions, Conditions.READY).orElseThrow().getMessage())
        .contains("recreate");
    for (int i = 0; i < 3; i++) {
      h.operator().resyncAll();
    }
    h.awaitCondition("web-2", Conditions.READY, "True", null);
    assertThat(writes("batch-1")).isEmpty();
    assertThat(
            h.simulator
                .vm(SUBSCRIPTION, "rg-batch", "batch-1")
                .orElseThrow()
                .patchSettings()
                .patchMode())
        .isEqualTo("Manual");
  }

  @Test
  void phaseChangesAndFailuresAreAnnouncedWithAggregatedEvents() {
    h.awaitCondition("web-1", Conditions.READY, "True", null);
    h.awaitCondition("legacy-1", Conditions.ELIGIBLE, "False", "Ineligible");
    List<Event> events = h.client().v1().events().inNamespace(NAMESPACE).list().getItems();
    assertThat(events)
        .anyMatch(
            e ->
                e.getInvolvedObject().getName().equals("web-1")
                    && e.getType().equals("Normal")
                    && e.getReason().equals("Converged")
                    && e.getMessage().contains("-> " + Phases.CONVERGED + ": "));
    assertThat(events)
        .anyMatch(
            e ->
                e.getInvolvedObject().getName().equals("legacy-1")
                    && e.getType().equals("Warning")
                    && e.getReason().equals("Ineligible"));
    // Onboarding is a few phases (Pending, Orchestrating, Converged), not one Event per change of
    // each condition (about 8 before).
    assertThat(events)
        .filteredOn(e -> e.getInvolvedObject().getName().equals("web-1"))
        .hasSizeLessThanOrEqualTo(4);
    // Other conditions changing (AzureOrchestrated=True Orchestrated, ...) make no Event.
    assertThat(events).noneMatch(e -> e.getReason().equals("Orchestrated"));
    // One Event per (object, type, reason), counted, under a stable name.
    assertThat(
            events.stream()
                .map(e -> e.getInvolvedObject().getUid() + "/" + e.getType() + "/" + e.getReason()))
        .doesNotHaveDuplicates();
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.getCount()).isPositive();
              assertThat(e.getMetadata().getName())
                  .startsWith(e.getInvolvedObject().getName() + ".");
              assertThat(e.getSource().getComponent()).isEqualTo("hotpatch-operator");
            });
  }

  private List<RequestRecord> writes(String vm) {
    return h.simulator.requestLog().stream()
        .filter(
            r ->
                !r.method().equals("GET")
                    && r.path().toLowerCase().contains("/virtualmachines/" + vm))
        .toList();
  }

  static String rg(String name) {
    return switch (name.replaceAll("-\\d+$", "")) {
      case "web" -> "rg-web";
      case "api" -> "rg-api";
      case "legacy" -> "rg-legacy";
      default -> "rg-batch";
    };
  }
}
