package dev.hotpatch.operator.reconciler;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long like work took lately in a subscription (an operation of a kind until Azure said
 * Succeeded; a transitioned VM until it was back), as this process saw it end: the shortest of the
 * last {@value #KEPT} is when the next one is worth looking at (FollowInterval). Kept in memory: a
 * new pod learns again from the first ends it sees.
 */
final class SoonestEnds {
  static final int KEPT = 32;

  /** What ended: an operation of a kind, or the return of a VM after it. */
  static String operation(String kind) {
    return kind + "/operation";
  }

  static String returnAfter(String kind) {
    return kind + "/return";
  }

  /**
   * From a time written in status until {@code now}; empty when there is none or it is unreadable.
   */
  static Optional<Duration> since(String start, java.time.Instant now) {
    if (start == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.between(java.time.Instant.parse(start), now));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private final Map<String, ArrayDeque<Duration>> took = new ConcurrentHashMap<>();

  void record(String subscriptionId, String what, Duration duration) {
    if (subscriptionId == null || duration.isNegative()) {
      return; // Azure's clock ahead of ours says nothing about how long it took
    }
    ArrayDeque<Duration> recent =
        took.computeIfAbsent(key(subscriptionId, what), k -> new ArrayDeque<>());
    synchronized (recent) {
      recent.addLast(duration);
      while (recent.size() > KEPT) {
        recent.removeFirst();
      }
    }
  }

  Optional<Duration> soonest(String subscriptionId, String what) {
    if (subscriptionId == null) {
      return Optional.empty();
    }
    ArrayDeque<Duration> recent = took.get(key(subscriptionId, what));
    if (recent == null) {
      return Optional.empty();
    }
    synchronized (recent) {
      return recent.stream().min(Duration::compareTo);
    }
  }

  private static String key(String subscriptionId, String what) {
    return subscriptionId.toLowerCase(Locale.ROOT) + "/" + what;
  }
}
