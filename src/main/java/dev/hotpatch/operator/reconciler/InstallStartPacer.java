package dev.hotpatch.operator.reconciler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps transition starts within Azure's guest patch quota per subscription
 * (Microsoft.Compute/VMGuestPatchOperationSubscriptionMaximum: 200 installPatches a minute). A wave
 * that opens more slots than that at once was refused thousands of times: each refusal gave the
 * slot back and the next VM was refused in turn. Now a VM whose start would exceed the quota keeps
 * its slot and starts when the quota allows; a 429 Azure sends anyway (other clients share the
 * quota) holds every start of the subscription back for its Retry-After.
 */
final class InstallStartPacer {
  /** Azure's quota: installPatches calls a subscription may send in a sliding minute. */
  static final int AZURE_STARTS_PER_MINUTE = 200;

  static final Duration WINDOW = Duration.ofMinutes(1);

  /** A 429 without a usable Retry-After holds starts back this long (and at least this long). */
  static final Duration MIN_HOLD = Duration.ofSeconds(10);

  private final int perMinute;
  private final Map<String, Deque<Instant>> starts = new HashMap<>();
  private final Map<String, Instant> heldUntil = new HashMap<>();

  /** VMs given a later turn, by namespace/name. */
  private final Map<String, Instant> turns = new HashMap<>();

  InstallStartPacer() {
    this(AZURE_STARTS_PER_MINUTE);
  }

  InstallStartPacer(int perMinute) {
    this.perMinute = perMinute;
  }

  /**
   * A start of {@code vm} now. One that may not go is given its own later turn (counted as a start
   * then), so the VMs waiting come back one by one as the quota frees, not all at once.
   *
   * @return empty: go (the start is counted); otherwise the instant of its turn
   */
  synchronized Optional<Instant> tryStart(String subscription, String vm, Instant now) {
    String key = subscription.toLowerCase(Locale.ROOT);
    Instant turn = turns.get(vm);
    if (turn != null && !now.isBefore(turn)) {
      turns.remove(vm);
      return Optional.empty(); // counted when the turn was given
    }
    if (turn != null) {
      return Optional.of(turn);
    }
    Deque<Instant> sent = starts.computeIfAbsent(key, k -> new ArrayDeque<>());
    Instant cutoff = now.minus(WINDOW);
    while (!sent.isEmpty() && !sent.peekFirst().isAfter(cutoff)) {
      sent.removeFirst();
    }
    Instant at = now;
    Instant held = heldUntil.get(key);
    if (held != null && at.isBefore(held)) {
      at = held;
    }
    if (sent.size() >= perMinute) {
      // The start perMinute places back leaves the window a minute after it was sent.
      Instant frees = nth(sent, sent.size() - perMinute).plus(WINDOW);
      at = frees.isAfter(at) ? frees : at;
    }
    sent.addLast(at);
    if (!at.isAfter(now)) {
      return Optional.empty();
    }
    turns.put(vm, at);
    return Optional.of(at);
  }

  /**
   * The start just counted for {@code vm} (tryStart said go) cannot go before {@code at} after all
   * (its read of the VM must wait for the subscription's read budget): it is counted at {@code at},
   * as its own turn, so the quota neither loses it nor counts it twice when it comes back.
   */
  synchronized void postpone(String subscription, String vm, Instant now, Instant at) {
    Deque<Instant> sent = starts.get(subscription.toLowerCase(Locale.ROOT));
    if (sent != null) {
      // Starts are counts: the latest one not after now stands for this VM's.
      Instant latest = null;
      for (Instant t : sent) {
        if (!t.isAfter(now) && (latest == null || t.isAfter(latest))) {
          latest = t;
        }
      }
      if (latest != null) {
        sent.removeLastOccurrence(latest);
      }
      List<Instant> sorted = new ArrayList<>(sent);
      sorted.add(at);
      sorted.sort(null);
      sent.clear();
      sent.addAll(sorted);
    }
    turns.put(vm, at);
  }

  /** The VM will not start (deleted, converged, its window closed): its turn goes. */
  synchronized void forget(String vm) {
    turns.remove(vm);
  }

  private static Instant nth(Deque<Instant> d, int n) {
    var it = d.iterator();
    for (int i = 0; i < n; i++) {
      it.next();
    }
    return it.next();
  }

  /** Azure refused a start with 429: nothing of this subscription starts before its Retry-After. */
  synchronized void throttled(String subscription, Instant now, Optional<Duration> retryAfter) {
    Duration hold = retryAfter.filter(d -> d.compareTo(MIN_HOLD) > 0).orElse(MIN_HOLD);
    heldUntil.merge(
        subscription.toLowerCase(Locale.ROOT), now.plus(hold), (a, b) -> a.isAfter(b) ? a : b);
  }

  /**
   * Says in status that the VM waits for its turn under the quota, and how long to wait.
   *
   * @param phase the phase meanwhile (WaitingForWindow for a transition, Installing for hotpatches)
   */
  static Duration sayWaiting(VmWork w, String phase, Instant turn, String message, Instant now) {
    w.status.phase = phase;
    w.condition(Conditions.BASELINE_CONVERGED, false, "AzureQuota", message);
    w.condition(Conditions.READY, false, "AzureQuota", message);
    Duration wait = Duration.between(now, turn);
    return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
  }
}
