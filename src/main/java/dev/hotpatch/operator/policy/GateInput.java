package dev.hotpatch.operator.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything the reboot gate looks at. {@code transitioningNow} counts the other VMs of the
 * baseline transitioning now (not this one); {@code failedTransitions} counts failed transitions
 * onto this baseline. {@code minimumWindowLeft}: how much of the open window a transition needs, so
 * that the install and its reboot finish before the window closes. {@code fleetViewStale}: the
 * subscription's list the counts and builds come from is older than its bound.
 */
public record GateInput(
    OsBuild currentBuild,
    OsBuild declaredBaseline,
    Instant now,
    MaintenanceSchedule schedule,
    int transitioningNow,
    int maxUnavailable,
    boolean paused,
    int failedTransitions,
    int failureBudget,
    Duration minimumWindowLeft,
    boolean fleetViewStale) {

  /** A gate over a fresh fleet view. */
  public GateInput(
      OsBuild currentBuild,
      OsBuild declaredBaseline,
      Instant now,
      MaintenanceSchedule schedule,
      int transitioningNow,
      int maxUnavailable,
      boolean paused,
      int failedTransitions,
      int failureBudget,
      Duration minimumWindowLeft) {
    this(
        currentBuild,
        declaredBaseline,
        now,
        schedule,
        transitioningNow,
        maxUnavailable,
        paused,
        failedTransitions,
        failureBudget,
        minimumWindowLeft,
        false);
  }

  /** A gate that only needs "now" to be inside a window. */
  public GateInput(
      OsBuild currentBuild,
      OsBuild declaredBaseline,
      Instant now,
      MaintenanceSchedule schedule,
      int transitioningNow,
      int maxUnavailable,
      boolean paused,
      int failedTransitions,
      int failureBudget) {
    this(
        currentBuild,
        declaredBaseline,
        now,
        schedule,
        transitioningNow,
        maxUnavailable,
        paused,
        failedTransitions,
        failureBudget,
        Duration.ZERO);
  }

  public GateInput {
    Objects.requireNonNull(minimumWindowLeft, "minimumWindowLeft");
    Objects.requireNonNull(currentBuild, "currentBuild");
    Objects.requireNonNull(declaredBaseline, "declaredBaseline");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(schedule, "schedule");
  }
}
