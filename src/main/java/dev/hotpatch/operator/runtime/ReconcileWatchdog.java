package dev.hotpatch.operator.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Says when the reconcile threads are stuck, for the liveness probe: a reconcile running longer
 * than the bound, or reconciles queued while none finished for that long. An idle operator (a
 * standby replica, which reconciles nothing) is never stuck. Time comes from the injected clock.
 */
public final class ReconcileWatchdog {
  private record Running(String what, Instant since) {}

  private final Clock clock;
  private final Duration bound;
  private final Map<Object, Running> running = new HashMap<>();
  private long outstanding; // submitted and not finished: queued or running
  private Instant lastProgress;

  /**
   * @param bound how long a reconcile may run, or the queue go without a finished reconcile; zero
   *     turns the watchdog off
   */
  public ReconcileWatchdog(Clock clock, Duration bound) {
    if (bound.isNegative()) {
      throw new IllegalArgumentException("negative bound " + bound);
    }
    this.clock = clock;
    this.bound = bound;
    this.lastProgress = clock.instant();
  }

  /** A reconcile was queued for a reconcile thread. */
  public synchronized void submitted() {
    if (outstanding++ == 0) {
      lastProgress = clock.instant(); // the wait starts now, not at the last finish long ago
    }
  }

  /** A reconcile thread started the reconcile {@code what} (e.g. "hotpatchvm fleet/web-1"). */
  public synchronized void started(Object execution, String what) {
    running.put(execution, new Running(what, clock.instant()));
  }

  /** The reconcile queued and run as {@code execution} is over (whether it started or not). */
  public synchronized void finished(Object execution) {
    running.remove(execution);
    outstanding = Math.max(0, outstanding - 1);
    lastProgress = clock.instant();
  }

  /** Why the reconcile threads look stuck, in one line; empty while they are not. */
  public synchronized Optional<String> stuck() {
    if (bound.isZero()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Optional<Running> oldest = running.values().stream().min(Comparator.comparing(Running::since));
    if (oldest.isPresent()) {
      Duration took = Duration.between(oldest.get().since(), now);
      if (took.compareTo(bound) > 0) {
        return Optional.of(
            "reconcile of "
                + oldest.get().what()
                + " running for "
                + format(took)
                + ", longer than "
                + format(bound));
      }
    }
    Duration quiet = Duration.between(lastProgress, now);
    if (outstanding > 0 && quiet.compareTo(bound) > 0) {
      return Optional.of(
          outstanding
              + " reconcile(s) queued or running and none finished for "
              + format(quiet)
              + ", longer than "
              + format(bound));
    }
    return Optional.empty();
  }

  /** As the options are written: 1h2m3s. */
  static String format(Duration d) {
    long s = Math.max(0, d.getSeconds());
    StringBuilder b = new StringBuilder();
    if (s >= 3600) {
      b.append(s / 3600).append('h');
    }
    if (s % 3600 >= 60) {
      b.append(s % 3600 / 60).append('m');
    }
    if (s % 60 != 0 || b.length() == 0) {
      b.append(s % 60).append('s');
    }
    return b.toString();
  }
}
