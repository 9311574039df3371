package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.simulator.OperationRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * I3: one reboot-capable call per VM and target baseline. A call after one that Azure ended Failed
 * without a reboot is a retry of nothing, not a second reboot, and is allowed.
 */
final class OncePerTransitionRule {
  private OncePerTransitionRule() {}

  static List<Violation> check(Evidence e) {
    Map<String, List<OperationRecord>> byTarget = new HashMap<>();
    List<Violation> out = new ArrayList<>();
    for (OperationRecord op : e.clientRebootCalls()) {
      String key = op.vmId().toLowerCase(Locale.ROOT) + "|" + target(e, op);
      List<OperationRecord> earlier = byTarget.computeIfAbsent(key, k -> new ArrayList<>());
      List<String> counted =
          earlier.stream()
              .filter(o -> !("Failed".equals(o.status()) && !o.rebooted()))
              .map(OperationRecord::operationId)
              .toList();
      if (!counted.isEmpty()) {
        out.add(
            new Violation(
                Invariant.I3,
                op.vmId(),
                op.started(),
                "second reboot-capable call "
                    + op.action()
                    + " "
                    + op.operationId()
                    + " for target "
                    + target(e, op)
                    + " after "
                    + counted));
      }
      earlier.add(op);
    }
    return out;
  }

  /** The baseline KB the call moves the VM onto: from its KB filter, else the declared one. */
  static String target(Evidence e, OperationRecord op) {
    String declared =
        e.world()
            .vmFor(op.vmId(), op.started(), false)
            .flatMap(v -> e.world().baselineAt(v.baselineKey(), op.started()))
            .map(BaselineDecl::kb)
            .orElse("");
    if (!op.kbs().isEmpty()) {
      return Kbs.contains(op.kbs(), declared)
          ? Kbs.normal(declared)
          : String.join(",", op.kbs().stream().map(Kbs::normal).sorted().toList());
    }
    return Kbs.normal(declared);
  }
}
