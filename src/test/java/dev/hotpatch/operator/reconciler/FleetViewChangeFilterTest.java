package dev.hotpatch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A wave changes the rows of its 1,000 VMs in flight at every refresh of the fleet view; a
 * reconcile of each read Azure before its look was due. Those VMs are left to their own requeues;
 * resyncs and slot wake-ups still reach every VM.
 */
class FleetViewChangeFilterTest {
  private static final ResourceID FOLLOWING = new ResourceID("web-1", "fleet");
  private static final ResourceID WAITING = new ResourceID("web-2", "fleet");

  private final Set<ResourceID> reconciled = ConcurrentHashMap.newKeySet();

  private FleetEventSource source() {
    FleetEventSource source = new FleetEventSource();
    source.setEventHandler((Event e) -> reconciled.add(e.getRelatedCustomResourceID()));
    source.start();
    source.followedOnItsOwn(FOLLOWING::equals);
    return source;
  }

  @Test
  void aViewChangeSkipsAVmFollowingItsOperation() {
    source().viewChanged(Set.of(FOLLOWING, WAITING));
    assertThat(reconciled).containsExactly(WAITING);
  }

  @Test
  void aResyncOrARequeueReachesEveryVm() {
    source().changed(Set.of(FOLLOWING, WAITING));
    assertThat(reconciled).containsExactlyInAnyOrder(FOLLOWING, WAITING);
  }

  @Test
  void onlyAnOperationWithItsHandleInStatusIsFollowedOnItsOwn() {
    assertThat(HotpatchVMReconciler.followsItsOperation(vm(null, false))).isFalse();
    assertThat(HotpatchVMReconciler.followsItsOperation(vm("https://op", false))).isTrue();
    // the intent without a handle (an answer lost, a PATCH's handle held in memory): read on
    // every change, as before
    HotpatchVM intentOnly = vm("https://op", false);
    intentOnly.getStatus().pendingOperation.operationUrl = null;
    assertThat(HotpatchVMReconciler.followsItsOperation(intentOnly)).isFalse();
    assertThat(HotpatchVMReconciler.followsItsOperation(vm("https://op", true))).isFalse();
  }

  private static HotpatchVM vm(String operationUrl, boolean deleting) {
    HotpatchVM vm = new HotpatchVM();
    vm.setMetadata(
        new ObjectMetaBuilder()
            .withName("web-1")
            .withNamespace("fleet")
            .withDeletionTimestamp(deleting ? "2026-04-18T20:00:00Z" : null)
            .build());
    HotpatchVMStatus status = new HotpatchVMStatus();
    if (operationUrl != null) {
      status.pendingOperation = new HotpatchVMStatus.PendingOperation();
      status.pendingOperation.kind = TransitionStep.KIND;
      status.pendingOperation.operationUrl = operationUrl;
    }
    vm.setStatus(status);
    return vm;
  }
}
