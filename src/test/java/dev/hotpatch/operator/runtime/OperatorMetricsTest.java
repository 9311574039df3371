package dev.hotpatch.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMStatus;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.PatchBaselineStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {

  @Test
  void countersAppearInPrometheusFormatWithTheirLabels() {
    try (OperatorMetrics metrics = new OperatorMetrics(false)) {
      metrics.reconcile("HotpatchVM", "converged");
      metrics.reconcile("HotpatchVM", "converged");
      metrics.reconcile("PatchBaseline", "progressing");
      metrics.reconcileError("HotpatchVM");
      metrics.azureRequest("patch", 200, Duration.ofMillis(80));
      metrics.azureRequest("patch", 429, Duration.ofMillis(20));
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

  /**
   * Durations are Prometheus histograms per kind: cumulative buckets at the objectives, a count and
   * a sum in seconds, and a bounded number of buckets (no series per request).
   */
  @Test
  void reconcileAndAzureDurationsAreHistogramsByKind() {
    try (OperatorMetrics metrics = new OperatorMetrics(false)) {
      metrics.reconcileDuration("hotpatchvm", Duration.ofMillis(300));
      metrics.reconcileDuration("hotpatchvm", Duration.ofSeconds(2));
      metrics.reconcileDuration("patchbaseline", Duration.ofMillis(40));
      metrics.azureRequest("GET virtualMachine", 200, Duration.ofMillis(120));
      metrics.azureRequest("GET virtualMachine", 500, Duration.ofSeconds(7));
      metrics.azureRequest("POST installPatches", 0, Duration.ofSeconds(40));

      String text = metrics.scrape();

      assertThat(text)
          .contains("# TYPE hotpatch_reconcile_duration_seconds histogram")
          .contains("hotpatch_reconcile_duration_seconds_count{kind=\"hotpatchvm\"} 2")
          .contains("hotpatch_reconcile_duration_seconds_sum{kind=\"hotpatchvm\"} 2.3")
          .contains("hotpatch_reconcile_duration_seconds_bucket{kind=\"hotpatchvm\",le=\"0.1\"} 0")
          .contains("hotpatch_reconcile_duration_seconds_bucket{kind=\"hotpatchvm\",le=\"0.5\"} 1")
          .contains("hotpatch_reconcile_duration_seconds_bucket{kind=\"hotpatchvm\",le=\"5.0\"} 2")
          .contains("hotpatch_reconcile_duration_seconds_bucket{kind=\"hotpatchvm\",le=\"+Inf\"} 2")
          .contains(
              "hotpatch_reconcile_duration_seconds_bucket{kind=\"patchbaseline\",le=\"0.1\"} 1")
          .contains("# TYPE hotpatch_azure_request_duration_seconds histogram")
          .contains(
              "hotpatch_azure_request_duration_seconds_bucket{kind=\"GET virtualMachine\",le=\"0.25\"} 1")
          .contains(
              "hotpatch_azure_request_duration_seconds_bucket{kind=\"GET virtualMachine\",le=\"10.0\"} 2")
          .contains("hotpatch_azure_request_duration_seconds_count{kind=\"GET virtualMachine\"} 2")
          .contains(
              "hotpatch_azure_request_duration_seconds_bucket{kind=\"POST installPatches\",le=\"30.0\"} 0")
          .contains(
              "hotpatch_azure_request_duration_seconds_bucket{kind=\"POST installPatches\",le=\"60.0\"} 1")
          // The request counter is fed by the same call.
          .contains("hotpatch_azure_requests_total{kind=\"POST installPatches\",status=\"0\"} 1.0");
      long buckets =
          text.lines()
              .filter(l -> l.startsWith("hotpatch_azure_request_duration_seconds_bucket{"))
              .filter(l -> l.contains("kind=\"GET virtualMachine\""))
              .count();
      assertThat(buckets).as("buckets per kind").isBetween(9L, 80L);
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
                    metrics.azureRequest("list", 200, Duration.ofMillis(1));
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

  @Test
  void fleetViewFallbackIsAGaugePerSubscription() {
    try (OperatorMetrics metrics = new OperatorMetrics(false)) {
      java.util.concurrent.atomic.AtomicInteger fallback =
          new java.util.concurrent.atomic.AtomicInteger();
      metrics.fleetViewFallback("00000000-0000-0000-0000-0000000000AA", fallback::get);
      assertThat(metrics.scrape())
          .contains(
              "hotpatch_fleet_view_fallback{subscription=\"00000000-0000-0000-0000-0000000000aa\"} 0.0");
      fallback.set(1);
      assertThat(metrics.scrape())
          .contains(
              "hotpatch_fleet_view_fallback{subscription=\"00000000-0000-0000-0000-0000000000aa\"} 1.0");
    }
  }

  /**
   * The resource gauges count the caches at each scrape: VMs by namespace and phase, those not
   * Ready by reason, each baseline's spent budget as 0 or 1; a row that no longer counts goes.
   */
  @Test
  void resourceGaugesCountTheCachesAtEachScrape() {
    List<HotpatchVM> vms = new CopyOnWriteArrayList<>();
    List<PatchBaseline> baselines = new CopyOnWriteArrayList<>();
    vms.add(vm("fleet-a", "web-1", "Converged", ready("True", "Converged")));
    vms.add(vm("fleet-a", "web-2", "Converged", ready("True", "Converged")));
    vms.add(vm("fleet-a", "web-3", "Transitioning", ready("False", "TransitionOverdue")));
    vms.add(vm("fleet-b", "db-1", "Failed", ready("False", "TransitionFailed")));
    vms.add(vm("fleet-b", "db-2", null, null)); // not reconciled yet
    baselines.add(baseline("fleet-a", "june", paused("False", "Running")));
    baselines.add(baseline("fleet-b", "june", paused("True", "FailureBudgetSpent")));
    baselines.add(baseline("fleet-b", "may", paused("True", "PausedBySpec")));
    try (OperatorMetrics metrics = new OperatorMetrics(false)) {
      metrics.resources(vms::stream, baselines::stream);
      String text = metrics.scrape();
      assertThat(text)
          .contains("# TYPE hotpatch_vms gauge")
          .contains("hotpatch_vms{phase=\"Converged\",resource_namespace=\"fleet-a\"} 2.0")
          .contains("hotpatch_vms{phase=\"Transitioning\",resource_namespace=\"fleet-a\"} 1.0")
          .contains("hotpatch_vms{phase=\"Failed\",resource_namespace=\"fleet-b\"} 1.0")
          .contains("hotpatch_vms{phase=\"Pending\",resource_namespace=\"fleet-b\"} 1.0")
          .contains(
              "hotpatch_vms_not_ready{reason=\"TransitionOverdue\",resource_namespace=\"fleet-a\"} 1.0")
          .contains(
              "hotpatch_vms_not_ready{reason=\"TransitionFailed\",resource_namespace=\"fleet-b\"} 1.0")
          .doesNotContain("reason=\"Converged\"")
          .contains("hotpatch_vms_ready{resource_namespace=\"fleet-a\",status=\"True\"} 2.0")
          .contains("hotpatch_vms_ready{resource_namespace=\"fleet-a\",status=\"False\"} 1.0")
          .contains("hotpatch_vms_ready{resource_namespace=\"fleet-b\",status=\"False\"} 1.0")
          .contains("hotpatch_vms_ready{resource_namespace=\"fleet-b\",status=\"Unknown\"} 1.0")
          .contains(
              "hotpatch_baseline_failure_budget_spent{baseline=\"june\",resource_namespace=\"fleet-a\"} 0.0")
          .contains(
              "hotpatch_baseline_failure_budget_spent{baseline=\"june\",resource_namespace=\"fleet-b\"} 1.0")
          .contains(
              "hotpatch_baseline_failure_budget_spent{baseline=\"may\",resource_namespace=\"fleet-b\"} 0.0");

      vms.remove(2); // web-3 deleted
      vms.set(2, vm("fleet-b", "db-1", "Converged", ready("True", "Converged")));
      baselines.set(1, baseline("fleet-b", "june", paused("False", "Running")));
      text = metrics.scrape();
      assertThat(text)
          .contains("hotpatch_vms{phase=\"Converged\",resource_namespace=\"fleet-b\"} 1.0")
          .doesNotContain("phase=\"Transitioning\"")
          .doesNotContain("phase=\"Failed\"")
          .doesNotContain("hotpatch_vms_not_ready{")
          .contains("hotpatch_vms_ready{resource_namespace=\"fleet-b\",status=\"True\"} 1.0")
          .doesNotContain("status=\"False\"")
          .contains(
              "hotpatch_baseline_failure_budget_spent{baseline=\"june\",resource_namespace=\"fleet-b\"} 0.0");
    }
  }

  /** A cache that cannot be read (an informer not started) keeps the last counts, and /metrics. */
  @Test
  void anUnreadableCacheKeepsTheLastCounts() {
    java.util.concurrent.atomic.AtomicBoolean broken =
        new java.util.concurrent.atomic.AtomicBoolean();
    List<HotpatchVM> vms = List.of(vm("fleet", "web-1", "Converged", null));
    try (OperatorMetrics metrics = new OperatorMetrics(false)) {
      metrics.resources(
          () -> {
            if (broken.get()) {
              throw new IllegalStateException("informer not started");
            }
            return vms.stream();
          },
          java.util.stream.Stream::empty);
      assertThat(metrics.scrape())
          .contains("hotpatch_vms{phase=\"Converged\",resource_namespace=\"fleet\"} 1.0");
      broken.set(true);
      assertThat(metrics.scrape())
          .contains("hotpatch_vms{phase=\"Converged\",resource_namespace=\"fleet\"} 1.0");
      assertThatThrownBy(() -> metrics.resources(vms::stream, java.util.stream.Stream::empty))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  private static HotpatchVM vm(String namespace, String name, String phase, Condition ready) {
    HotpatchVM vm = new HotpatchVM();
    vm.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    if (phase != null || ready != null) {
      HotpatchVMStatus status = new HotpatchVMStatus();
      status.phase = phase;
      if (ready != null) {
        status.conditions.add(ready);
      }
      vm.setStatus(status);
    }
    return vm;
  }

  private static PatchBaseline baseline(String namespace, String name, Condition paused) {
    PatchBaseline b = new PatchBaseline();
    b.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    PatchBaselineStatus status = new PatchBaselineStatus();
    status.conditions.add(paused);
    b.setStatus(status);
    return b;
  }

  private static Condition ready(String status, String reason) {
    return new ConditionBuilder().withType("Ready").withStatus(status).withReason(reason).build();
  }

  private static Condition paused(String status, String reason) {
    return new ConditionBuilder().withType("Paused").withStatus(status).withReason(reason).build();
  }
}
