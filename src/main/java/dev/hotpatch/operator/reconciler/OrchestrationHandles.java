package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVMStatus.PendingOperation;
import dev.hotpatch.operator.azure.OperationHandle;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The handles of orchestration PATCHes in flight, kept in memory rather than in status. A PATCH of
 * the patch settings is idempotent and reboots nothing, so a handle lost with the pod (a crash, a
 * new leader) is resolved by reading the VM, as a lost answer is; keeping it out of status saves a
 * write per VM onboarded, which ARM's write bucket makes count at 10,000 VMs (the VMs that wait for
 * their turn write once more to say so). The intent itself is still written before the call.
 */
final class OrchestrationHandles {
  private record Remembered(String started, OperationHandle handle) {}

  private final Map<String, Remembered> byVm = new ConcurrentHashMap<>();

  void remember(String vm, PendingOperation op, OperationHandle handle) {
    byVm.put(vm, new Remembered(op.started, handle));
  }

  /** The handle of this very intent (same start), if this process made the call. */
  Optional<OperationHandle> of(String vm, PendingOperation op) {
    Remembered r = byVm.get(vm);
    return r != null && r.started().equals(op.started) ? Optional.of(r.handle()) : Optional.empty();
  }

  void forget(String vm) {
    byVm.remove(vm);
  }

  int size() {
    return byVm.size();
  }
}
