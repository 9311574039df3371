package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVMStatus.PatchActivity;
import dev.hotpatch.operator.api.HotpatchVMStatus.PendingOperation;
import dev.hotpatch.operator.azure.AzureException;
import dev.hotpatch.operator.azure.InstallResult;
import dev.hotpatch.operator.azure.OperationHandle;
import dev.hotpatch.operator.azure.OperationStatus;
import dev.hotpatch.operator.azure.VmSnapshot;
import dev.hotpatch.operator.policy.LostAnswerVerdict;
import dev.hotpatch.operator.policy.OsBuild;
import dev.hotpatch.operator.policy.TransitionTimeout;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The end of an installPatches operation, for hotpatch installs and baseline transitions alike:
 * record the result, read the VM once to confirm its build, and free the rollout slot. A transition
 * that fails counts against the failure budget. One that overruns its deadline keeps its slot
 * (Azure may still be installing or rebooting) and says so; only Azure's terminal answer, or a GET
 * proving the VM gone, frees it.
 */
final class InstallCompletion implements PendingOperationStep.Completion {
  private final OperatorSettings settings;
  private final RolloutSlots slots;
  private final SoonestEnds soonest;
  private final boolean transition;

  static InstallCompletion transitions(
      OperatorSettings settings, RolloutSlots slots, SoonestEnds soonest) {
    return new InstallCompletion(settings, slots, soonest, true);
  }

  static InstallCompletion hotpatches(
      OperatorSettings settings, RolloutSlots slots, SoonestEnds soonest) {
    return new InstallCompletion(settings, slots, soonest, false);
  }

  private InstallCompletion(
      OperatorSettings settings, RolloutSlots slots, SoonestEnds soonest, boolean transition) {
    this.settings = settings;
    this.slots = slots;
    this.soonest = soonest;
    this.transition = transition;
  }

  @Override
  public Optional<Duration> inProgress(VmWork w, PendingOperation op) {
    if (w.vm == null && confirm(w) == null) {
      return end(w, op, Step.next()); // gone from the list, and a GET proved it gone
    }
    w.status.phase = transition ? Phases.TRANSITIONING : Phases.INSTALLING;
    if (!transition || !overran(w, op)) {
      return Step.next();
    }
    String message =
        "baseline transition to "
            + op.targetBaseline
            + " is overdue: not finished by "
            + op.deadline
            + " (its maximum duration plus "
            + settings.transitionMargin()
            + "); Azure may still be installing or rebooting, so its rollout slot stays held"
            + " until Azure says the operation ended";
    w.condition(Conditions.BASELINE_CONVERGED, false, "TransitionOverdue", message);
    w.notReady(Phases.TRANSITIONING, "TransitionOverdue", message);
    return Step.next();
  }

  /**
   * No handle: the call's answer was lost (a 5xx, a timeout, a reset), the operator stopped between
   * the intent and the call, or Azure refused it because another operation ran. Never call again
   * blindly: read the VM, and decide only on evidence.
   */
  @Override
  public Optional<Duration> intentWithoutHandle(VmWork w, PendingOperation op) {
    VmSnapshot vm = confirm(w);
    VmSnapshot.PatchStatus ps =
        vm == null || vm.patchStatus() == null ? VmSnapshot.PatchStatus.NONE : vm.patchStatus();
    LostAnswerVerdict verdict =
        LostAnswerVerdict.judge(
            new LostAnswerVerdict.Facts(
                vm != null,
                vm != null && agentReports(vm),
                ps.installationActivityId(),
                "InProgress".equalsIgnoreCase(ps.installationStatus()),
                op.priorActivityId,
                op.refusedBusyAt != null,
                transition && reached(w, op),
                w.now,
                evidenceDeadline(op)));
    return switch (verdict) {
      case VM_GONE -> end(w, op, Step.stop(Duration.ZERO));
      case RUNNING, UNKNOWN_YET -> holding(w, op);
      case ENDED -> finished(w, op, null);
      case NOT_STARTED -> end(w, op, Step.next()); // planned again, through the gate
    };
  }

  /** The VM agent answers (it reports no patch status and no build for a while after a reboot). */
  private static boolean agentReports(VmSnapshot vm) {
    return vm.osVersion() != null && vm.patchStatus() != null;
  }

  /** When the absence of a new installation becomes evidence that none was started. */
  private Instant evidenceDeadline(PendingOperation op) {
    if (op.deadline != null) {
      return Instant.parse(op.deadline);
    }
    return TransitionTimeout.deadline(
        Instant.parse(op.started), settings.installMaxDuration(), settings.transitionMargin());
  }

  private Optional<Duration> holding(VmWork w, PendingOperation op) {
    Optional<Duration> overran = inProgress(w, op);
    return overran.isPresent() ? overran : Step.stop(settings.pollInterval());
  }

  /** How long after Azure's "Succeeded" the VM's build may take to show (agent, lag). */
  static final Duration BUILD_SETTLES = Duration.ofMinutes(15);

  @Override
  public boolean knownSucceeded(PendingOperation op) {
    return op.succeededAt != null;
  }

  @Override
  public Optional<Duration> succeeded(VmWork w, PendingOperation op, OperationHandle handle) {
    if (transition && op.succeededAt == null && comesBackLater(w, op)) {
      // Like VMs took minutes to come back after Azure's "Succeeded": a read now would only show
      // this one rebooting. The first look waits as the later ones do.
      op.succeededAt = w.now.toString();
      w.status.phase = Phases.TRANSITIONING;
      return Step.stop(
          settings.followInterval(
              op.succeededAt, w.now, soonest.seen(subscription(w), returnAfter(op), w.now)));
    }
    VmSnapshot vm = confirm(w);
    if (transition && !reached(w, op) && vm != null) {
      if (op.succeededAt == null) {
        op.succeededAt = w.now.toString();
      }
      boolean settling = w.now.isBefore(Instant.parse(op.succeededAt).plus(BUILD_SETTLES));
      if (!agentReports(vm) || settling) {
        w.status.phase = Phases.TRANSITIONING;
        // The VM is not back, or its build not shown. Only the VM is read until then: the
        // operation's answer and its result do not change.
        SoonestEnds.instant(op.succeededAt)
            .ifPresent(
                since -> soonest.stillRunning(subscription(w), returnAfter(op), since, w.now));
        return Step.stop(
            settings.followInterval(
                op.succeededAt, w.now, soonest.seen(subscription(w), returnAfter(op), w.now)));
      }
    }
    if (transition && op.succeededAt != null && reached(w, op)) {
      SoonestEnds.since(op.succeededAt, w.now)
          .ifPresent(took -> soonest.record(subscription(w), returnAfter(op), took));
    }
    InstallResult result;
    try {
      result = w.gateway.installResult(handle);
    } catch (AzureException e) {
      // The operation said Succeeded; a result URL still answering 202 or 404 must not hold the
      // slot. The VM's build tells the rest.
      result = null;
    }
    return finished(w, op, result);
  }

  private boolean comesBackLater(VmWork w, PendingOperation op) {
    return soonest
        .soonest(subscription(w), returnAfter(op))
        .filter(back -> back.compareTo(settings.pollInterval().multipliedBy(2)) >= 0)
        .isPresent();
  }

  private static String subscription(VmWork w) {
    return w.ref == null ? null : w.ref.subscriptionId();
  }

  private static String returnAfter(PendingOperation op) {
    return SoonestEnds.returnAfter(op.kind);
  }

  @Override
  public Optional<Duration> failed(VmWork w, PendingOperation op, OperationStatus status) {
    confirm(w);
    String message = "installPatches failed: " + status.errorCode() + ": " + status.errorMessage();
    w.status.lastInstallation = activity(op, null, "Failed");
    if (transition) {
      return fail(w, op, "TransitionFailed", message);
    }
    w.condition(Conditions.BASELINE_CONVERGED, false, "InstallFailed", message);
    w.notReady(Phases.FAILED, "InstallFailed", message);
    return end(w, op, Step.stop(settings.resyncInterval()));
  }

  private Optional<Duration> finished(VmWork w, PendingOperation op, InstallResult result) {
    w.status.lastInstallation = activity(op, result, result == null ? "Unknown" : result.status());
    if (transition && !reached(w, op)) {
      String message =
          "baseline "
              + op.targetBaseline
              + " installed but the VM is still at build "
              + w.status.osBuild
              + (w.vm != null && w.vm.rebootPending() ? " (reboot pending)" : "");
      return fail(w, op, "TransitionFailed", message);
    }
    if (transition) {
      w.status.baseline = op.targetBaseline;
      w.status.failedTransition = null;
    }
    return end(w, op, Step.next());
  }

  private Optional<Duration> fail(VmWork w, PendingOperation op, String reason, String message) {
    w.status.failedTransition = op.targetBaseline;
    slots.recordFailure(
        op.baselineKey != null ? op.baselineKey : ConvergenceStep.baselineKey(w),
        op.targetBaseline,
        w.key());
    w.condition(Conditions.BASELINE_CONVERGED, false, reason, message);
    w.notReady(Phases.FAILED, reason, message);
    return end(w, op, Step.stop(settings.resyncInterval()));
  }

  private Optional<Duration> end(VmWork w, PendingOperation op, Optional<Duration> next) {
    w.status.pendingOperation = null;
    if (transition) {
      slots.transitionEnded(
          op.baselineKey != null ? op.baselineKey : ConvergenceStep.baselineKey(w), w.key());
    }
    return next;
  }

  private boolean overran(VmWork w, PendingOperation op) {
    if (op.deadline != null) {
      return !w.now.isBefore(Instant.parse(op.deadline));
    }
    return TransitionTimeout.expired(
        Instant.parse(op.started),
        settings.installMaxDuration(),
        settings.transitionMargin(),
        w.now);
  }

  /** True when the VM's build is at or past the baseline it was moving to. */
  private boolean reached(VmWork w, PendingOperation op) {
    Optional<OsBuild> now = OsBuild.tryParse(w.vm == null ? null : w.vm.osVersion());
    Optional<OsBuild> target =
        op.targetBuild != null
            ? OsBuild.tryParse(op.targetBuild)
            : Optional.ofNullable(w.baseline).map(b -> OsBuild.parse(b.getSpec().build));
    return now.isPresent() && target.isPresent() && !now.get().isOlderThan(target.get());
  }

  private VmSnapshot confirm(VmWork w) {
    Optional<VmSnapshot> fresh = w.gateway.getVm(w.ref);
    w.view.confirm(w.ref, fresh);
    w.vm = fresh.orElse(null);
    w.status.osBuild =
        fresh
            .flatMap(v -> OsBuild.tryParse(v.osVersion()))
            .map(OsBuild::toString)
            .orElse(w.status.osBuild);
    return w.vm;
  }

  private PatchActivity activity(PendingOperation op, InstallResult r, String status) {
    PatchActivity a = new PatchActivity();
    a.kind = op.kind;
    a.kbs = op.kbs;
    a.startTime = op.started;
    a.status = status;
    if (r != null) {
      a.activityId = r.activityId();
      a.installed = r.installed();
      a.failed = r.failed();
      a.pending = r.pending();
      a.excluded = r.excluded();
      a.rebooted =
          "Completed".equalsIgnoreCase(r.rebootStatus())
              || "Started".equalsIgnoreCase(r.rebootStatus());
    }
    return a;
  }
}
