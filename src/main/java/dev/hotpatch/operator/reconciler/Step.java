package dev.hotpatch.operator.reconciler;

import java.time.Duration;
import java.util.Optional;

/**
 * One step of a HotpatchVM reconcile. Empty: go on to the next step; a duration: stop and requeue.
 */
@FunctionalInterface
interface Step {
  Optional<Duration> run(VmWork work);

  static Optional<Duration> next() {
    return Optional.empty();
  }

  static Optional<Duration> stop(Duration requeue) {
    return Optional.of(requeue);
  }
}
