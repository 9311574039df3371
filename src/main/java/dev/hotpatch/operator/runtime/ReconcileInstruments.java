package dev.hotpatch.operator.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JOSDK's metrics hook, observing its reconcile threads without changing what they do: each
 * execution's duration goes to {@link OperatorMetrics#reconcileDuration} by controller, and the
 * queue and the executions to the {@link ReconcileWatchdog}. An execution runs on one thread from
 * start to finish, so the thread names it.
 */
public final class ReconcileInstruments implements Metrics {
  private final OperatorMetrics metrics;
  private final ReconcileWatchdog watchdog;
  private final Clock clock;
  private final Map<Thread, Instant> started = new ConcurrentHashMap<>();

  public ReconcileInstruments(OperatorMetrics metrics, ReconcileWatchdog watchdog, Clock clock) {
    this.metrics = metrics;
    this.watchdog = watchdog;
    this.clock = clock;
  }

  @Override
  public void reconcileCustomResource(
      HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    watchdog.submitted();
  }

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    Thread thread = Thread.currentThread();
    started.put(thread, clock.instant());
    watchdog.started(thread, controller(metadata) + " " + key(resource));
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    Thread thread = Thread.currentThread();
    Instant since = started.remove(thread);
    watchdog.finished(thread);
    if (since != null) { // JOSDK skips the start of a resource gone from its cache
      metrics.reconcileDuration(controller(metadata), Duration.between(since, clock.instant()));
    }
  }

  private static String controller(Map<String, Object> metadata) {
    Object name = metadata == null ? null : metadata.get(Constants.CONTROLLER_NAME);
    return name == null ? "unknown" : name.toString();
  }

  private static String key(HasMetadata resource) {
    if (resource == null || resource.getMetadata() == null) {
      return "?";
    }
    String ns = resource.getMetadata().getNamespace();
    return (ns == null ? "" : ns + "/") + resource.getMetadata().getName();
  }
}
