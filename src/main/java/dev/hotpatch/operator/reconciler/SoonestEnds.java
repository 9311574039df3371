package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.policy.FollowInterval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long like work took lately in a subscription (an operation of a kind until Azure said
 * Succeeded; a transitioned VM until it was back), as this process saw it end: the shortest of the
 * last {@value #KEPT} is when the next one is worth looking at (FollowInterval). Before any ended,
 * the oldest seen still running in the last {@link #RUNNING_FRESH} says the same. Kept in memory: a
 * new pod learns again from what it sees.
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
  static Optional<Duration> since(String start, Instant now) {
    return instant(start).map(at -> Duration.between(at, now));
  }

  /** A time written in status; empty when there is none or it is unreadable. */
  static Optional<Instant> instant(String written) {
    if (written == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(written));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** How long a sighting of the oldest like work still running counts. */
  static final Duration RUNNING_FRESH = Duration.ofMinutes(5);

  private record Running(Instant since, Instant seenAt) {}

  private final Map<String, ArrayDeque<Duration>> took = new ConcurrentHashMap<>();
  private final Map<String, Running> oldestRunning = new ConcurrentHashMap<>();

  /** Like work going on since {@code since} was seen still running at {@code now}. */
  void stillRunning(String subscriptionId, String what, Instant since, Instant now) {
    if (subscriptionId == null || since == null || since.isAfter(now)) {
      return;
    }
    oldestRunning.compute(
        key(subscriptionId, what),
        (k, oldest) ->
            oldest == null
                    || !since.isAfter(oldest.since())
                    || oldest.seenAt().plus(RUNNING_FRESH).isBefore(now)
                ? new Running(since, now)
                : oldest);
  }

  /** What like work did lately, for FollowInterval. */
  FollowInterval.Seen seen(String subscriptionId, String what, Instant now) {
    Optional<Duration> longest = Optional.empty();
    if (subscriptionId != null) {
      Running oldest = oldestRunning.get(key(subscriptionId, what));
      if (oldest != null && !oldest.seenAt().plus(RUNNING_FRESH).isBefore(now)) {
        longest = Optional.of(Duration.between(oldest.since(), oldest.seenAt()));
      }
    }
    return new FollowInterval.Seen(soonest(subscriptionId, what), longest);
  }

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
