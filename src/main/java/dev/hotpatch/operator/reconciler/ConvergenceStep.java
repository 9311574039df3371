package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.Rollout;
import dev.hotpatch.operator.policy.BaselineTarget;
import dev.hotpatch.operator.policy.ConvergencePlanner;
import dev.hotpatch.operator.policy.GateDecision;
import dev.hotpatch.operator.policy.GateInput;
import dev.hotpatch.operator.policy.GateReason;
import dev.hotpatch.operator.policy.ListPacing;
import dev.hotpatch.operator.policy.MaintenanceSchedule;
import dev.hotpatch.operator.policy.OsBuild;
import dev.hotpatch.operator.policy.Plan;
import dev.hotpatch.operator.policy.RebootForecast;
import dev.hotpatch.operator.policy.RebootGate;
import dev.hotpatch.operator.policy.RolloutBudget;
import dev.hotpatch.operator.policy.RolloutDefaults;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Step 5: compare the VM's build with its declared baseline, ask the reboot gate when it is behind,
 * and carry out the planner's decision: transition, hotpatch install, or converged.
 */
final class ConvergenceStep implements Step {
  private static final java.util.Set<String> FAILED_REASONS =
      java.util.Set.of("TransitionFailed", "TransitionTimedOut");
  private final OperatorSettings settings;
  private final RolloutSlots slots;
  private final Function<VmWork, GateCounts> members;
  private final TransitionStep transition;
  private final HotpatchInstallStep hotpatches;
  private final ListPacing pacing;

  ConvergenceStep(
      OperatorSettings settings,
      ListPacing pacing,
      RolloutSlots slots,
      Function<VmWork, GateCounts> members,
      TransitionStep transition,
      HotpatchInstallStep hotpatches) {
    this.settings = settings;
    this.pacing = pacing;
    this.slots = slots;
    this.members = members;
    this.transition = transition;
    this.hotpatches = hotpatches;
  }

  @Override
  public Optional<Duration> run(VmWork w) {
    BaselineTarget target = BaselineTarget.from(w.baseline.getSpec());
    OsBuild current = OsBuild.tryParse(w.vm.osVersion()).orElse(null);
    Rollout rollout =
        w.baseline.getSpec().rollout == null ? new Rollout() : w.baseline.getSpec().rollout;
    MaintenanceSchedule schedule = MaintenanceSchedule.of(rollout.maintenanceWindows);
    Optional<Instant> nextWindow = schedule.nextOpening(w.now);
    w.status.nextRebootWindow = nextWindow.map(Instant::toString).orElse(null);
    w.condition(
        Conditions.REBOOT_PENDING,
        w.vm.rebootPending(),
        w.vm.rebootPending() ? "RebootPending" : "NoRebootPending",
        w.vm.rebootPending()
            ? "Azure reports the VM needs a reboot to finish installing updates"
            : "no reboot pending");

    boolean behind =
        current != null
            && current.sameFamilyAs(target.build())
            && current.isOlderThan(target.build());
    if (behind && target.kb().equals(w.status.failedTransition)) {
      forecast(
          w, RebootForecast.of(Plan.Kind.WAIT_FOR_GATE, null, target.kb(), w.now, false, true));
      String reason =
          Conditions.find(w.status.conditions, Conditions.READY).map(c -> c.getReason()).orElse("");
      if (FAILED_REASONS.contains(reason)) {
        w.status.phase = Phases.FAILED; // keep saying how it failed
        return Step.stop(settings.resyncInterval());
      }
      String message =
          "the transition to baseline "
              + target.kb()
              + " failed on this VM; it is not retried automatically"
              + " (declare a new baseline, or recreate this HotpatchVM to retry)";
      w.condition(Conditions.BASELINE_CONVERGED, false, "TransitionFailed", message);
      w.notReady(Phases.FAILED, "TransitionFailed", message);
      return Step.stop(settings.resyncInterval());
    }
    if (w.resource.getSpec().suspend) {
      Plan.Kind kind = behind ? Plan.Kind.WAIT_FOR_GATE : Plan.Kind.CONVERGED;
      forecast(w, RebootForecast.of(kind, null, target.kb(), w.now, true, false));
      return Step.next();
    }
    GateDecision gate = behind ? askGate(w, current, target, rollout, schedule) : null;
    Plan plan = ConvergencePlanner.plan(false, current, target, gate);
    forecast(w, RebootForecast.of(plan.kind(), gate, target.kb(), w.now, false, false));
    return switch (plan.kind()) {
      case TRANSITION -> startTransition(w, gate, target);
      case WAIT_FOR_GATE -> waitForGate(w, plan, gate);
      case INSTALL_HOTPATCHES -> installHotpatches(w, plan);
      case CONVERGED, AHEAD_OF_BASELINE -> converged(w, plan, target);
      case WRONG_OS -> {
        w.condition(Conditions.BASELINE_CONVERGED, false, "WrongOs", plan.message());
        w.notReady(Phases.BLOCKED, "WrongOs", plan.message());
        yield Step.stop(settings.blockedInterval());
      }
      case OS_BUILD_UNKNOWN, FOLLOW_PENDING -> {
        w.condition(Conditions.BASELINE_CONVERGED, false, "OsBuildUnknown", plan.message());
        w.notReady(Phases.PENDING, "OsBuildUnknown", plan.message());
        yield Step.stop(settings.resyncInterval());
      }
    };
  }

  private GateDecision askGate(
      VmWork w,
      OsBuild current,
      BaselineTarget target,
      Rollout rollout,
      MaintenanceSchedule schedule) {
    GateCounts fleet = members.apply(w);
    int maxUnavailable =
        RolloutBudget.maxUnavailable(rollout.maxUnavailable, Math.max(1, fleet.targeted()));
    int budget = RolloutDefaults.failureBudget(rollout);
    return slots.tryAcquire(
        baselineKey(w),
        target.kb(),
        w.key(),
        fleet.transitioning(),
        fleet.failedVms(),
        (others, failures) ->
            RebootGate.decide(
                new GateInput(
                    current,
                    target.build(),
                    w.now,
                    schedule,
                    others,
                    maxUnavailable,
                    rollout.paused,
                    failures,
                    budget,
                    settings.transitionWindowNeeded(),
                    w.view != null && pacing.stale(w.view.lastRefresh(), w.now))));
  }

  private static void forecast(VmWork w, RebootForecast.Forecast f) {
    w.status.nextReboot = f.at().map(java.time.Instant::toString).orElse(null);
    w.status.nextRebootReason = f.reason();
  }

  static String baselineKey(VmWork w) {
    return w.resource.getMetadata().getNamespace() + "/" + w.resource.getSpec().baselineRef.name;
  }

  private Optional<Duration> startTransition(VmWork w, GateDecision gate, BaselineTarget target) {
    // Nothing started and no quota to wait for (refused, the VM busy or gone, the window closed
    // in): the reconcile's end gives the slot back.
    Optional<Duration> waitingForQuota =
        transition.start(w, gate, baselineKey(w), target.kb(), target.build().toString());
    w.keepsSlotForQuota = waitingForQuota.isPresent();
    return Step.stop(waitingForQuota.orElse(settings.pollInterval()));
  }

  private Optional<Duration> waitForGate(VmWork w, Plan plan, GateDecision gate) {
    String message =
        gate.reason() == GateReason.FleetViewStale && w.view != null
            ? FleetViewMessages.stale(w.view, w.now, pacing.staleAfter())
            : plan.message();
    w.condition(Conditions.BASELINE_CONVERGED, false, gate.reason().name(), message);
    w.notReady(Phases.WAITING, gate.reason().name(), message);
    if (gate.reason() == GateReason.FleetViewStale) {
      return Step.stop(settings.pollInterval()); // a refresh that changes nothing triggers nobody
    }
    Duration requeue = settings.resyncInterval();
    if (gate.nextWindow().isPresent() && gate.nextWindow().get().isAfter(w.now)) {
      Duration untilWindow = Duration.between(w.now, gate.nextWindow().get());
      requeue = untilWindow.compareTo(requeue) < 0 ? untilWindow : requeue;
    }
    return Step.stop(requeue);
  }

  private Optional<Duration> installHotpatches(VmWork w, Plan plan) {
    w.status.hotpatches = plan.installedHotpatches();
    if (hotpatches.recentlyTried(w, plan.kbs())) {
      String message =
          "hotpatches "
              + String.join(", ", plan.kbs())
              + " were installed but the OS build did not move; retrying after resync";
      w.condition(Conditions.BASELINE_CONVERGED, false, "HotpatchNotApplied", message);
      w.notReady(Phases.INSTALLING, "HotpatchNotApplied", message);
      return Step.stop(settings.resyncInterval());
    }
    return Step.stop(hotpatches.start(w, plan.kbs()));
  }

  private Optional<Duration> converged(VmWork w, Plan plan, BaselineTarget target) {
    w.status.baseline = target.kb();
    w.status.hotpatches = List.copyOf(plan.installedHotpatches());
    if (w.status.failedTransition != null && !w.status.failedTransition.equals(target.kb())) {
      w.status.failedTransition = null; // a failure onto an older baseline spends no budget now
    }
    // A failure onto this baseline stays, though the VM reached it another way (a platform
    // reboot, a person): the budget stays spent until failureBudget is raised or a new baseline
    // is declared, in a new pod too (seed 3940: cleared here, a restart reopened the rollout).
    w.condition(
        Conditions.BASELINE_CONVERGED,
        true,
        plan.kind() == Plan.Kind.AHEAD_OF_BASELINE ? "AheadOfBaseline" : "Converged",
        plan.message());
    w.status.phase = plan.kind() == Plan.Kind.AHEAD_OF_BASELINE ? Phases.AHEAD : Phases.CONVERGED;
    return Step.next();
  }
}
