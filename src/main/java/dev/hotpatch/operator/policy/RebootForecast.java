package dev.hotpatch.operator.policy;

import java.time.Instant;
import java.util.Optional;

/**
 * When a VM will reboot next, and why: the reboot gate's answer turned into a time a person can
 * plan around. Only a baseline transition reboots a VM, so a VM on its baseline has none due.
 */
public final class RebootForecast {
  private RebootForecast() {}

  /**
   * @param at when; empty when none is due
   * @param reason what the reboot is for, or why none is due
   */
  public record Forecast(Optional<Instant> at, String reason) {
    static Forecast at(Instant t, String reason) {
      return new Forecast(Optional.of(t), reason);
    }

    static Forecast none(String reason) {
      return new Forecast(Optional.empty(), reason);
    }
  }

  /**
   * Why none is due when the reconcile stopped before comparing builds (ineligible, blocked,
   * invalid, not found, its baseline missing...): the operator starts no transition while the VM is
   * not Ready for that reason.
   */
  public static String noneWhileNotReady(String readyReason, String readyMessage) {
    return "no reboot is due while the VM is "
        + readyReason
        + (readyMessage == null || readyMessage.isBlank() ? "" : " (" + readyMessage + ")")
        + ": the operator starts no transition";
  }

  /**
   * @param plan the planner's decision for the VM
   * @param gate the gate's answer when the VM is behind its baseline, else null
   * @param baselineKb the declared baseline's KB
   * @param suspended spec.suspend: the operator observes only
   * @param failed the transition onto this baseline failed on this VM (not retried)
   */
  public static Forecast of(
      Plan.Kind plan,
      GateDecision gate,
      String baselineKb,
      Instant now,
      boolean suspended,
      boolean failed) {
    String onto = "transition to baseline " + baselineKb;
    switch (plan) {
      case CONVERGED, INSTALL_HOTPATCHES:
        return Forecast.none(
            "on baseline "
                + baselineKb
                + ": hotpatches need no reboot; none is due until a newer baseline is declared");
      case AHEAD_OF_BASELINE:
        return Forecast.none("ahead of baseline " + baselineKb + ": no reboot is due");
      case WRONG_OS:
        return Forecast.none("the baseline is for another OS: no transition can start");
      case OS_BUILD_UNKNOWN:
        return Forecast.none("the OS build is unknown (the VM agent does not report it)");
      case FOLLOW_PENDING:
        return Forecast.at(now, "an operation runs on the VM");
      default:
        break;
    }
    if (failed) {
      return Forecast.none("the " + onto + " failed on this VM and is not retried");
    }
    if (suspended) {
      return Forecast.none("spec.suspend is true: no transition starts");
    }
    if (plan == Plan.Kind.TRANSITION || gate == null || gate.allowed()) {
      return Forecast.at(now, onto + " starts now");
    }
    return switch (gate.reason()) {
      case NoRolloutSlot ->
          Forecast.at(now, onto + " as soon as a rollout slot frees (" + gate.message() + ")");
      case FleetViewStale ->
          Forecast.at(
              now, onto + " as soon as the subscription is listed again (the view is too old)");
      case OutsideMaintenanceWindow ->
          gate.nextWindow()
              .filter(t -> t.isAfter(now))
              .map(
                  t ->
                      Forecast.at(
                          t, onto + " in the maintenance window opening " + RebootGate.format(t)))
              .orElseGet(() -> Forecast.none(onto + " waits: " + gate.message()));
      case RolloutPaused -> Forecast.none(onto + " waits: the rollout is paused");
      case FailureBudgetSpent ->
          Forecast.none(onto + " waits: the rollout's failure budget is spent");
      case NotBehindBaseline, Allowed -> Forecast.none("no transition is due");
    };
  }
}
