package dev.hotpatch.operator.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Compute-style request limits on the injected clock: at most {@code limit} requests per key in any
 * sliding minute. Keys look like "patch/vm/{id}" or "patch/sub/{sub}". Guarded by the simulator
 * lock.
 */
final class Throttler {
  private static final Duration WINDOW = Duration.ofMinutes(1);
  private final Map<String, Deque<Instant>> windows = new HashMap<>();

  /** Requests left for this key in the current window (before counting a new one). */
  int remaining(String key, int limit, Instant now) {
    return Math.max(0, limit - window(key, now).size());
  }

  /** Counts a request; false (and not counted) when the key is already at its limit. */
  boolean tryAcquire(String key, int limit, Instant now) {
    Deque<Instant> w = window(key, now);
    if (w.size() >= limit) {
      return false;
    }
    w.addLast(now);
    return true;
  }

  /** Counts a request without a limit (for the remaining-requests headers). */
  void record(String key, Instant now) {
    window(key, now).addLast(now);
  }

  private Deque<Instant> window(String key, Instant now) {
    Deque<Instant> w =
        windows.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>());
    Instant cutoff = now.minus(WINDOW);
    while (!w.isEmpty() && !w.peekFirst().isAfter(cutoff)) {
      w.removeFirst();
    }
    return w;
  }

  /**
   * Limits per minute. Defaults follow Compute's guest patch policy (2 per VM, 200 per
   * subscription) and High Cost Get (list: 300 per subscription); {@code retryAfterSeconds} is what
   * a 429 says (keep it small: the SDK's retry policy really sleeps on it).
   */
  record Limits(
      int patchPerVm, int patchPerSubscription, int listPerSubscription, int retryAfterSeconds) {
    static Limits defaults() {
      return new Limits(2, 200, 300, 1);
    }
  }
}
