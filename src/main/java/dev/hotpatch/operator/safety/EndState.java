package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.api.HotpatchVM;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the harness saw once a run ended.
 *
 * @param hotpatchVms every HotpatchVM on the API server, with status
 * @param heldSlots rollout slots the operator still reserves ("baseline|vm", as it keys them)
 * @param settled faults stopped and enough simulated time passed for everything to converge
 * @param operatorStopped why an operator stopped on its own (an informer error), null if none did
 * @param badObjects keys (namespace/name) of objects the run made invalid on purpose
 * @param atBound the run stopped at the bound after the faults stopped with VMs still behind
 *     (rather than because nothing could move any more): a VM waiting for a window that opens after
 *     the bound says why not
 */
public record EndState(
    Instant time,
    List<HotpatchVM> hotpatchVms,
    List<String> heldSlots,
    boolean settled,
    String operatorStopped,
    Set<String> badObjects,
    boolean atBound) {
  public EndState(
      Instant time,
      List<HotpatchVM> hotpatchVms,
      List<String> heldSlots,
      boolean settled,
      String operatorStopped,
      Set<String> badObjects) {
    this(time, hotpatchVms, heldSlots, settled, operatorStopped, badObjects, false);
  }

  public EndState {
    hotpatchVms = List.copyOf(hotpatchVms);
    heldSlots = List.copyOf(heldSlots);
    badObjects = Set.copyOf(badObjects);
  }
}
