package dev.hotpatch.operator.safety;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** What a bench run did and found, summed over its schedules. */
public final class Stats {
  public int schedules;
  public long simulatedMinutes;
  public int userActions;
  public final Map<String, Integer> faults = new TreeMap<>();
  public int crashes;
  public int restarts;
  public int handovers;
  public int rebootCalls;
  public final Map<Invariant, Integer> violations = new EnumMap<>(Invariant.class);
  public int doubleCalls;
  public int leakedSlots;
  public int notConverged;
  public double wallSeconds;

  /**
   * Where the wall time went: steps settled, and nanoseconds settling, starting worlds, cleaning.
   */
  public long steps;

  /** Schedules the harness could not run (its own bug): reported, never counted as passing. */
  public int harnessErrors;

  public long slowSettles;
  public long settleTimeouts;

  public long settleNanos;
  public long worldNanos;
  public long cleanupNanos;

  public Stats() {
    for (Invariant i : Invariant.values()) {
      violations.put(i, 0);
    }
  }

  void add(Schedule s, CheckResult r, long minutes) {
    schedules++;
    simulatedMinutes += minutes;
    for (Action a : s.actions()) {
      if (a.kind().fault()) {
        faults.merge(a.kind().word(), 1, Integer::sum);
      } else {
        userActions++;
      }
    }
    rebootCalls += r.rebootCalls();
    r.byInvariant().forEach((i, n) -> violations.merge(i, n, Integer::sum));
    doubleCalls += r.doubleCalls();
    leakedSlots += r.leakedSlots();
    notConverged += r.notConverged();
  }

  public int totalViolations() {
    return violations.values().stream().mapToInt(Integer::intValue).sum();
  }
}
