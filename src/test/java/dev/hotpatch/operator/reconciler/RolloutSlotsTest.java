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

  private final java.util.List<Set<String>> woken = new java.util.ArrayList<>();

  private RolloutSlots waking() {
    RolloutSlots slots = new RolloutSlots();
    slots.onWake(woken::add);
    return slots;
  }

  /** A freed slot wakes the first VM waiting, one, not every VM of the baseline. */
  @Test
  void aFreedSlotWakesTheFirstWaiterOnly() {
    RolloutSlots slots = waking();
    assertThat(slots.tryAcquire("b", "ns/vm-1", Set.of(), maxUnavailable(1)).allowed()).isTrue();
    for (int i = 2; i <= 5; i++) {
      assertThat(slots.tryAcquire("b", "ns/vm-" + i, Set.of(), maxUnavailable(1)).allowed())
          .isFalse();
    }
    assertThat(slots.waiting("b")).containsExactly("ns/vm-2", "ns/vm-3", "ns/vm-4", "ns/vm-5");
    assertThat(woken).isEmpty();
    slots.transitionEnded("b", "ns/vm-1");
    assertThat(woken).containsExactly(Set.of("ns/vm-2"));
    // vm-2 asks and takes the slot; nobody else is woken.
    assertThat(slots.tryAcquire("b", "ns/vm-2", Set.of(), maxUnavailable(1)).allowed()).isTrue();
    slots.reconcileEnded("ns/vm-2");
    assertThat(woken).hasSize(1);
    assertThat(slots.waiting("b")).containsExactly("ns/vm-3", "ns/vm-4", "ns/vm-5");
  }

  /**
   * The transition that ended still shows in the informer cache until its status write lands; the
   * VM woken for its slot must not be sent away for it (it would wait until the next resync).
   */
  @Test
  void aTransitionSeenToEndIsNotCountedFromAStaleCache() {
    RolloutSlots slots = waking();
    assertThat(slots.tryAcquire("b", "ns/vm-1", Set.of(), maxUnavailable(1)).allowed()).isTrue();
    assertThat(slots.tryAcquire("b", "ns/vm-2", Set.of("ns/vm-1"), maxUnavailable(1)).allowed())
        .isFalse();
    slots.transitionEnded("b", "ns/vm-1");
    assertThat(slots.tryAcquire("b", "ns/vm-2", Set.of("ns/vm-1"), maxUnavailable(1)).allowed())
        .as("the cache still shows vm-1 transitioning")
        .isTrue();
    assertThat(slots.tryAcquire("b", "ns/vm-3", Set.of("ns/vm-1"), maxUnavailable(1)).allowed())
        .as("vm-2 holds it now")
        .isFalse();
  }

  /** After a restart the cache is all there is: a transition that ends there wakes a waiter. */
  @Test
  void aTransitionStartedBeforeARestartWakesAWaiterWhenItEnds() {
    RolloutSlots slots = waking();
    assertThat(slots.tryAcquire("b", "ns/vm-2", Set.of("ns/vm-1"), maxUnavailable(1)).allowed())
        .isFalse();
    slots.transitionEnded("b", "ns/vm-1");
    assertThat(woken).containsExactly(Set.of("ns/vm-2"));
    assertThat(slots.tryAcquire("b", "ns/vm-2", Set.of("ns/vm-1"), maxUnavailable(1)).allowed())
        .isTrue();
  }

  /** A woken VM that does not ask the gate (it converged meanwhile) passes its turn on. */
  @Test
  void aWokenVmThatDoesNotAskPassesItsTurnOn() {
    RolloutSlots slots = waking();
    slots.tryAcquire("b", "ns/vm-1", Set.of(), maxUnavailable(1));
    slots.tryAcquire("b", "ns/vm-2", Set.of(), maxUnavailable(1));
    slots.tryAcquire("b", "ns/vm-3", Set.of(), maxUnavailable(1));
    slots.transitionEnded("b", "ns/vm-1");
    assertThat(woken).containsExactly(Set.of("ns/vm-2"));
    slots.reconcileEnded("ns/vm-2");
    assertThat(woken).containsExactly(Set.of("ns/vm-2"), Set.of("ns/vm-3"));
  }

  /** Gate reasons other than a full rollout wait for the calendar or a person, not for a slot. */
  @Test
  void onlyNoRolloutSlotWaitsForASlot() {
    RolloutSlots slots = waking();
    slots.tryAcquire("b", "ns/vm-1", Set.of(), maxUnavailable(1));
    slots.tryAcquire("b", "ns/vm-2", Set.of(), maxUnavailable(1));
    assertThat(slots.waiting("b")).containsExactly("ns/vm-2");
    slots.tryAcquire(
        "b",
        "ns/vm-2",
        Set.of(),
        others ->
            new GateDecision(
                false,
                GateReason.OutsideMaintenanceWindow,
                "closed",
                Optional.empty(),
                Optional.empty()));
    assertThat(slots.waiting("b")).isEmpty();
    slots.transitionEnded("b", "ns/vm-1");
    assertThat(woken).isEmpty();
  }

  @Test
  void aDeletedVmNeitherWaitsNorHoldsAndItsTurnPassesOn() {
    RolloutSlots slots = waking();
    slots.tryAcquire("b", "ns/vm-1", Set.of(), maxUnavailable(1));
    slots.tryAcquire("b", "ns/vm-2", Set.of(), maxUnavailable(1));
    slots.tryAcquire("b", "ns/vm-3", Set.of(), maxUnavailable(1));
    slots.forget("ns/vm-2");
    assertThat(slots.waiting("b")).containsExactly("ns/vm-3");
    slots.forget("ns/vm-1");
    assertThat(woken).containsExactly(Set.of("ns/vm-3"));
    assertThat(slots.holders()).isEmpty();
  }

  /** Names repeat across namespaces: a slot freed in one never wakes a namesake in another. */
  @Test
  void wakingIsPerBaselineAndNamespace() {
    RolloutSlots slots = waking();
    slots.tryAcquire("a/ws2022", "a/web-1", Set.of(), maxUnavailable(1));
    slots.tryAcquire("a/ws2022", "a/web-2", Set.of(), maxUnavailable(1));
    slots.tryAcquire("b/ws2022", "b/web-1", Set.of(), maxUnavailable(1));
    slots.tryAcquire("b/ws2022", "b/web-2", Set.of(), maxUnavailable(1));
    slots.transitionEnded("b/ws2022", "b/web-1");
    assertThat(woken).containsExactly(Set.of("b/web-2"));
  }
}
