package dev.hotpatch.operator.policy;

import dev.hotpatch.operator.api.Rollout;
import java.time.Duration;

/**
 * The rollout's defaults and rules, in one place for the gate, the baseline's status and the
 * validator (they once disagreed on what {@code failureBudget: 0} meant).
 */
public final class RolloutDefaults {
  private RolloutDefaults() {}

  /** Failed transitions that pause the rollout, when the spec says nothing. */
  public static final int FAILURE_BUDGET = 1;

  /** How much of an open window a transition needs to start: the install and its reboot. */
  public static final Duration TRANSITION_NEEDS = Duration.ofHours(1);

  /**
   * A window must leave time to start transitions, not only to run one: with exactly what a
   * transition needs, one could start only in the window's first second.
   */
  public static final Duration SHORTEST_WINDOW = TRANSITION_NEEDS.multipliedBy(2);

  public static int failureBudget(Rollout rollout) {
    return rollout == null || rollout.failureBudget == null
        ? FAILURE_BUDGET
        : rollout.failureBudget;
  }

  /** The rollout stops once this many transitions failed: the budget is spent. */
  public static boolean budgetSpent(int failedTransitions, int failureBudget) {
    return failedTransitions >= failureBudget;
  }
}
