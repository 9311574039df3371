package dev.hotpatch.operator.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything the reboot gate looks at. {@code transitioningNow} counts the other VMs of the
 * baseline transitioning now (not this one); {@code failedTransitions} counts failed transitions
 * onto this baseline.
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
    int failureBudget) {
  public GateInput {
    Objects.requireNonNull(currentBuild, "currentBuild");
    Objects.requireNonNull(declaredBaseline, "declaredBaseline");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(schedule, "schedule");
  }
}
