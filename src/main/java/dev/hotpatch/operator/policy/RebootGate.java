package dev.hotpatch.operator.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The one place that may allow a reboot-capable call. Checks run in this order, and the first that
 * fails names the reason, so a VM shows the most lasting obstacle first:
 *
 * <ol>
 *   <li>NotBehindBaseline: nothing to transition (or the build is of another OS), no reason to
 *       reboot;
 *   <li>RolloutPaused: a person stopped the rollout, so windows and slots do not matter;
 *   <li>FailureBudgetSpent: the rollout stopped itself; also needs a person;
 *   <li>OutsideMaintenanceWindow: waits for the calendar (also when too little of the open window
 *       is left for a transition to finish inside it);
 *   <li>FleetViewStale: the list of Azure's VMs the decision rests on is too old (Azure is
 *       throttling or failing the lists), so what is transitioning and on which build is not known;
 *   <li>NoRolloutSlot: inside a window, waits for another VM to finish.
 * </ol>
 */
public final class RebootGate {
  private RebootGate() {}

  public static GateDecision decide(GateInput in) {
    Optional<Interval> window = in.schedule().nextWindow(in.now());
    Optional<Instant> next = window.map(Interval::start);
    Optional<Instant> end = window.filter(w -> w.contains(in.now())).map(Interval::end);
    OsBuild current = in.currentBuild();
    OsBuild declared = in.declaredBaseline();
    if (!current.sameFamilyAs(declared)) {
      return deny(
          GateReason.NotBehindBaseline,
          "OS build "
              + current
              + " is not the same OS as baseline build "
              + declared
              + "; a baseline transition cannot change the OS",
          next,
          end);
    }
    if (!current.isOlderThan(declared)) {
      return deny(
          GateReason.NotBehindBaseline,
          "OS build " + current + " is already at or past baseline build " + declared,
          next,
          end);
    }
    if (in.paused()) {
      return deny(GateReason.RolloutPaused, "rollout is paused", next, end);
    }
    if (RolloutDefaults.budgetSpent(in.failedTransitions(), in.failureBudget())) {
      return deny(
          GateReason.FailureBudgetSpent,
          "rollout stopped: "
              + in.failedTransitions()
              + " failed transition(s), failure budget "
              + in.failureBudget(),
          next,
          end);
    }
    if (end.isEmpty()) {
      String message =
          in.schedule().isEmpty()
              ? "no maintenance windows: the rollout never reboots"
              : next.map(t -> "waiting for maintenance window opening " + format(t))
                  .orElse("no maintenance window opens in the next week");
      return deny(GateReason.OutsideMaintenanceWindow, message, next, end);
    }
    Duration left = Duration.between(in.now(), end.get());
    if (left.compareTo(in.minimumWindowLeft()) < 0) {
      Optional<Instant> following = in.schedule().nextWindow(end.get()).map(Interval::start);
      return deny(
          GateReason.OutsideMaintenanceWindow,
          "only "
              + GoDuration.format(left)
              + " of the maintenance window left, a transition needs "
              + GoDuration.format(in.minimumWindowLeft())
              + following.map(t -> "; waiting for the window opening " + format(t)).orElse(""),
          following,
          end);
    }
    if (in.fleetViewStale()) {
      return deny(
          GateReason.FleetViewStale,
          "the fleet view is too old to decide a reboot on; waiting for a fresh list",
          next,
          end);
    }
    if (!RolloutBudget.hasFreeSlot(in.transitioningNow(), in.maxUnavailable())) {
      return deny(
          GateReason.NoRolloutSlot,
          "waiting for a rollout slot: "
              + in.transitioningNow()
              + " of maxUnavailable "
              + in.maxUnavailable()
              + " VMs transitioning",
          next,
          end);
    }
    return new GateDecision(
        true,
        GateReason.Allowed,
        "transition from "
            + current
            + " to baseline "
            + declared
            + " allowed; maintenance window closes "
            + format(end.get()),
        next,
        end);
  }

  /** "2026-01-17T22:00Z": UTC, seconds only when not zero. */
  public static String format(Instant t) {
    return t.atOffset(ZoneOffset.UTC).toString();
  }

  private static GateDecision deny(
      GateReason reason, String message, Optional<Instant> next, Optional<Instant> end) {
    return new GateDecision(false, reason, message, next, end);
  }
}
