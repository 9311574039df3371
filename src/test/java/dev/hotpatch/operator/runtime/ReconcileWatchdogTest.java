package dev.hotpatch.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.devtools.SimulatedClock;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The liveness watchdog, on a clock the test moves: no test waits for time to pass. */
class ReconcileWatchdogTest {
  private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-06-01T10:00:00Z"));
  private final ReconcileWatchdog watchdog = new ReconcileWatchdog(clock, Duration.ofMinutes(10));

  @Test
  void anIdleOperatorStaysLiveForever() {
    // A standby replica: informers run, nothing is submitted to the reconcile threads.
    clock.advance(Duration.ofDays(3));
    assertThat(watchdog.stuck()).isEmpty();
  }

  @Test
  void aReconcileRunningPastTheBoundIsStuckAndNamedUntilItEnds() {
    Object a = new Object();
    watchdog.submitted();
    watchdog.started(a, "hotpatchvm fleet/web-1");
    clock.advance(Duration.ofMinutes(10));
    assertThat(watchdog.stuck()).as("at the bound").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(watchdog.stuck())
        .hasValue("reconcile of hotpatchvm fleet/web-1 running for 10m1s, longer than 10m");
    watchdog.finished(a);
    assertThat(watchdog.stuck()).isEmpty();
  }

  @Test
  void theOldestOfSeveralRunningReconcilesIsTheOneReported() {
    Object old = new Object();
    Object young = new Object();
    watchdog.submitted();
    watchdog.submitted();
    watchdog.started(old, "hotpatchvm fleet/old");
    clock.advance(Duration.ofMinutes(5));
    watchdog.started(young, "patchbaseline fleet/ws2022");
    clock.advance(Duration.ofMinutes(6));
    assertThat(watchdog.stuck()).get().asString().contains("fleet/old").contains("11m");
    watchdog.finished(old); // a finish is progress: the younger one is within the bound
    assertThat(watchdog.stuck()).isEmpty();
  }

  @Test
  void workQueuedWithNoneFinishingPastTheBoundIsStuck() {
    clock.advance(Duration.ofHours(2)); // quiet before: the wait starts with the first submission
    watchdog.submitted();
    watchdog.submitted();
    watchdog.submitted();
    clock.advance(Duration.ofMinutes(9));
    assertThat(watchdog.stuck()).isEmpty();
    Object one = new Object();
    watchdog.started(one, "hotpatchvm fleet/a");
    watchdog.finished(one);
    clock.advance(Duration.ofMinutes(9));
    assertThat(watchdog.stuck()).as("a finish 9 minutes ago").isEmpty();
    clock.advance(Duration.ofMinutes(2));
    assertThat(watchdog.stuck())
        .hasValue("2 reconcile(s) queued or running and none finished for 11m, longer than 10m");
    for (int i = 0; i < 2; i++) {
      watchdog.finished(new Object());
    }
    clock.advance(Duration.ofHours(1));
    assertThat(watchdog.stuck()).as("all done").isEmpty();
  }

  @Test
  void aZeroBoundNeverFails() {
    ReconcileWatchdog off = new ReconcileWatchdog(clock, Duration.ZERO);
    off.submitted();
    off.started(this, "hotpatchvm fleet/web-1");
    clock.advance(Duration.ofDays(1));
    assertThat(off.stuck()).isEmpty();
  }

  /**
   * JOSDK's hook, called as its reconcile threads call it: the execution is timed on the injected
   * clock into the controller's histogram, and the watchdog sees it run.
   */
  @Test
  void josdksHookTimesEachExecutionAndFeedsTheWatchdog() {
    try (OperatorMetrics metrics = new OperatorMetrics(false)) {
      ReconcileInstruments hook = new ReconcileInstruments(metrics, watchdog, clock);
      HotpatchVM vm = new HotpatchVM();
      vm.setMetadata(new ObjectMetaBuilder().withNamespace("fleet").withName("web-1").build());
      Map<String, Object> meta = Map.of(Constants.CONTROLLER_NAME, "hotpatchvm");

      hook.reconcileCustomResource(vm, null, meta);
      clock.advance(Duration.ofSeconds(1)); // queued
      hook.reconciliationExecutionStarted(vm, meta);
      clock.advance(Duration.ofMinutes(11));
      assertThat(watchdog.stuck())
          .hasValue("reconcile of hotpatchvm fleet/web-1 running for 11m, longer than 10m");
      hook.reconciliationExecutionFinished(vm, meta);
      assertThat(watchdog.stuck()).isEmpty();

      // JOSDK finishes without starting when the resource left its cache: no sample.
      hook.reconcileCustomResource(vm, null, meta);
      hook.reconciliationExecutionFinished(vm, meta);

      assertThat(metrics.scrape())
          .contains("hotpatch_reconcile_duration_seconds_count{kind=\"hotpatchvm\"} 1")
          .contains("hotpatch_reconcile_duration_seconds_sum{kind=\"hotpatchvm\"} 660.0")
          .contains(
              "hotpatch_reconcile_duration_seconds_bucket{kind=\"hotpatchvm\",le=\"300.0\"} 0");
      clock.advance(Duration.ofHours(1));
      assertThat(watchdog.stuck()).as("nothing left queued").isEmpty();
    }
  }
}
