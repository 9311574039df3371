package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.simulator.OperationRecord;
import java.time.Instant;

/** Failed transitions onto a baseline's KB as Azure ended them: what spends a failure budget. */
final class FailedTransitions {
  private FailedTransitions() {}

  /** VMs of the baseline whose reboot-capable install of {@code kb} ended Failed by {@code by}. */
  static int count(Evidence e, String baselineKey, String kb, Instant by) {
    return which(e, baselineKey, kb, by).size();
  }

  /** Those failures, one per VM: its ARM id and its first failed install (for messages). */
  static java.util.Map<String, String> which(
      Evidence e, String baselineKey, String kb, Instant by) {
    java.util.Map<String, String> vms = new java.util.TreeMap<>();
    for (OperationRecord op : e.clientRebootCalls()) {
      if ("Failed".equals(op.status())
          && op.ended() != null
          && !op.ended().isAfter(by)
          && Kbs.contains(op.kbs(), kb)
          && e.world()
              .vmFor(op.vmId(), op.started(), false)
              .filter(v -> v.baselineKey().equals(baselineKey))
              .isPresent()) {
        // Keyed by the whole ARM id: names repeat across resource groups.
        vms.putIfAbsent(
            op.vmId().toLowerCase(java.util.Locale.ROOT),
            "installPatches "
                + op.operationId()
                + " "
                + op.started()
                + ".."
                + op.ended()
                + (op.rebooted() ? " rebooted" : " not rebooted"));
      }
    }
    return vms;
  }
}
