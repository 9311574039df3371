package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.simulator.OperationRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** Failed transitions onto a baseline's KB as Azure ended them: what spends a failure budget. */
final class FailedTransitions {
  private FailedTransitions() {}

  /** VMs of the baseline whose reboot-capable install of {@code kb} ended Failed by {@code by}. */
  static int count(Evidence e, String baselineKey, String kb, Instant by) {
    Set<String> vms = new HashSet<>();
    for (OperationRecord op : e.clientRebootCalls()) {
      if ("Failed".equals(op.status())
          && op.ended() != null
          && !op.ended().isAfter(by)
          && Kbs.contains(op.kbs(), kb)
          && e.world()
              .vmFor(op.vmId(), op.started(), false)
              .filter(v -> v.baselineKey().equals(baselineKey))
              .isPresent()) {
        vms.add(op.vmId().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return vms.size();
  }
}
