package dev.hotpatch.operator.safety;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The checker's verdict on one run, with the counts the bench reports. */
public record CheckResult(
    List<Violation> violations,
    int rebootCalls,
    int doubleCalls,
    int leakedSlots,
    int notConverged) {
  public CheckResult {
    violations = List.copyOf(violations);
  }

  public boolean ok() {
    return violations.isEmpty();
  }

  public Map<Invariant, Integer> byInvariant() {
    Map<Invariant, Integer> out = new EnumMap<>(Invariant.class);
    for (Invariant i : Invariant.values()) {
      out.put(i, 0);
    }
    violations.forEach(v -> out.merge(v.invariant(), 1, Integer::sum));
    return out;
  }

  public boolean has(Invariant i) {
    return violations.stream().anyMatch(v -> v.invariant() == i);
  }
}
