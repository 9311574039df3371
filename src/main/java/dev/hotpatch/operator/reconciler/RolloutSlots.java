package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.policy.GateDecision;
import dev.hotpatch.operator.policy.GateReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Serialises the reboot gate per baseline, and wakes the VMs waiting for a slot when one frees.
 *
 * <p>VMs reconcile in parallel, and a transition shows in the informer cache only after its status
 * write lands; a reservation held here from the gate's "yes" until the transition ends closes that
 * gap, so two VMs never take the last slot together. The other way round, a transition this
 * operator saw end still shows in the cache until the status write lands; it is not counted
 * meanwhile, so the VM woken for the freed slot can take it at once.
 *
 * <p>A baseline's status changes do not reconcile its VMs (that was N² work while onboarding): a VM
 * that the gate sent away with NoRolloutSlot waits here, and each freed slot wakes the first one
 * waiting. A woken VM that does not ask the gate (it converged meanwhile, say) passes its turn on.
 */
public final class RolloutSlots {
  private final Map<String, Set<String>> reserved = new HashMap<>();

  /**
   * Failed transitions by baseline and KB, known here before the failing VM's status lands in the
   * cache.
   */
  private final Map<String, Set<String>> failed = new HashMap<>();

  /** VMs whose transition this operator saw end; their cached copy may still show it. */
  private final Set<String> ended = new HashSet<>();

  /** Per baseline, the VMs waiting for a slot, first come first served. */
  private final Map<String, LinkedHashSet<String>> waiting = new HashMap<>();

  /** VMs woken for a freed slot that have not asked the gate yet, with the baseline. */
  private final Map<String, String> woken = new HashMap<>();

  private volatile Consumer<Set<String>> wake = vms -> {};

  /** Counts for the gate: other VMs holding a slot, and failed transitions onto the baseline. */
  @FunctionalInterface
  public interface Gate {
    GateDecision decide(int othersTransitioning, int failedTransitions);
  }

  /** Who reconciles the VMs woken for a freed slot (namespace/name each). */
  public void onWake(Consumer<Set<String>> wake) {
    this.wake = wake;
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
  public GateDecision tryAcquire(
      String baseline,
      String kb,
      String vm,
      Set<String> inFlight,
      Set<String> failedInCache,
      Gate gate) {
    GateDecision decision;
    synchronized (this) {
      woken.remove(vm);
      Set<String> holders = new HashSet<>(inFlight);
      holders.removeAll(ended);
      holders.addAll(reserved.getOrDefault(baseline, Set.of()));
      holders.remove(vm);
      Set<String> failures = new HashSet<>(failedInCache);
      failures.addAll(failed.getOrDefault(baseline + "|" + kb, Set.of()));
      decision = gate.decide(holders.size(), failures.size());
      if (decision.allowed()) {
        reserved.computeIfAbsent(baseline, b -> new HashSet<>()).add(vm);
        ended.remove(vm);
        removeWaiter(baseline, vm);
      } else if (decision.reason() == GateReason.NoRolloutSlot) {
        waiting.computeIfAbsent(baseline, b -> new LinkedHashSet<>()).add(vm);
      } else {
        removeWaiter(baseline, vm); // waits for the calendar or a person, not for a slot
      }
    }
    return decision;
  }

  public void release(String baseline, String vm) {
    Set<String> toWake = new HashSet<>();
    synchronized (this) {
      Set<String> holders = reserved.get(baseline);
      if (holders != null && holders.remove(vm)) {
        ended.add(vm);
        wakeNext(baseline, toWake);
      }
    }
    wakeAll(toWake);
  }

  /**
   * The transition of this VM onto this baseline is over (Azure said so, or refused to start it),
   * whether or not this operator reserved its slot (it may have started before a restart).
   */
  public void transitionEnded(String baseline, String vm) {
    Set<String> toWake = new HashSet<>();
    synchronized (this) {
      for (Map.Entry<String, Set<String>> e : reserved.entrySet()) {
        if (e.getValue().remove(vm) && !e.getKey().equals(baseline)) {
          wakeNext(e.getKey(), toWake);
        }
      }
      ended.add(vm);
      wakeNext(baseline, toWake);
    }
    wakeAll(toWake);
  }

  /** A transition onto this baseline's KB failed on this VM; counts against the budget at once. */
  public synchronized void recordFailure(String baseline, String kb, String vm) {
    failed.computeIfAbsent(baseline + "|" + kb, k -> new HashSet<>()).add(vm);
  }

  /** Releases whatever slot this VM holds, on any baseline (it was deleted, or moved baseline). */
  public void releaseAll(String vm) {
    Set<String> toWake = new HashSet<>();
    synchronized (this) {
      for (Map.Entry<String, Set<String>> e : reserved.entrySet()) {
        if (e.getValue().remove(vm)) {
          ended.add(vm);
          wakeNext(e.getKey(), toWake);
        }
      }
    }
    wakeAll(toWake);
  }

  /** The VM is gone: it waits for nothing and holds nothing. */
  public void forget(String vm) {
    releaseAll(vm);
    Set<String> toWake = new HashSet<>();
    synchronized (this) {
      waiting.values().forEach(w -> w.remove(vm));
      String turn = woken.remove(vm);
      if (turn != null) {
        wakeNext(turn, toWake);
      }
      ended.remove(vm);
    }
    wakeAll(toWake);
  }

  /**
   * A reconcile of this VM ended. Woken for a freed slot and it never asked the gate: the slot may
   * still be free, so the next VM waiting gets its turn.
   */
  public void reconcileEnded(String vm) {
    Set<String> toWake = new HashSet<>();
    synchronized (this) {
      String turn = woken.remove(vm);
      if (turn != null) {
        removeWaiter(turn, vm);
        wakeNext(turn, toWake);
      }
    }
    wakeAll(toWake);
  }

  /** VMs waiting for a slot on this baseline, in order: for checks and metrics. */
  public synchronized List<String> waiting(String baseline) {
    return List.copyOf(waiting.getOrDefault(baseline, new LinkedHashSet<>()));
  }

  /** Every reservation held now, as "baseline|vm" (namespace/name each): for checks and metrics. */
  public synchronized List<String> holders() {
    List<String> out = new ArrayList<>();
    reserved.forEach((baseline, vms) -> vms.forEach(vm -> out.add(baseline + "|" + vm)));
    return out;
  }

  private void removeWaiter(String baseline, String vm) {
    Set<String> w = waiting.get(baseline);
    if (w != null) {
      w.remove(vm);
    }
  }

  /** Takes the first VM waiting on this baseline and marks it woken. Guarded by this. */
  private void wakeNext(String baseline, Set<String> toWake) {
    LinkedHashSet<String> w = waiting.get(baseline);
    if (w == null) {
      return;
    }
    Iterator<String> first = w.iterator();
    while (first.hasNext()) {
      String next = first.next();
      first.remove();
      if (!woken.containsKey(next)) {
        woken.put(next, baseline);
        toWake.add(next);
        return;
      }
    }
  }

  private void wakeAll(Set<String> vms) {
    if (!vms.isEmpty()) {
      wake.accept(vms);
    }
  }
}
