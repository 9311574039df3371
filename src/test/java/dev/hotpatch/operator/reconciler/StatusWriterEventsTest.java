package dev.hotpatch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMSpec;
import dev.hotpatch.operator.api.HotpatchVMStatus;
import dev.hotpatch.operator.api.LocalRef;
import dev.hotpatch.operator.devtools.LocalKubernetes;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Only a phase change, or a new failure, is announced with an Event: the conditions say the rest.
 * Regression: every change of every condition type made an Event, about 8 per VM onboarded.
 */
class StatusWriterEventsTest {
  private LocalKubernetes kube;
  private dev.hotpatch.operator.devtools.SimulatedClock clock;
  private Conditions conditions;
  private StatusWriter writer;

  @BeforeEach
  void start() {
    kube = LocalKubernetes.start();
    kube.client()
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("a").endMetadata().build())
        .create();
    clock =
        new dev.hotpatch.operator.devtools.SimulatedClock(Instant.parse("2025-03-01T10:00:00Z"));
    conditions = new Conditions(clock);
    writer = new StatusWriter(kube.client(), new EventRecorder(kube.client(), clock));
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private HotpatchVM created() {
    HotpatchVM vm = new HotpatchVM();
    vm.setMetadata(new ObjectMetaBuilder().withName("web-1").withNamespace("a").build());
    vm.setSpec(new HotpatchVMSpec());
    vm.getSpec().baselineRef = new LocalRef();
    vm.getSpec().baselineRef.name = "ws2022";
    return kube.client().resource(vm).create();
  }

  private List<Event> events() {
    return kube.client().v1().events().inNamespace("a").list().getItems();
  }

  private HotpatchVMStatus next(HotpatchVM vm, String phase) {
    HotpatchVMStatus s = StatusWriter.copyOf(vm.getStatus());
    s.phase = phase;
    return s;
  }

  private void set(HotpatchVMStatus s, String type, boolean value, String reason, String message) {
    conditions.set(s.conditions, 1L, type, value, reason, message);
  }

  /** A cold start puts every VM in Pending (FleetViewLoading) once: no Event for that. */
  @Test
  void waitingForTheFirstFleetListIsNotAnnounced() {
    HotpatchVM vm = created();
    HotpatchVMStatus s = next(vm, Phases.PENDING);
    set(s, Conditions.READY, false, "FleetViewLoading", "waiting for the first list");
    vm = writer.write(vm, s);
    assertThat(events()).isEmpty();
    s = next(vm, Phases.ORCHESTRATING);
    set(s, Conditions.READY, false, "Orchestrating", "updating the VM's patch settings");
    writer.write(vm, s);
    assertThat(events())
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage()).startsWith("Pending -> Orchestrating"));
  }

  @Test
  void onlyPhaseChangesAndNewFailuresAreAnnounced() {
    HotpatchVM vm = created();

    HotpatchVMStatus s = next(vm, Phases.ORCHESTRATING);
    set(s, Conditions.ELIGIBLE, true, "EligibleImage", "image supports Hotpatch");
    set(s, Conditions.AZURE_ORCHESTRATED, false, "NotOrchestrated", "patch mode Manual");
    set(s, Conditions.READY, false, "Orchestrating", "updating the VM's patch settings");
    vm = writer.write(vm, s);
    assertThat(events())
        .singleElement()
        .satisfies(e -> assertThat(e.getReason()).isEqualTo("Orchestrating"));

    // Conditions change, the phase does not: no event.
    s = next(vm, Phases.ORCHESTRATING);
    set(s, Conditions.AZURE_ORCHESTRATED, true, "Orchestrated", "AutomaticByPlatform");
    set(s, Conditions.BASELINE_CONVERGED, false, "Behind", "on an older baseline");
    set(s, Conditions.REBOOT_PENDING, false, "NoRebootPending", "no reboot pending");
    vm = writer.write(vm, s);
    assertThat(events()).hasSize(1);

    // The phase changes: one Normal event with Ready's reason and message.
    s = next(vm, Phases.CONVERGED);
    set(s, Conditions.BASELINE_CONVERGED, true, "Converged", "on baseline KB1");
    set(s, Conditions.READY, true, "Converged", "Azure-orchestrated and on baseline KB1");
    vm = writer.write(vm, s);
    assertThat(events()).hasSize(2);
    Event converged = only("Converged");
    assertThat(converged.getType()).isEqualTo("Normal");
    assertThat(converged.getMessage())
        .isEqualTo("Orchestrating -> Converged: Azure-orchestrated and on baseline KB1");

    // A failure appears, the phase stays: one Warning.
    s = next(vm, Phases.CONVERGED);
    set(s, Conditions.READY, false, "AzureError", "Azure answered 503");
    vm = writer.write(vm, s);
    assertThat(events()).hasSize(3);
    Event failed = only("AzureError");
    assertThat(failed.getType()).isEqualTo("Warning");
    assertThat(failed.getMessage()).contains("Azure answered 503");

    // The same failure, said differently: not a new failure.
    s = next(vm, Phases.CONVERGED);
    set(s, Conditions.READY, false, "AzureError", "Azure answered 500");
    vm = writer.write(vm, s);
    assertThat(events()).hasSize(3);
    assertThat(only("AzureError").getCount()).isEqualTo(1);

    // Recovered without a phase change: the conditions say so, no event.
    s = next(vm, Phases.CONVERGED);
    set(s, Conditions.READY, true, "Converged", "Azure-orchestrated and on baseline KB1");
    vm = writer.write(vm, s);
    assertThat(events()).hasSize(3);

    // The same failure again later is counted on the same Event.
    s = next(vm, Phases.CONVERGED);
    set(s, Conditions.READY, false, "AzureError", "Azure answered 503 again");
    vm = writer.write(vm, s);
    assertThat(events()).hasSize(3);
    assertThat(only("AzureError").getCount()).isEqualTo(2);
    assertThat(only("AzureError").getMessage()).contains("Azure answered 503 again");

    // A phase change to a failure: a Warning.
    s = next(vm, Phases.FAILED);
    set(s, Conditions.BASELINE_CONVERGED, false, "TransitionFailed", "the transition failed");
    set(s, Conditions.READY, false, "TransitionFailed", "the transition failed");
    writer.write(vm, s);
    assertThat(events()).hasSize(4);
    Event transition = only("TransitionFailed");
    assertThat(transition.getType()).isEqualTo("Warning");
    assertThat(transition.getMessage()).isEqualTo("Converged -> Failed: the transition failed");
  }

  @Test
  void aFailureWithoutAPhaseIsAWarning() {
    // HotpatchVMReconciler.updateErrorStatus sets only Ready=False ReconcileError.
    HotpatchVM vm = created();
    HotpatchVMStatus s = next(vm, null);
    set(s, Conditions.READY, false, "ReconcileError", "reconcile failed: NullPointerException");
    writer.write(vm, s);
    assertThat(events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getReason()).isEqualTo("ReconcileError");
            });
  }

  private Event only(String reason) {
    return events().stream()
        .filter(e -> reason.equals(e.getReason()))
        .reduce(
            (a, b) -> {
              throw new AssertionError("more than one " + reason + " event: " + a + ", " + b);
            })
        .orElseThrow(() -> new AssertionError("no " + reason + " event in " + events()));
  }
}
