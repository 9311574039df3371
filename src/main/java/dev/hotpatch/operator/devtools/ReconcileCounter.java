package dev.hotpatch.operator.devtools;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.event.Event;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JOSDK's metrics hook used as a quiescence detector: counts reconciles submitted and finished
 * (JOSDK resubmits an event that arrived during a reconcile before it reports that reconcile
 * finished, so submitted == finished means nothing is queued or running) and notes the last event.
 */
public final class ReconcileCounter implements Metrics {
  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong finished = new AtomicLong();
  private volatile long lastActivity = System.nanoTime();

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    lastActivity = System.nanoTime();
  }

  @Override
  public void reconcileCustomResource(
      HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    submitted.incrementAndGet();
    lastActivity = System.nanoTime();
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    finished.incrementAndGet();
    lastActivity = System.nanoTime();
  }

  public long submitted() {
    return submitted.get();
  }

  /** Nothing queued or running, and no event for {@code quietNanos}. */
  public boolean idle(long quietNanos) {
    return submitted.get() == finished.get() && System.nanoTime() - lastActivity >= quietNanos;
  }
}
