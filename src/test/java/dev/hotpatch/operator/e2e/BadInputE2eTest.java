package dev.hotpatch.operator.e2e;

import static dev.hotpatch.operator.e2e.OperatorHarness.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.HotpatchVMStatus;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.reconciler.Phases;
import dev.hotpatch.operator.simulator.OperationTimings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear condition, and Azure is not written to because of it. */
class BadInputE2eTest {
  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.startWithExampleBaselines();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static String vm(String name, String azure, String baseline) {
    return """
        apiVersion: hotpatch.dev/v1alpha1
        kind: HotpatchVM
        metadata:
          name: %s
        spec:
          azure:
        %s
          baselineRef:
            name: %s
        """
        .formatted(name, azure.indent(4).stripTrailing(), baseline);
  }

  private static String ref(String rg, String name) {
    return "subscriptionId: " + SUBSCRIPTION + "\nresourceGroup: " + rg + "\nname: " + name;
  }

  @Test
  void missingBaselineIsAConditionAndNoAzureWrite() throws Exception {
    h.applyYaml(vm("web-1", ref("rg-web", "web-1"), "no-such-baseline"));
    HotpatchVMStatus s = h.awaitCondition("web-1", Conditions.READY, "False", "BaselineNotFound");
    assertThat(s.phase).isEqualTo(Phases.PENDING);
    assertThat(Conditions.find(s.conditions, Conditions.READY).orElseThrow().getMessage())
        .contains("no-such-baseline");
    assertThat(h.simulator.requestLog()).noneMatch(r -> !r.method().equals("GET"));
  }

  @Test
  void missingVmIsAConditionNotAnError() throws Exception {
    h.applyYaml(vm("ghost", ref("rg-web", "ghost"), "ws2022"));
    HotpatchVMStatus s = h.awaitCondition("ghost", Conditions.READY, "False", "VmNotFound");
    assertThat(s.phase).isEqualTo(Phases.NOT_FOUND);
    assertThat(Conditions.find(s.conditions, Conditions.READY).orElseThrow().getMessage())
        .contains("ghost");
  }

  @Test
  void invalidResourceIsRejectedWithAMessageBeforeAnyAzureCall() throws Exception {
    String bad =
        vm("bad", "subscriptionId: not-a-guid\nresourceGroup: rg-web\nname: web-1", "ws2022");
    if (OperatorHarness.onRealServer()) { // the CRD's pattern: the API server refuses it itself
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.applyYaml(bad))
          .hasMessageContaining("spec.azure.subscriptionId")
          .hasMessageContaining("should match");
      assertThat(h.vm("bad")).isNull();
      assertThat(h.simulator.requestLog()).isEmpty();
      return;
    }
    h.applyYaml(bad);
    HotpatchVMStatus s = h.awaitCondition("bad", Conditions.READY, "False", "InvalidSpec");
    assertThat(s.phase).isEqualTo(Phases.INVALID);
    assertThat(Conditions.find(s.conditions, Conditions.READY).orElseThrow().getMessage())
        .contains("subscriptionId");
    assertThat(h.simulator.requestLog()).isEmpty();
  }

  @Test
  void serverErrorOnPatchIsRetriedWithoutADuplicateChange() throws Exception {
    h.simulator
        .faults()
        .failNext(
            "PATCH",
            "(?i).*/virtualMachines/web-2$",
            500,
            "InternalServerError",
            "transient failure",
            3);
    h.applyYaml(vm("web-2", ref("rg-web", "web-2"), "ws2022"));
    h.awaitCondition("web-2", Conditions.READY, "True", null);
    var patches =
        h.simulator.requestLog().stream()
            .filter(r -> r.method().equals("PATCH") && r.path().toLowerCase().endsWith("/web-2"))
            .toList();
    assertThat(patches).filteredOn(r -> r.status() == 500).hasSize(3);
    assertThat(patches).filteredOn(r -> r.status() < 300).hasSize(1);
    assertThat(
            h.simulator
                .vm(SUBSCRIPTION, "rg-web", "web-2")
                .orElseThrow()
                .patchSettings()
                .patchMode())
        .isEqualTo("AutomaticByPlatform");
  }

  @Test
  void longRunningPatchIsRecordedInStatusAndFollowedLater() throws Exception {
    startWithASlowPatch();
    HotpatchVMStatus s =
        h.awaitStatus(
            "web-1", st -> st.pendingOperation != null && h.patchesOf("web-1").size() == 1);
    assertThat(s.phase).isEqualTo(Phases.ORCHESTRATING);
    assertThat(s.pendingOperation.kind).isEqualTo("Orchestrate");
    // The intent is in status; the PATCH's handle is held in memory (OrchestrationHandles).
    assertThat(s.pendingOperation.operationUrl).isNull();
    // The reconcile returned with the operation in flight; simulated time moves and it completes.
    h.clock.advance(Duration.ofMinutes(6));
    HotpatchVMStatus done = h.awaitCondition("web-1", Conditions.READY, "True", null);
    assertThat(done.pendingOperation).isNull();
    assertThat(h.patchesOf("web-1")).as("followed, never sent again").hasSize(1);
  }

  /** The handle dies with the pod: the next operator reads the VM and finds it orchestrated. */
  @Test
  void aPatchWhoseHandleWasLostWithThePodEndsWithoutASecondPatch() throws Exception {
    startWithASlowPatch();
    h.awaitStatus("web-1", st -> st.pendingOperation != null && h.patchesOf("web-1").size() == 1);
    h.stopOperator();
    h.startOperator();
    h.clock.advance(Duration.ofMinutes(6));
    HotpatchVMStatus done = h.awaitCondition("web-1", Conditions.READY, "True", null);
    assertThat(done.pendingOperation).isNull();
    assertThat(Conditions.isTrue(done.conditions, Conditions.AZURE_ORCHESTRATED)).isTrue();
    assertThat(h.patchesOf("web-1")).hasSize(1);
    assertThat(h.simulator.rebootLedger()).isEmpty();
  }

  private void startWithASlowPatch() throws Exception {
    h.close();
    OperationTimings d = OperationTimings.defaults();
    OperationTimings slowPatch =
        new OperationTimings(
            Duration.ofMinutes(5),
            d.create(),
            d.delete(),
            d.assess(),
            d.installHotpatch(),
            d.installBaseline(),
            d.restart(),
            false,
            0);
    h =
        OperatorHarness.start(
            OperatorHarness.demoFleet(), Instant.parse("2026-01-19T09:00:00Z"), slowPatch);
    h.apply("examples/patchbaselines.yaml");
    h.applyYaml(vm("web-1", ref("rg-web", "web-1"), "ws2022"));
  }

  /** Regression: a second HotpatchVM for the same Azure VM got no warning and acted too. */
  @Test
  void aSecondHotpatchVmForTheSameAzureVmIsAConflictAndNeverActs() throws Exception {
    h.applyYaml(vm("web-1", ref("rg-web", "web-1"), "ws2022"));
    h.awaitCondition("web-1", Conditions.READY, "True", null);
    int requests = h.simulator.requestLog().size();
    h.applyYaml(vm("web-1-copy", ref("rg-web", "WEB-1"), "ws2022"));
    HotpatchVMStatus s = h.awaitCondition("web-1-copy", Conditions.READY, "False", "Conflict");
    assertThat(Conditions.find(s.conditions, Conditions.READY).orElseThrow().getMessage())
        .contains("fleet/web-1");
    assertThat(h.simulator.requestLog().subList(requests, h.simulator.requestLog().size()))
        .noneMatch(r -> !r.method().equals("GET"));
    assertThat(Conditions.isTrue(h.vm("web-1").getStatus().conditions, Conditions.READY)).isTrue();
  }
}
