package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.policy.GateDecision;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Serialises the reboot gate per baseline. VMs reconcile in parallel, and a transition shows in the
 * informer cache only after its status write lands; a reservation held here from the gate's "yes"
 * until the transition ends closes that gap, so two VMs never take the last slot together.
 */
public final class RolloutSlots {
  private final Map<String, Set<String>> reserved = new HashMap<>();

  /**
   * Failed transitions by baseline and KB, known here before the failing VM's status lands in the
   * cache.
   */
  private final Map<String, Set<String>> failed = new HashMap<>();

  /** Counts for the gate: other VMs holding a slot, and failed transitions onto the baseline. */
  @FunctionalInterface
  public interface Gate {
    GateDecision decide(int othersTransitioning, int failedTransitions);
  }

  /** Like {@link #tryAcquire(String, String, String, Set, Set, Gate)} without failures to count. */
  public GateDecision tryAcquire(
      String baseline, String vm, Set<String> inFlight, IntFunction<GateDecision> gate) {
    return tryAcquire(
        baseline, "", vm, inFlight, Set.of(), (others, failures) -> gate.apply(others));
  }

  /**
   * @param kb the baseline's KB (failures count per KB: a new baseline starts with a fresh budget)
   * @param inFlight VMs the cache shows transitioning onto this baseline
   * @param failedInCache VMs the cache shows with a failed transition onto this KB
   * @param gate the reboot gate, given the counts
   */
  public synchronized GateDecision tryAcquire(
      String baseline,
      String kb,
      String vm,
      Set<String> inFlight,
      Set<String> failedInCache,
      Gate gate) {
    Set<String> holders = new HashSet<>(inFlight);
    holders.addAll(reserved.getOrDefault(baseline, Set.of()));
    holders.remove(vm);
    Set<String> failures = new HashSet<>(failedInCache);
    failures.addAll(failed.getOrDefault(baseline + "|" + kb, Set.of()));
    GateDecision decision = gate.decide(holders.size(), failures.size());
    if (decision.allowed()) {
      reserved.computeIfAbsent(baseline, b -> new HashSet<>()).add(vm);
    }
    return decision;
  }

  public synchronized void release(String baseline, String vm) {
    Set<String> holders = reserved.get(baseline);
    if (holders != null) {
      holders.remove(vm);
    }
  }

  /** A transition onto this baseline's KB failed on this VM; counts against the budget at once. */
  public synchronized void recordFailure(String baseline, String kb, String vm) {
    failed.computeIfAbsent(baseline + "|" + kb, k -> new HashSet<>()).add(vm);
  }

  /** Releases whatever slot this VM holds, on any baseline (it was deleted, or moved baseline). */
  public synchronized void releaseAll(String vm) {
    reserved.values().forEach(s -> s.remove(vm));
  }

  /** Every reservation held now, as "baseline|vm" (namespace/name each): for checks and metrics. */
  public synchronized java.util.List<String> holders() {
    java.util.List<String> out = new java.util.ArrayList<>();
    reserved.forEach((baseline, vms) -> vms.forEach(vm -> out.add(baseline + "|" + vm)));
    return out;
  }
}
