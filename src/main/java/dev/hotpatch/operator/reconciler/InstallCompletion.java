package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVMStatus.PatchActivity;
import dev.hotpatch.operator.api.HotpatchVMStatus.PendingOperation;
import dev.hotpatch.operator.azure.InstallResult;
import dev.hotpatch.operator.azure.OperationHandle;
import dev.hotpatch.operator.azure.OperationStatus;
import dev.hotpatch.operator.azure.VmSnapshot;
import dev.hotpatch.operator.policy.OsBuild;
import dev.hotpatch.operator.policy.TransitionTimeout;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The end of an installPatches operation, for hotpatch installs and baseline transitions alike:
 * record the result, read the VM once to confirm its build, and free the rollout slot. A transition
 * that fails or overruns its maximum duration counts against the failure budget.
 */
final class InstallCompletion implements PendingOperationStep.Completion {
  private final OperatorSettings settings;
  private final RolloutSlots slots;
  private final boolean transition;

  InstallCompletion(OperatorSettings settings, RolloutSlots slots, boolean transition) {
    this.settings = settings;
    this.slots = slots;
    this.transition = transition;
  }

  @Override
  public Optional<Duration> inProgress(VmWork w, PendingOperation op) {
    w.status.phase = transition ? Phases.TRANSITIONING : Phases.INSTALLING;
    if (!transition || !overran(w, op)) {
      return Step.next();
    }
    String message =
        "baseline transition to "
            + op.targetBaseline
            + " did not finish by "
            + op.deadline
            + " (its maximum duration plus "
            + settings.transitionMargin()
            + "); rollout slot freed, counted as failed";
    return fail(w, op, "TransitionTimedOut", message);
  }

  @Override
  public Optional<Duration> intentWithoutHandle(VmWork w, PendingOperation op) {
    // The call's answer was lost (crash, or a 5xx): look at the VM instead of calling again
    // blindly.
    VmSnapshot vm = confirm(w);
    if (vm == null) {
      return end(w, op, Step.stop(Duration.ZERO));
    }
    VmSnapshot.PatchStatus ps =
        vm.patchStatus() == null ? VmSnapshot.PatchStatus.NONE : vm.patchStatus();
    boolean startedSinceIntent =
        ps.installationStarted() != null
            && !Instant.parse(ps.installationStarted()).isBefore(Instant.parse(op.started));
    if (startedSinceIntent && "InProgress".equalsIgnoreCase(ps.installationStatus())) {
      Optional<Duration> overran = inProgress(w, op);
      return overran.isPresent() ? overran : Step.stop(settings.pollInterval());
    }
    if (startedSinceIntent) {
      return finished(w, op, null);
    }
    // Nothing was started: forget the intent and plan again (through the gate again).
    return end(w, op, Step.next());
  }

  @Override
  public Optional<Duration> succeeded(VmWork w, PendingOperation op, OperationHandle handle) {
    InstallResult result = w.gateway.installResult(handle);
    confirm(w);
    return finished(w, op, result);
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
        ConvergenceStep.baselineKey(w), op.targetBaseline, w.resource.getMetadata().getName());
    w.condition(Conditions.BASELINE_CONVERGED, false, reason, message);
    w.notReady(Phases.FAILED, reason, message);
    return end(w, op, Step.stop(settings.resyncInterval()));
  }

  private Optional<Duration> end(VmWork w, PendingOperation op, Optional<Duration> next) {
    w.status.pendingOperation = null;
    if (transition) {
      slots.releaseAll(w.resource.getMetadata().getName());
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
        Optional.ofNullable(w.baseline).map(b -> OsBuild.parse(b.getSpec().build));
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
