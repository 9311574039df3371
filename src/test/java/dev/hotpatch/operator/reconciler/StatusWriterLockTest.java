package dev.hotpatch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMSpec;
import dev.hotpatch.operator.api.HotpatchVMStatus;
import dev.hotpatch.operator.api.LocalRef;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.PatchBaselineSpec;
import dev.hotpatch.operator.api.PatchBaselineStatus;
import dev.hotpatch.operator.devtools.LocalKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Status writes are locked on the resourceVersion they were computed from. Regression: a reconcile
 * holding an older copy wrote status without the operation in flight, and it was never polled
 * again.
 */
class StatusWriterLockTest {
  private LocalKubernetes kube;
  private StatusWriter writer;

  @BeforeEach
  void start() {
    kube = LocalKubernetes.start();
    kube.client()
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("a").endMetadata().build())
        .create();
    writer = new StatusWriter(kube.client(), new EventRecorder(kube.client(), Clock.systemUTC()));
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

  private static HotpatchVMStatus inFlight() {
    HotpatchVMStatus s = new HotpatchVMStatus();
    s.phase = Phases.TRANSITIONING;
    s.pendingOperation = new HotpatchVMStatus.PendingOperation();
    s.pendingOperation.kind = "BaselineTransition";
    s.pendingOperation.operationUrl = "https://management.azure.com/operations/1";
    return s;
  }

  @Test
  void aWriteFromAnOlderCopyConflictsAndLeavesTheNewerStatus() {
    HotpatchVM old = created();
    HotpatchVM written = writer.write(old, inFlight());
    assertThat(written.getMetadata().getResourceVersion())
        .isNotEqualTo(old.getMetadata().getResourceVersion());
    HotpatchVMStatus stale = new HotpatchVMStatus();
    stale.phase = Phases.WAITING;
    assertThatThrownBy(() -> writer.write(old, stale)).isInstanceOf(StatusConflictException.class);
    HotpatchVM now = kube.client().resource(old).get();
    assertThat(now.getStatus().pendingOperation).isNotNull();
    assertThat(now.getStatus().pendingOperation.operationUrl).endsWith("/operations/1");
  }

  @Test
  void aWriteFromTheLatestCopySucceeds() {
    HotpatchVM written = writer.write(created(), inFlight());
    HotpatchVMStatus next = inFlight();
    next.pendingOperation = null;
    next.phase = Phases.CONVERGED;
    writer.write(written, next);
    assertThat(kube.client().resource(written).get().getStatus().phase).isEqualTo(Phases.CONVERGED);
  }

  // A PatchBaseline's counts are written the same way, locked on the copy they were counted from.

  private PatchBaseline createdBaseline() {
    PatchBaseline b = new PatchBaseline();
    b.setMetadata(new ObjectMetaBuilder().withName("ws2022").withNamespace("a").build());
    b.setSpec(new PatchBaselineSpec());
    return kube.client().resource(b).create();
  }

  private static PatchBaselineStatus counted(int targeted) {
    PatchBaselineStatus s = new PatchBaselineStatus();
    s.targeted = targeted;
    return s;
  }

  @Test
  void countsFromAnOlderCopyConflictAndLeaveTheNewerOnes() {
    PatchBaseline old = createdBaseline();
    PatchBaseline written = LockedStatusPatch.write(kube.client(), old, counted(3));
    assertThat(written.getStatus().targeted).isEqualTo(3);
    assertThatThrownBy(() -> LockedStatusPatch.write(kube.client(), old, counted(1)))
        .isInstanceOf(StatusConflictException.class);
    assertThat(kube.client().resource(old).get().getStatus().targeted).isEqualTo(3);
    assertThat(LockedStatusPatch.write(kube.client(), written, counted(4)).getStatus().targeted)
        .isEqualTo(4);
  }
}
