package dev.hotpatch.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperatorMetricsTest {

  @Test
  void countersAppearInPrometheusFormatWithTheirLabels() {
    try (OperatorMetrics metrics = new OperatorMetrics(false)) {
      metrics.reconcile("HotpatchVM", "converged");
      metrics.reconcile("HotpatchVM", "converged");
      metrics.reconcile("PatchBaseline", "progressing");
      metrics.reconcileError("HotpatchVM");
      metrics.azureRequest("patch", 200);
      metrics.azureRequest("patch", 429);
      metrics.rebootTriggered("PlannedBaseline");

      String text = metrics.scrape();

      assertThat(text)
          .contains("# TYPE hotpatch_reconciles_total counter")
          .contains("# HELP hotpatch_reconciles_total ")
          .contains("hotpatch_reconciles_total{kind=\"HotpatchVM\",outcome=\"converged\"} 2.0")
          .contains("hotpatch_reconciles_total{kind=\"PatchBaseline\",outcome=\"progressing\"} 1.0")
          .contains("hotpatch_reconcile_errors_total{kind=\"HotpatchVM\"} 1.0")
          .contains("hotpatch_azure_requests_total{kind=\"patch\",status=\"200\"} 1.0")
          .contains("hotpatch_azure_requests_total{kind=\"patch\",status=\"429\"} 1.0")
          .contains("hotpatch_reboots_triggered_total{cause=\"PlannedBaseline\"} 1.0")
          .doesNotContain("jvm_");
    }
  }

  @Test
  void labelValuesAreEscapedAndEmptyOnesNamedUnknown() {
    try (OperatorMetrics metrics = new OperatorMetrics(false)) {
      metrics.reconcile("HotpatchVM", "a \"quoted\" outcome");
      metrics.rebootTriggered("");

      assertThat(metrics.scrape())
          .contains("outcome=\"a \\\"quoted\\\" outcome\"} 1.0")
          .contains("hotpatch_reboots_triggered_total{cause=\"unknown\"} 1.0");
    }
  }

  @Test
  void jvmMetricsAreIncludedByDefault() {
    try (OperatorMetrics metrics = new OperatorMetrics()) {
      assertThat(metrics.scrape())
          .contains("jvm_memory_used_bytes")
          .contains("process_uptime_seconds");
    }
  }

  @Test
  void countersAreThreadSafe() throws InterruptedException {
    try (OperatorMetrics metrics = new OperatorMetrics(false)) {
      Thread[] threads = new Thread[4];
      for (int t = 0; t < threads.length; t++) {
        threads[t] =
            new Thread(
                () -> {
                  for (int i = 0; i < 1000; i++) {
                    metrics.azureRequest("list", 200);
                  }
                });
        threads[t].start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(metrics.scrape())
          .contains("hotpatch_azure_requests_total{kind=\"list\",status=\"200\"} 4000.0");
    }
  }

  @Test
  void slotsHeldIsAGaugeReadAtScrapeTime() {
    try (OperatorMetrics metrics = new OperatorMetrics(false)) {
      java.util.concurrent.atomic.AtomicInteger held =
          new java.util.concurrent.atomic.AtomicInteger(2);
      metrics.slotsHeld(held::get);
      assertThat(metrics.scrape()).contains("hotpatch_rollout_slots_held 2.0");
      held.set(0);
      assertThat(metrics.scrape()).contains("hotpatch_rollout_slots_held 0.0");
    }
  }

  /** Each subscription's view age is a gauge: NaN before its first list, then seconds since. */
  @Test
  void fleetViewAgeIsAGaugePerSubscription() {
    try (OperatorMetrics metrics = new OperatorMetrics(false)) {
      java.util.concurrent.atomic.AtomicReference<Double> age =
          new java.util.concurrent.atomic.AtomicReference<>(Double.NaN);
      metrics.fleetViewAge("00000000-0000-0000-0000-0000000000AA", age::get);
      assertThat(metrics.scrape())
          .contains(
              "hotpatch_fleet_view_age_seconds{subscription=\"00000000-0000-0000-0000-0000000000aa\"} NaN");
      age.set(125.5);
      assertThat(metrics.scrape())
          .contains(
              "hotpatch_fleet_view_age_seconds{subscription=\"00000000-0000-0000-0000-0000000000aa\"} 125.5");
    }
  }
}
