package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.reconciler.OperatorSettings;
import java.time.Duration;

/**
 * @param windowNeeded how much of an open window a transition needs to start (the operator's {@link
 *     OperatorSettings#transitionWindowNeeded()})
 * @param noticeLag how long after Azure ends a failed transition it counts against the budget: the
 *     operator learns of it only at its next look, so a start in between is not held against it
 */
public record CheckerSettings(Duration windowNeeded, Duration noticeLag) {
  public static CheckerSettings of(OperatorSettings settings, Duration noticeLag) {
    return new CheckerSettings(settings.transitionWindowNeeded(), noticeLag);
  }

  public static CheckerSettings defaults() {
    return new CheckerSettings(Duration.ofHours(1), Duration.ofMinutes(15));
  }
}
