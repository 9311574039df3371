package dev.hotpatch.operator.reconciler;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.PatchBaselineStatus;
import dev.hotpatch.operator.api.PatchBaselineStatus.DepartedFailure;
import dev.hotpatch.operator.policy.DepartedFailures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Before a HotpatchVM whose transition failed loses its finalizer, its failure is written onto its
 * PatchBaseline's status (locked on the baseline's resourceVersion), so the failure budget keeps
 * counting it. The written baseline goes into the informer's cache at once: the VM's own record
 * leaves the gate's index when it is deleted, and the next gate decision must already see this one.
 */
final class DepartedFailureRecorder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final Supplier<InformerEventSource<PatchBaseline, HotpatchVM>> baselines;

  DepartedFailureRecorder(
      KubernetesClient client, Supplier<InformerEventSource<PatchBaseline, HotpatchVM>> baselines) {
    this.client = client;
    this.baselines = baselines;
  }

  /**
   * @return true when the failure is on the baseline or there is none to keep (no failure, no
   *     baseline, a failure onto a KB it no longer declares); false when the write met a newer copy
   *     and must be tried again: the finalizer stays meanwhile
   */
  boolean record(HotpatchVM vm, Instant now) {
    var status = vm.getStatus();
    if (status == null
        || status.failedTransition == null
        || vm.getSpec() == null
        || vm.getSpec().baselineRef == null
        || vm.getSpec().baselineRef.name == null) {
      return true;
    }
    ResourceID id = new ResourceID(vm.getSpec().baselineRef.name, vm.getMetadata().getNamespace());
    Optional<PatchBaseline> baseline = baselines.get().get(id);
    if (baseline.isEmpty()) {
      return true; // its budget went with it
    }
    PatchBaseline b = baseline.get();
    PatchBaselineStatus copy =
        b.getStatus() == null
            ? new PatchBaselineStatus()
            : JSON.convertValue(b.getStatus(), PatchBaselineStatus.class);
    String vmId = status.vmId != null ? status.vmId : VmRefs.of(vm.getSpec().azure).id();
    PatchBaselineStatus next =
        DepartedFailures.withFailure(
            b,
            copy,
            new DepartedFailure(
                vm.getMetadata().getName(), vmId, status.failedTransition, now.toString()));
    if (next == null) {
      return true;
    }
    try {
      PatchBaseline written = LockedStatusPatch.write(client, b, next);
      baselines.get().handleRecentResourceUpdate(id, written, b);
      return true;
    } catch (StatusConflictException e) {
      return false;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return true; // deleted meanwhile
      }
      throw e;
    }
  }
}
