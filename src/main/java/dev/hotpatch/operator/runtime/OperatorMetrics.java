package dev.hotpatch.operator.runtime;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The operator's Prometheus metrics. Counter names as scraped: {@value
 * #RECONCILES}_total{kind,outcome}, {@value #RECONCILE_ERRORS}_total{kind}, {@value
 * #AZURE_REQUESTS}_total{kind,status}, {@value #REBOOTS}_total{cause}. Histograms: {@value
 * #RECONCILE_DURATION}{kind}, {@value #AZURE_REQUEST_DURATION}{kind}. Gauges: {@value #SLOTS_HELD},
 * {@value #FLEET_VIEW_AGE}{subscription}, and, counted from the informer caches at each scrape,
 * {@value #VMS}{resource_namespace,phase}, {@value #VMS_READY}{resource_namespace,status}, {@value
 * #VMS_NOT_READY}{resource_namespace,reason}, and per baseline {resource_namespace,baseline}:
 * {@value #BUDGET_SPENT}, {@value #BUDGET_LEFT}, {@value #TRANSITIONS_IN_FLIGHT}, {@value
 * #MAX_UNAVAILABLE} and {@value #REBOOTS_PENDING}. Plus JVM and process metrics when asked for. The
 * chart's alerts and dashboard use only these (a test checks).
 */
public final class OperatorMetrics implements AutoCloseable {
  public static final String RECONCILES = "hotpatch_reconciles";
  public static final String RECONCILE_ERRORS = "hotpatch_reconcile_errors";
  public static final String AZURE_REQUESTS = "hotpatch_azure_requests";
  public static final String REBOOTS = "hotpatch_reboots_triggered";
  public static final String SLOTS_HELD = "hotpatch_rollout_slots_held";
  public static final String FLEET_VIEW_AGE = "hotpatch_fleet_view_age_seconds";
  public static final String FLEET_VIEW_FALLBACK = "hotpatch_fleet_view_fallback";
  public static final String VMS = "hotpatch_vms";
  public static final String VMS_NOT_READY = "hotpatch_vms_not_ready";
  public static final String BUDGET_SPENT = "hotpatch_baseline_failure_budget_spent";
  public static final String RECONCILE_DURATION = "hotpatch_reconcile_duration_seconds";
  public static final String AZURE_REQUEST_DURATION = "hotpatch_azure_request_duration_seconds";
  public static final String VMS_READY = "hotpatch_vms_ready";
  public static final String TRANSITIONS_IN_FLIGHT = "hotpatch_baseline_transitions_in_flight";
  public static final String MAX_UNAVAILABLE = "hotpatch_baseline_max_unavailable";
  public static final String BUDGET_LEFT = "hotpatch_baseline_failure_budget_remaining";
  public static final String REBOOTS_PENDING = "hotpatch_baseline_reboots_pending";

  // Bucket bounds people set objectives on; the percentile histogram between the expected
  // extremes fills in for histogram_quantile.
  private static final Duration[] RECONCILE_SLOS = {
    Duration.ofMillis(100),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(5)
  };
  private static final Duration[] AZURE_SLOS = {
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1)
  };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gcMetrics;
  private volatile ResourceGauges resourceGauges;

  /** Operator counters and JVM/process metrics. */
  public OperatorMetrics() {
    this(true);
  }

  /** Operator counters; JVM/process metrics only when {@code jvmMetrics}. */
  public OperatorMetrics(boolean jvmMetrics) {
    if (jvmMetrics) {
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ClassLoaderMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
      gcMetrics = new JvmGcMetrics();
      gcMetrics.bindTo(registry);
    } else {
      gcMetrics = null;
    }
  }

  /** One finished reconcile of {@code kind} (HotpatchVM, PatchBaseline) with its outcome. */
  public void reconcile(String kind, String outcome) {
    counter(RECONCILES, "Reconciles by resource kind and outcome", "kind", kind, "outcome", outcome)
        .increment();
  }

  /**
   * How long one reconcile (or cleanup) of {@code kind} ran on its thread, JOSDK's own writes
   * included.
   */
  public void reconcileDuration(String kind, Duration took) {
    Timer.builder(RECONCILE_DURATION)
        .description("Reconcile durations by resource kind")
        .tag("kind", orUnknown(kind))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofMinutes(5))
        .serviceLevelObjectives(RECONCILE_SLOS)
        .register(registry)
        .record(took);
  }

  /** A reconcile of {@code kind} that threw. */
  public void reconcileError(String kind) {
    counter(RECONCILE_ERRORS, "Reconciles that failed with an error", "kind", kind).increment();
  }

  /**
   * One Azure Resource Manager request of {@code kind} (get, list, patch...), its HTTP status (0:
   * no answer) and how long until its answer (or failure) came.
   */
  public void azureRequest(String kind, int status, Duration took) {
    Timer.builder(AZURE_REQUEST_DURATION)
        .description("Azure Resource Manager request durations by kind, until the answer's headers")
        .tag("kind", orUnknown(kind))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofMinutes(1))
        .serviceLevelObjectives(AZURE_SLOS)
        .register(registry)
        .record(took);
    counter(
            AZURE_REQUESTS,
            "Azure Resource Manager requests by kind and HTTP status",
            "kind",
            kind,
            "status",
            Integer.toString(status))
        .increment();
  }

  /**
   * A reboot-capable call the operator made, by cause (e.g. PlannedBaseline, UnplannedBaseline).
   */
  public void rebootTriggered(String cause) {
    counter(REBOOTS, "Reboot-capable operations the operator started, by cause", "cause", cause)
        .increment();
  }

  /**
   * Rollout slots held right now (a transition in flight, or one Azure may still be running): a
   * slot held past its window shows here, and is never freed silently.
   */
  public void slotsHeld(java.util.function.Supplier<Number> held) {
    io.micrometer.core.instrument.Gauge.builder(SLOTS_HELD, held)
        .description("Rollout slots held by transitions Azure may still be running")
        .register(registry);
  }

  /**
   * How old a subscription's fleet view is (since its last complete list started); NaN before the
   * first. Past the stale bound the reboot gate is closed for the subscription's VMs.
   */
  public void fleetViewAge(String subscriptionId, java.util.function.Supplier<Number> seconds) {
    io.micrometer.core.instrument.Gauge.builder(FLEET_VIEW_AGE, seconds)
        .description("Seconds since the subscription's last complete VM list started")
        .tag("subscription", subscriptionId.toLowerCase(java.util.Locale.ROOT))
        .register(registry);
  }

  /**
   * 1 while a subscription's last complete list came from Compute because Resource Graph (with
   * {@code --fleet-source resource-graph}) kept failing or throttling; else 0.
   */
  public void fleetViewFallback(
      String subscriptionId, java.util.function.Supplier<Number> onFallback) {
    io.micrometer.core.instrument.Gauge.builder(FLEET_VIEW_FALLBACK, onFallback)
        .description(
            "1 while the subscription's last VM list came from Compute instead of Resource Graph")
        .tag("subscription", subscriptionId.toLowerCase(java.util.Locale.ROOT))
        .register(registry);
  }

  /**
   * Gauges of the HotpatchVMs and PatchBaselines the operator holds, counted from {@code vms} and
   * {@code baselines} (its informer caches) at each scrape: {@value #VMS}{resource_namespace,phase}
   * (a VM without a phase yet counts as Pending), {@value #VMS_READY}{resource_namespace,status},
   * {@value #VMS_NOT_READY}{resource_namespace,reason} (Ready is False), {@value
   * #BUDGET_SPENT}{resource_namespace,baseline} (1 when the rollout is paused with reason
   * FailureBudgetSpent, else 0) and the rollout of each valid baseline ({@link RolloutGauges}). A
   * standby replica's caches are filled too, so alerts take the max over replicas, not the sum.
   */
  public synchronized void resources(
      Supplier<Stream<HotpatchVM>> vms, Supplier<Stream<PatchBaseline>> baselines) {
    if (resourceGauges != null) {
      throw new IllegalStateException("resource gauges are registered already");
    }
    resourceGauges = new ResourceGauges(registry, vms, baselines);
  }

  /** The registry, to bind further meters (e.g. the Java Operator SDK's). */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * All metrics in the Prometheus text exposition format (version 0.0.4, see {@link
   * HttpEndpoints#METRICS_CONTENT_TYPE}).
   */
  public String scrape() {
    ResourceGauges gauges = resourceGauges;
    if (gauges != null) {
      gauges.refresh();
    }
    return registry.scrape();
  }

  @Override
  public void close() {
    if (gcMetrics != null) {
      gcMetrics.close();
    }
    registry.close();
  }

  private static String orUnknown(String s) {
    return s == null || s.isEmpty() ? "unknown" : s;
  }

  private Counter counter(String name, String help, String... tags) {
    for (int i = 1; i < tags.length; i += 2) {
      if (tags[i] == null || tags[i].isEmpty()) {
        tags[i] = "unknown";
      }
    }
    // Micrometer appends _total to counters in the Prometheus naming convention.
    return Counter.builder(name).description(help).tags(tags).register(registry);
  }
}
