package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.policy.RolloutBudget;
import dev.hotpatch.operator.simulator.OperationRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * I2: when a reboot-capable call starts, the VMs of its baseline inside one (from start until
 * Azure's terminal answer) are at most maxUnavailable. The count only grows at a start, so checking
 * at each start covers every instant. A VM belongs to the baseline it was declared on when its call
 * started, whatever happened to the objects later (an Orphan delete does not stop Azure).
 */
final class RolloutBudgetRule {
  private RolloutBudgetRule() {}

  static List<Violation> check(Evidence e) {
    List<OperationRecord> calls = e.clientRebootCalls();
    Map<OperationRecord, String> baselineOf = new HashMap<>();
    for (OperationRecord op : calls) {
      e.world()
          .vmFor(op.vmId(), op.started(), false)
          .or(() -> e.world().vmFor(op.vmId(), op.started(), true))
          .ifPresent(v -> baselineOf.put(op, v.baselineKey()));
    }
    List<Violation> out = new ArrayList<>();
    for (OperationRecord op : calls) {
      String key = baselineOf.get(op);
      if (key == null) {
        continue; // I1 reports a call for an undeclared VM
      }
      Instant t = op.started();
      TreeSet<String> inside = new TreeSet<>();
      for (OperationRecord other : calls) {
        boolean running =
            !other.started().isAfter(t) && (other.ended() == null || other.ended().isAfter(t));
        if (running && key.equals(baselineOf.get(other))) {
          inside.add(other.vmName().toLowerCase(Locale.ROOT) + " (" + other.vmId() + ")");
        }
      }
      int limit = Math.max(limit(e, key, t, false), limit(e, key, t, true));
      if (inside.size() > limit) {
        out.add(
            new Violation(
                Invariant.I2,
                key,
                t,
                inside.size()
                    + " VMs in a reboot-capable operation, maxUnavailable allows "
                    + limit
                    + ": "
                    + inside));
      }
    }
    return out;
  }

  private static int limit(Evidence e, String key, Instant t, boolean before) {
    Optional<BaselineDecl> b =
        before ? e.world().baselineBefore(key, t) : e.world().baselineAt(key, t);
    if (b.isEmpty()) {
      return RolloutBudget.DEFAULT_MAX_UNAVAILABLE;
    }
    try {
      return RolloutBudget.maxUnavailable(
          b.get().maxUnavailable(), e.world().targeted(key, t, before));
    } catch (IllegalArgumentException invalid) {
      return RolloutBudget.DEFAULT_MAX_UNAVAILABLE;
    }
  }
}
