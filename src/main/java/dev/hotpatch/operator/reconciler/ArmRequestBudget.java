package dev.hotpatch.operator.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the reconcilers' reads of each subscription under ARM's read bucket (250 tokens refilled 25
 * a second per subscription and principal): a wave of 1,000 transitions polled as one of 20 is a
 * hundred reads a second, and every one over the bucket comes back 429. A read that would go over
 * is not sent: its VM is given a turn of its own (counted then), so the VMs waiting come back one
 * by one at the budget's pace, not all at once. The fleet lists are paced by their loader and stay
 * under what this budget leaves of ARM's rate.
 */
final class ArmRequestBudget {
  /** Reads a second per subscription: ARM's 25 less room for the lists and other clients. */
  static final double DEFAULT_READS_PER_SECOND = 20;

  /**
   * Reconciles whose first read may go at once after a quiet spell. ARM's bucket holds 250, and a
   * reconcile's later reads are counted but not refused (a VM back from its reboot is read, then
   * its result): at 100, a burst of 1,000 transitions ending together sent 539 reads in 10 s and
   * ARM refused 367 of the 10,000-VM wave's reads.
   */
  static final int DEFAULT_BURST = 40;

  /** Orchestrating PATCHes a second per subscription: ARM refills 10 write tokens a second. */
  static final double DEFAULT_WRITES_PER_SECOND = 8;

  /** PATCHes that may go at once (ARM's write bucket holds 200; starts and others share it). */
  static final int DEFAULT_WRITE_BURST = 100;

  static ArmRequestBudget reads(Clock clock) {
    return new ArmRequestBudget(clock, DEFAULT_READS_PER_SECOND, DEFAULT_BURST);
  }

  static ArmRequestBudget writes(Clock clock) {
    return new ArmRequestBudget(clock, DEFAULT_WRITES_PER_SECOND, DEFAULT_WRITE_BURST);
  }

  private final Clock clock;
  private final Duration interval;
  private final Duration tolerance;
  private final Map<String, Instant> nextFree = new HashMap<>();
  private final Map<String, Instant> turns = new HashMap<>();

  ArmRequestBudget(Clock clock, double readsPerSecond, int burst) {
    this.clock = clock;
    this.interval = Duration.ofNanos((long) (1e9 / readsPerSecond));
    this.tolerance = interval.multipliedBy(Math.max(0, burst - 1));
  }

  /**
   * One read of {@code subscription} by {@code reader} (a VM's namespace/name) now.
   *
   * @return empty: send it (counted); otherwise the reader's turn, when it may
   */
  synchronized Optional<Instant> tryTake(String subscription, String reader) {
    Instant now = clock.instant();
    String sub = subscription.toLowerCase(Locale.ROOT);
    String key = sub + "|" + reader;
    Instant turn = turns.get(key);
    if (turn != null) {
      if (now.isBefore(turn)) {
        return Optional.of(turn);
      }
      turns.remove(key);
      return Optional.empty(); // counted when the turn was given
    }
    Instant tat = nextFree.getOrDefault(sub, now);
    if (tat.isBefore(now)) {
      tat = now;
    }
    Instant allowed = tat.minus(tolerance);
    nextFree.put(sub, tat.plus(interval));
    if (!allowed.isAfter(now)) {
      return Optional.empty();
    }
    turns.put(key, allowed);
    return Optional.of(allowed);
  }

  /**
   * A read that must go now (it confirms a write just made): counted, never refused; the readers
   * after it wait the longer.
   */
  synchronized void take(String subscription) {
    Instant now = clock.instant();
    String sub = subscription.toLowerCase(Locale.ROOT);
    Instant tat = nextFree.getOrDefault(sub, now);
    nextFree.put(sub, (tat.isBefore(now) ? now : tat).plus(interval));
  }

  /** The reader is gone (its HotpatchVM deleted): its turns go too. */
  synchronized void forget(String reader) {
    turns.keySet().removeIf(k -> k.endsWith("|" + reader));
  }

  /** Turns given and not taken yet (for tests and gauges). */
  synchronized int waiting() {
    return turns.size();
  }
}
