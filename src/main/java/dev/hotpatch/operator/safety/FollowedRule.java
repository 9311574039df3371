package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMStatus.PendingOperation;
import dev.hotpatch.operator.simulator.OperationRecord;
import dev.hotpatch.operator.simulator.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * I4, at the end of a settled run: no operation the operator started is still running on a VM that
 * exists, and no status still follows an operation Azure has finished (its outcome never landed).
 */
final class FollowedRule {
  private FollowedRule() {}

  static List<Violation> check(Evidence e) {
    List<Violation> out = new ArrayList<>();
    EndState end = e.end();
    if (!end.settled()) {
      return out;
    }
    for (OperationRecord op : e.history()) {
      if (op.origin() == Origin.CLIENT && op.running() && e.truth().existsAtEnd(op.vmId())) {
        out.add(
            new Violation(
                Invariant.I4,
                op.vmId(),
                end.time(),
                op.action()
                    + " "
                    + op.operationId()
                    + " started "
                    + op.started()
                    + " is still running at the end"));
      }
    }
    for (HotpatchVM vm : end.hotpatchVms()) {
      PendingOperation pending = vm.getStatus() == null ? null : vm.getStatus().pendingOperation;
      if (pending == null || pending.operationUrl == null) {
        continue;
      }
      if (cannotRead(vm)) {
        continue; // its Secret is gone and no pod knows the credentials: it says so, and waits
      }
      String url = pending.operationUrl.toLowerCase(Locale.ROOT);
      for (OperationRecord op : e.history()) {
        if (!op.running() && url.contains(op.operationId().toLowerCase(Locale.ROOT))) {
          out.add(
              new Violation(
                  Invariant.I4,
                  Convergence.key(vm),
                  end.time(),
                  "status still follows "
                      + pending.kind
                      + " "
                      + op.operationId()
                      + ", which Azure ended "
                      + op.status()
                      + " at "
                      + op.ended()
                      + " (Ready: "
                      + dev.hotpatch.operator.reconciler.Conditions.find(
                              vm.getStatus().conditions,
                              dev.hotpatch.operator.reconciler.Conditions.READY)
                          .map(c -> c.getReason() + ": " + c.getMessage())
                          .orElse("none")
                      + ")"));
        }
      }
    }
    return out;
  }

  /**
   * The VM says it cannot read Azure (CredentialsNotFound): an operation that ended after its
   * credentials Secret was deleted, and after the pod that still knew them was replaced, cannot be
   * seen to end until a person restores the Secret. Its status says exactly that.
   */
  private static boolean cannotRead(HotpatchVM vm) {
    return dev.hotpatch.operator.reconciler.Conditions.find(
            vm.getStatus().conditions, dev.hotpatch.operator.reconciler.Conditions.READY)
        .map(c -> "CredentialsNotFound".equals(c.getReason()))
        .orElse(false);
  }
}
