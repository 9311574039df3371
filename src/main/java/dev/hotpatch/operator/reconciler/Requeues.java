package dev.hotpatch.operator.reconciler;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a reconcile's "look again after d" goes. In production JOSDK's timer waits it out in real
 * time; on a simulated clock (the fleet benchmark) the driver keeps the due times and triggers the
 * reconciles when its clock reaches them, so requeues count simulated time, as everything else.
 */
@FunctionalInterface
public interface Requeues {
  Requeues JOSDK = (resource, after) -> Optional.of(after);

  /**
   * @return the delay JOSDK should wait, or empty when the requeue is scheduled elsewhere
   */
  Optional<Duration> schedule(ResourceID resource, Duration after);
}
