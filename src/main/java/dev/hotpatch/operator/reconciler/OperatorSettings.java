package dev.hotpatch.operator.reconciler;

import java.time.Clock;
import java.time.Duration;

/**
 * Timing knobs of the reconcilers.
 *
 * @param pollInterval how soon to look at an operation in flight again
 * @param resyncInterval how soon to look at a settled VM again
 * @param blockedInterval how soon to look again at a VM that needs a person (ineligible, cannot
 *     orchestrate)
 * @param installMaxDuration maximumDuration sent with installPatches
 * @param transitionMargin how long past maximumDuration a transition may run before it counts as
 *     failed
 * @param transitionWindowNeeded how much of an open maintenance window a transition needs to start,
 *     so its install and reboot end inside the window; also caps the install's maximumDuration
 */
public record OperatorSettings(
    Clock clock,
    Duration pollInterval,
    Duration resyncInterval,
    Duration blockedInterval,
    Duration installMaxDuration,
    Duration transitionMargin,
    Duration transitionWindowNeeded) {

  public static OperatorSettings defaults(Clock clock) {
    return new OperatorSettings(
        clock,
        Duration.ofSeconds(15),
        Duration.ofMinutes(10),
        Duration.ofHours(1),
        Duration.ofHours(2),
        Duration.ofMinutes(30),
        Duration.ofHours(1));
  }

  /**
   * How soon to look again at something Azure has been doing since {@code since} (an operation, the
   * wait for a VM to come back): the poll interval while young, growing to four times it
   * (FollowInterval). A missing or unreadable start counts as young.
   */
  public Duration followInterval(String since, java.time.Instant now) {
    return followInterval(since, now, dev.hotpatch.operator.policy.FollowInterval.Seen.NOTHING);
  }

  /** The same, guided by what like work did lately (FollowInterval). */
  public Duration followInterval(
      String since, java.time.Instant now, dev.hotpatch.operator.policy.FollowInterval.Seen seen) {
    if (since == null) {
      return pollInterval;
    }
    try {
      return dev.hotpatch.operator.policy.FollowInterval.after(
          pollInterval,
          pollInterval.multipliedBy(4),
          Duration.between(java.time.Instant.parse(since), now),
          seen);
    } catch (java.time.format.DateTimeParseException e) {
      return pollInterval;
    }
  }

  public OperatorSettings withPollInterval(Duration d) {
    return new OperatorSettings(
        clock,
        d,
        resyncInterval,
        blockedInterval,
        installMaxDuration,
        transitionMargin,
        transitionWindowNeeded);
  }

  public OperatorSettings withResyncInterval(Duration d) {
    return new OperatorSettings(
        clock,
        pollInterval,
        d,
        blockedInterval,
        installMaxDuration,
        transitionMargin,
        transitionWindowNeeded);
  }
}
