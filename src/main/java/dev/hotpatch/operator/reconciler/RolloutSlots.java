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
   * @param inFlight VMs the cache shows transitioning onto this baseline
   * @param gate the reboot gate, given how many other VMs hold a slot
   */
  public synchronized GateDecision tryAcquire(String baseline, String vm, Set<String> inFlight, IntFunction<GateDecision> gate) {
    Set<String> holders = new HashSet<>(inFlight);
    holders.addAll(reserved.getOrDefault(baseline, Set.of()));
    holders.remove(vm);
    GateDecision decision = gate.apply(holders.size());
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

  /** Releases whatever slot this VM holds, on any baseline (it was deleted, or moved baseline). */
  public synchronized void releaseAll(String vm) {
    reserved.values().forEach(s -> s.remove(vm));
  }
}
