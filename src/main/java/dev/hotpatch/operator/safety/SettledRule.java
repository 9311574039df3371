package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.simulator.OperationRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * I5, at the end: no rollout slot is reserved for a VM with no reboot-capable operation running;
 * and, in a settled run, every HotpatchVM is converged or says why not.
 */
final class SettledRule {
  private SettledRule() {}

  static List<Violation> leakedSlots(Evidence e) {
    Set<String> running =
        e.clientRebootCalls().stream()
            .filter(OperationRecord::running)
            .map(o -> o.vmName().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    List<Violation> out = new ArrayList<>();
    for (String slot : e.end().heldSlots()) {
      String vm = slot.substring(slot.lastIndexOf('|') + 1).toLowerCase(Locale.ROOT);
      if (!running.contains(vm)) {
        out.add(
            new Violation(
                Invariant.I5,
                slot,
                e.end().time(),
                "rollout slot held with no reboot-capable operation running"));
      }
    }
    return out;
  }

  static List<Violation> notConverged(Evidence e, Invariant as) {
    List<Violation> out = new ArrayList<>();
    if (!e.end().settled()) {
      return out;
    }
    for (HotpatchVM vm : e.end().hotpatchVms()) {
      if (e.end().badObjects().contains(Convergence.key(vm))) {
        continue;
      }
      Optional<String> problem = Convergence.problemAtEnd(vm, e.end());
      problem.ifPresent(
          p ->
              out.add(
                  new Violation(
                      as,
                      Convergence.key(vm),
                      e.end().time(),
                      "not converged once faults stopped: " + p)));
    }
    return out;
  }
}
