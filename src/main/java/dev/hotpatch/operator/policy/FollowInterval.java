package dev.hotpatch.operator.policy;

import java.time.Duration;

/**
 * How soon to look again at something Azure is doing (an operation in flight, a VM coming back
 * after its reboot), from how long it has been going on. Early on the answer may come any moment (a
 * refusal, a quick install); later each look is less likely to find the end, and ARM's read bucket
 * (25 a second per subscription) is shared by every VM in flight: a wave of 1,000 VMs polled every
 * 15 s needs 67 reads a second. So the interval grows with the age: {@code base} for the first two
 * minutes, then an eighth of the age, at most {@code max}. A transition of 15 minutes is then
 * looked at about 30 times instead of 60, and its end seen about 30 s late at worst on average.
 */
public final class FollowInterval {
  /** Before this age the base interval holds. */
  static final Duration EARLY = Duration.ofMinutes(2);

  private FollowInterval() {}

  /**
   * @param base the interval while young (the operator's poll interval)
   * @param max the interval it grows to (at least {@code base})
   * @param age how long the operation (or the wait) has been going on; negative counts as zero
   */
  public static Duration after(Duration base, Duration max, Duration age) {
    if (age.isNegative() || age.compareTo(EARLY) < 0) {
      return base;
    }
    Duration grown = Duration.ofSeconds(age.toSeconds() / 8);
    Duration upper = max.compareTo(base) < 0 ? base : max;
    if (grown.compareTo(base) < 0) {
      return base;
    }
    return grown.compareTo(upper) > 0 ? upper : grown;
  }
}
