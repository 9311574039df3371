package dev.hotpatch.operator.cli;

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
  private static final Duration QUIET = Duration.ofMillis(150);

  /**
   * A triggered reconcile may never come on its own (JOSDK holds a resource that failed until its
   * retry is due); after this long the driver goes on, and the next step triggers it again.
   */
  private static final Duration LIMIT = Duration.ofSeconds(3);

  private final SimulatedClock clock;
  private final AtomicLong vmReconciles = new AtomicLong();
  private HotpatchOperator operator;

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
   * Lists the fleet, reconciles every VM once, and waits until no reconcile has run for a moment.
   */
  public void settle() {
    long before = vmReconciles.get();
    int triggered = operator.resyncAll();
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (vmReconciles.get() < before + triggered && System.nanoTime() < deadline) {
      pause();
    }
    long seen = vmReconciles.get();
    long quietSince = System.nanoTime();
    while (System.nanoTime() - quietSince < QUIET.toNanos() && System.nanoTime() < deadline) {
      pause();
      long now = vmReconciles.get();
      if (now != seen) {
        seen = now;
        quietSince = System.nanoTime();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the operator", e);
    }
  }
}
