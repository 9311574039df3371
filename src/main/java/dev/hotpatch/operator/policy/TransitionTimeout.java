package dev.hotpatch.operator.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * When to give up waiting on a baseline transition: Azure stops an install after its
 * maximumDuration; the margin covers the reboot and the status reaching us.
 */
public final class TransitionTimeout {
  private TransitionTimeout() {}

  public static Instant deadline(Instant started, Duration maximumDuration, Duration margin) {
    return started.plus(maximumDuration).plus(margin);
  }

  /** Expired at the deadline itself, not only after it. */
  public static boolean expired(
      Instant started, Duration maximumDuration, Duration margin, Instant now) {
    return !now.isBefore(deadline(started, maximumDuration, margin));
  }
}
