package dev.hotpatch.operator.policy;

import java.time.Duration;
import java.util.Optional;

/**
 * How soon to look again at something Azure is doing (an operation in flight, a VM coming back
 * after its reboot), from how long it has been going on. Early on the answer may come any moment (a
 * refusal, a quick install); later each look is less likely to find the end, and ARM's read bucket
 * (25 a second per subscription) is shared by every VM in flight: a wave of 1,000 VMs polled every
 * 15 s needs 67 reads a second. So the interval grows with the age: {@code base} for the first two
 * minutes, then an eighth of the age, at most {@code max}. A transition of 15 minutes is then
 * looked at about 30 times instead of 60, and its end seen about 30 s late at worst on average.
 *
 * <p>That is still too many at 10,000 VMs: a wave of 1,000 transitions at once needs about 42 reads
 * each (operation polls, then VM reads while it comes back) over a 15-minute round, 47 a second. So
 * what like work in the subscription did lately is the guide ({@link Seen}). Once some of it has
 * ended, nothing is likely to end much before the soonest of those ends: the look waits until just
 * before it (one base interval early, so an estimate that is too late corrects itself), at most
 * {@link #SLEEP_MAXES} max intervals at a time (an end well before it is seen that late at worst),
 * and from there the interval grows as above. Before any has ended (the first round of a wave, a
 * new pod), like work seen still running at a greater age says the same of this one: only the
 * oldest are followed by their age, the younger wait until they are as old, so 1,000 transitions
 * started over 5 minutes do not all poll every 15 s while none has ended yet.
 */
public final class FollowInterval {
  /** Before this age the base interval holds. */
  static final Duration EARLY = Duration.ofMinutes(2);

  /** The longest wait towards the soonest end, in max intervals. */
  static final int SLEEP_MAXES = 4;

  private FollowInterval() {}

  /**
   * What like work did lately, as this process saw it.
   *
   * @param soonestEnd the shortest time it took to end (empty: none ended yet)
   * @param longestRunning the greatest age at which it was seen still running lately
   */
  public record Seen(Optional<Duration> soonestEnd, Optional<Duration> longestRunning) {
    public static final Seen NOTHING = new Seen(Optional.empty(), Optional.empty());
  }

  public static Duration after(Duration base, Duration max, Duration age, Seen seen) {
    Duration a = age.isNegative() ? Duration.ZERO : age;
    if (seen.soonestEnd().isPresent()) {
      Duration wakeAt = seen.soonestEnd().get().minus(base);
      return a.compareTo(wakeAt) >= 0
          ? after(base, max, a.minus(wakeAt))
          : sleep(base, max, a, wakeAt);
    }
    if (seen.longestRunning().isPresent()) {
      // This one is among the oldest: followed by its own age, as with nothing known.
      Duration wakeAt = seen.longestRunning().get().minus(base);
      return a.compareTo(wakeAt) >= 0 ? after(base, max, a) : sleep(base, max, a, wakeAt);
    }
    return after(base, max, age);
  }

  private static Duration sleep(Duration base, Duration max, Duration age, Duration wakeAt) {
    Duration upper = max.compareTo(base) < 0 ? base : max;
    Duration sleep = wakeAt.minus(age);
    Duration cap = upper.multipliedBy(SLEEP_MAXES);
    if (sleep.compareTo(cap) > 0) {
      return cap;
    }
    return sleep.compareTo(base) < 0 ? base : sleep;
  }

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
