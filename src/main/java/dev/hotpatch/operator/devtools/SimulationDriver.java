package dev.hotpatch.operator.devtools;

import dev.hotpatch.operator.HotpatchOperator;
import dev.hotpatch.operator.reconciler.HotpatchVMReconciler;
import dev.hotpatch.operator.reconciler.ReconcileObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves the simulated clock and waits until the operator has looked at every VM and gone quiet.
 * Simulated time moves only here; the waiting is real time for the operator's own threads.
 */
public final class SimulationDriver {
  /** Watch events of a status write arrive this soon after it (JOSDK then counts a reconcile). */
  private static final Duration QUIET = Duration.ofMillis(3);

  /**
   * A triggered reconcile may never come on its own (JOSDK holds a resource that failed until its
   * retry is due); after this long the driver goes on, and the next step triggers it again.
   */
  private static final Duration LIMIT = Duration.ofSeconds(3);

  private final SimulatedClock clock;
  private final AtomicLong vmReconciles = new AtomicLong();
  private HotpatchOperator operator;
  private volatile ReconcileCounter counter = new ReconcileCounter();

  public SimulationDriver(SimulatedClock clock) {
    this.clock = clock;
  }

  /** Counts HotpatchVM reconciles; pass it in the operator's options. */
  public ReconcileObserver observer() {
    return (controller, outcome) -> {
      if (HotpatchVMReconciler.NAME.equals(controller)) {
        vmReconciles.incrementAndGet();
      }
    };
  }

  /**
   * A fresh count of reconciles for the next operator (a stopped one may have left one unfinished);
   * pass it to JOSDK as its metrics before {@link #attach}.
   */
  public ReconcileCounter newCounter() {
    counter = new ReconcileCounter();
    return counter;
  }

  public void attach(HotpatchOperator operator) {
    this.operator = operator;
  }

  public SimulatedClock clock() {
    return clock;
  }

  public void advance(Duration d) {
    clock.advance(d);
    settle();
  }

  public void jumpTo(Instant t) {
    if (t.isAfter(clock.instant())) {
      clock.set(t);
    }
    settle();
  }

  /**
   * Lists the fleet, reconciles every VM once, and returns as soon as JOSDK has nothing queued or
   * running (event-driven: it counts reconciles submitted and finished), or after a limit.
   */
  public void settle() {
    long before = vmReconciles.get();
    int triggered = operator.resyncAll();
    long deadline = System.nanoTime() + LIMIT.toNanos();
    // The resync's reconciles are submitted before resyncAll returns; wait for them and what they
    // set off (status writes wake the baseline reconciler a moment later).
    while ((vmReconciles.get() < before + triggered
            || !counter.idle(QUIET.toNanos())
            || operator.fleet().loading())
        && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(200_000);
    }
  }
}
