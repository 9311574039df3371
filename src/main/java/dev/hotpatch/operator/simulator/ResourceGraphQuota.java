package dev.hotpatch.operator.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Resource Graph's own throttling: a quota of queries per user in a fixed window (documented as
 * about 15 queries in 5 seconds), told in every answer as {@code x-ms-user-quota-remaining} and
 * {@code x-ms-user-quota-resets-after} (hh:mm:ss). The simulator has one user. Guarded by the
 * simulator lock.
 */
final class ResourceGraphQuota {
  private final int limit;
  private final Duration window;
  private Instant windowStart;
  private int used;

  ResourceGraphQuota(int limit, Duration window) {
    this.limit = limit;
    this.window = window;
  }

  static ResourceGraphQuota defaults() {
    return new ResourceGraphQuota(15, Duration.ofSeconds(5));
  }

  /** Counts a query; false (not counted) when the window's quota is spent. */
  boolean tryAcquire(Instant now) {
    roll(now);
    if (used >= limit) {
      return false;
    }
    used++;
    return true;
  }

  int remaining(Instant now) {
    roll(now);
    return Math.max(0, limit - used);
  }

  /** Until the window resets, in whole seconds rounded up (at least 1 while a window runs). */
  Duration resetsAfter(Instant now) {
    roll(now);
    if (windowStart == null) {
      return window;
    }
    long millis = Duration.between(now, windowStart.plus(window)).toMillis();
    return Duration.ofSeconds(Math.max(1, (millis + 999) / 1000));
  }

  static String hhmmss(Duration d) {
    long s = d.toSeconds();
    return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }

  private void roll(Instant now) {
    if (windowStart == null || !now.isBefore(windowStart.plus(window))) {
      windowStart = now;
      used = 0;
    }
  }
}
