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

  /** Pods restarted because an informer stopped (a watch broke), not because a fault said so. */
  public int informerStops;

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
  public long leaderNanos;
  public long firstNanos;
  public long resyncNanos;
  public long idleNanos;
  public long reconciles;

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

  /** Adds another worker's figures (not its wall time: workers run side by side). */
  synchronized void merge(Stats o) {
    schedules += o.schedules;
    simulatedMinutes += o.simulatedMinutes;
    userActions += o.userActions;
    o.faults.forEach((k, v) -> faults.merge(k, v, Integer::sum));
    crashes += o.crashes;
    informerStops += o.informerStops;
    restarts += o.restarts;
    handovers += o.handovers;
    rebootCalls += o.rebootCalls;
    o.violations.forEach((k, v) -> violations.merge(k, v, Integer::sum));
    doubleCalls += o.doubleCalls;
    leakedSlots += o.leakedSlots;
    notConverged += o.notConverged;
    steps += o.steps;
    harnessErrors += o.harnessErrors;
    slowSettles += o.slowSettles;
    settleTimeouts += o.settleTimeouts;
    settleNanos += o.settleNanos;
    worldNanos += o.worldNanos;
    cleanupNanos += o.cleanupNanos;
    leaderNanos += o.leaderNanos;
    firstNanos += o.firstNanos;
    resyncNanos += o.resyncNanos;
    idleNanos += o.idleNanos;
    reconciles += o.reconciles;
  }

  public int totalViolations() {
    return violations.values().stream().mapToInt(Integer::intValue).sum();
  }
}
