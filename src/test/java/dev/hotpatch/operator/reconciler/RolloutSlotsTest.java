package dev.hotpatch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.policy.GateDecision;
import dev.hotpatch.operator.policy.GateReason;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Two VMs reconciling at once never both take the last rollout slot. */
class RolloutSlotsTest {
  private static IntFunction<GateDecision> maxUnavailable(int max) {
    return others ->
        others < max
            ? new GateDecision(true, GateReason.Allowed, "ok", Optional.empty(), Optional.empty())
            : new GateDecision(
                false, GateReason.NoRolloutSlot, "full", Optional.empty(), Optional.empty());
  }

  @RepeatedTest(20)
  void concurrentReconcilesNeverExceedMaxUnavailable() throws Exception {
    RolloutSlots slots = new RolloutSlots();
    Set<String> allowed = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    for (int i = 0; i < 16; i++) {
      String vm = "vm-" + i;
      pool.submit(
          () -> {
            go.await();
            if (slots.tryAcquire("ns/ws2022", vm, Set.of(), maxUnavailable(2)).allowed()) {
              allowed.add(vm);
            }
            return null;
          });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(allowed).hasSize(2);
  }

  @Test
  void transitionsSeenInTheCacheCountAndTheVmItselfDoesNot() {
    RolloutSlots slots = new RolloutSlots();
    assertThat(slots.tryAcquire("b", "vm-1", Set.of("vm-2"), maxUnavailable(1)).allowed())
        .isFalse();
    assertThat(slots.tryAcquire("b", "vm-2", Set.of("vm-2"), maxUnavailable(1)).allowed()).isTrue();
    // vm-2 holds the slot until it is released, even before the cache shows its transition.
    assertThat(slots.tryAcquire("b", "vm-3", Set.of(), maxUnavailable(1)).allowed()).isFalse();
    slots.releaseAll("vm-2");
    assertThat(slots.tryAcquire("b", "vm-3", Set.of(), maxUnavailable(1)).allowed()).isTrue();
  }

  @Test
  void slotsAreCountedPerBaseline() {
    RolloutSlots slots = new RolloutSlots();
    assertThat(slots.tryAcquire("ns/ws2022", "a", Set.of(), maxUnavailable(1)).allowed()).isTrue();
    assertThat(slots.tryAcquire("ns/ws2025", "b", Set.of(), maxUnavailable(1)).allowed()).isTrue();
    assertThat(slots.tryAcquire("ns/ws2022", "c", Set.of(), maxUnavailable(1)).allowed()).isFalse();
  }
}
