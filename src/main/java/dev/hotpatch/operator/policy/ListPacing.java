package dev.hotpatch.operator.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a subscription's fleet loader spends Azure's read budget: pages spread out in time (Compute
 * allows a few hundred list calls a minute per subscription, shared with everyone else reading it),
 * a back-off after a failure that honours Retry-After, a short refresh interval while something in
 * the subscription is in flight and a long one when all is quiet, and the age past which the view
 * is too old to decide a reboot on.
 *
 * @param pagesPerMinute the most pages sent in a minute, whatever Azure says is left
 * @param firstBackoff the wait after a first failure; doubles with each failure in a row
 * @param maxBackoff the longest wait after failures (unless Azure's Retry-After says longer)
 * @param activeInterval how long after one complete list the next starts while operations run
 * @param idleInterval the same when nothing in the subscription is in flight
 * @param staleAfter how old the last complete list may be for the reboot gate to open
 */
public record ListPacing(
    int pagesPerMinute,
    Duration firstBackoff,
    Duration maxBackoff,
    Duration activeInterval,
    Duration idleInterval,
    Duration staleAfter) {

  public ListPacing {
    if (pagesPerMinute < 1) {
      throw new IllegalArgumentException("pagesPerMinute must be at least 1");
    }
  }

  /**
   * 100 pages a minute (a third of Compute's list budget); the idle interval five active ones; a
   * view is stale after three idle intervals.
   */
  public static ListPacing defaults(Duration activeInterval) {
    Duration idle = activeInterval.multipliedBy(5);
    return new ListPacing(
        100,
        Duration.ofSeconds(5),
        Duration.ofMinutes(5),
        activeInterval,
        idle,
        idle.multipliedBy(3));
  }

  /** Compute's throttling counts what is left in a window of about a minute. */
  public static final Duration MINUTE_WINDOW = Duration.ofMinutes(1);

  /**
   * When the page after one sent at {@code sentAt} may go: the steady spacing, or wider when Azure
   * says little is left (what is left is spread over the rest of its minute).
   */
  public Instant nextPage(Instant sentAt, OptionalInt remaining) {
    return nextPage(sentAt, remaining, MINUTE_WINDOW);
  }

  /**
   * The same for a source whose quota refills every {@code window} (Resource Graph: 15 queries per
   * 5 seconds), so "2 left" is two in the next few seconds, not in the next minute.
   */
  public Instant nextPage(Instant sentAt, OptionalInt remaining, Duration window) {
    long gapMillis = 60_000L / pagesPerMinute;
    if (remaining.isPresent()) {
      gapMillis = Math.max(gapMillis, window.toMillis() / (remaining.getAsInt() + 1L));
    }
    return sentAt.plusMillis(gapMillis);
  }

  /** When to try again after {@code failuresInARow} failed pages (at least 1). */
  public Instant retryAt(Instant failedAt, int failuresInARow, Optional<Duration> retryAfter) {
    int doublings = Math.min(Math.max(failuresInARow, 1) - 1, 20);
    Duration backoff = firstBackoff.multipliedBy(1L << doublings);
    if (backoff.compareTo(maxBackoff) > 0) {
      backoff = maxBackoff;
    }
    if (retryAfter.isPresent() && retryAfter.get().compareTo(backoff) > 0) {
      backoff = retryAfter.get();
    }
    return failedAt.plus(backoff);
  }

  /** When the next complete list starts after one that finished at {@code finishedAt}. */
  public Instant nextRefresh(Instant finishedAt, boolean somethingInFlight) {
    return finishedAt.plus(somethingInFlight ? activeInterval : idleInterval);
  }

  /** A view last completed at {@code loadedAt} is too old at {@code now} to open the gate. */
  public boolean stale(Instant loadedAt, Instant now) {
    return loadedAt == null || Duration.between(loadedAt, now).compareTo(staleAfter) > 0;
  }
}
