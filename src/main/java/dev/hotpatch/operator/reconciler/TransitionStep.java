package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVMStatus.PendingOperation;
import dev.hotpatch.operator.azure.AzureException;
import dev.hotpatch.operator.azure.InstallRequest;
import dev.hotpatch.operator.azure.OperationHandle;
import dev.hotpatch.operator.policy.GateDecision;
import dev.hotpatch.operator.policy.TransitionTimeout;
import java.util.List;

/**
 * The only code that makes a reboot-capable call: installPatches of the baseline KB with
 * rebootSetting IfRequired. It takes the reboot gate's decision and refuses a closed one.
 */
public final class TransitionStep {
  static final String KIND = "BaselineTransition";

  private final OperatorSettings settings;
  private final IntentRecorder intent;
  private final RebootListener reboots;
  private final InstallStartPacer pacer;

  TransitionStep(
      OperatorSettings settings,
      IntentRecorder intent,
      RebootListener reboots,
      InstallStartPacer pacer) {
    this.settings = settings;
    this.intent = intent;
    this.reboots = reboots;
    this.pacer = pacer;
  }

  /** Told when the operator starts a call that may reboot a VM (for metrics). */
  @FunctionalInterface
  public interface RebootListener {
    RebootListener NONE = cause -> {};

    void rebootCapableCallStarted(String cause);
  }

  /**
   * The install and its reboot must end inside the window the gate opened; whole minutes, as Azure
   * takes them (a window-capped {@code PT1H37M0.25S} is not what any client sends).
   */
  static java.time.Duration maximumDuration(
      java.time.Instant now, java.time.Duration configured, GateDecision gate) {
    java.time.Duration maximum = configured;
    if (gate.windowEnd().isPresent()) {
      java.time.Duration left = java.time.Duration.between(now, gate.windowEnd().get());
      maximum = left.compareTo(maximum) < 0 ? left : maximum;
    }
    return java.time.Duration.ofMinutes(maximum.toMinutes());
  }

  /** Less of the window is left at {@code at} than a transition needs: say so and make no call. */
  private boolean windowClosedIn(
      VmWork w, GateDecision gate, java.time.Instant at, String baselineKb) {
    if (gate.windowEnd().isEmpty()) {
      return false;
    }
    java.time.Duration left = java.time.Duration.between(at, gate.windowEnd().get());
    if (left.compareTo(settings.transitionWindowNeeded()) >= 0) {
      return false;
    }
    String message =
        "the transition to "
            + baselineKb
            + " was allowed, but when its call was due only "
            + dev.hotpatch.operator.policy.GoDuration.format(
                left.isNegative() ? java.time.Duration.ZERO : left)
            + " of the maintenance window was left (a transition needs "
            + dev.hotpatch.operator.policy.GoDuration.format(settings.transitionWindowNeeded())
            + "); waiting for the next window";
    w.status.phase = Phases.WAITING;
    w.status.nextReboot = null;
    w.status.nextRebootReason = message;
    w.condition(Conditions.BASELINE_CONVERGED, false, "OutsideMaintenanceWindow", message);
    w.condition(Conditions.READY, false, "OutsideMaintenanceWindow", message);
    return true;
  }

  /**
   * @param baselineKey namespace/name of the baseline whose slot the gate gave
   * @return empty when the call went or nothing will start (no pending operation: the slot goes
   *     back); otherwise how long the VM waits, keeping its slot, for Azure's guest patch quota or
   *     for its turn under the subscription's read budget
   */
  java.util.Optional<java.time.Duration> start(
      VmWork w, GateDecision gate, String baselineKey, String baselineKb, String baselineBuild) {
    if (gate == null || !gate.allowed()) {
      throw new IllegalStateException("a baseline transition needs an open reboot gate");
    }
    var turn = pacer.tryStart(w.ref.subscriptionId(), w.key(), settings.clock().instant());
    if (turn.isPresent()) {
      return waitForQuota(
          w,
          turn.get(),
          "Azure allows "
              + InstallStartPacer.AZURE_STARTS_PER_MINUTE
              + " installPatches a minute per subscription; the transition to "
              + baselineKb
              + " keeps its rollout slot and starts at "
              + turn.get());
    }
    PendingOperation op = new PendingOperation();
    op.kind = KIND;
    op.started = w.now.toString();
    op.kbs = List.of(baselineKb);
    op.targetBaseline = baselineKb;
    op.vmId = w.ref.id();
    op.baselineKey = baselineKey;
    op.targetBuild = baselineBuild;
    // The last installation as Azure shows it now, not as the last list did: a different one
    // appearing later is the evidence that this call started, should its answer be lost.
    java.util.Optional<dev.hotpatch.operator.azure.VmSnapshot> fresh;
    try {
      fresh = w.gateway.getVm(w.ref);
    } catch (ReadBudgetExhausted e) {
      // Nothing was sent. The VM keeps its slot and its start under the quota until its read's
      // turn (seconds): giving the slot back made the next VM wait for a turn of its own in turn,
      // and each such start counted against the quota without going.
      java.time.Instant startTurn = pacer.postpone(w.ref.subscriptionId(), w.key(), e.turn());
      java.time.Duration wait = e.waitFrom(w.now);
      java.time.Duration untilTurn = java.time.Duration.between(w.now, startTurn);
      return java.util.Optional.of(untilTurn.compareTo(wait) > 0 ? untilTurn : wait);
    }
    w.view.confirm(w.ref, fresh);
    var ps = fresh.map(v -> v.patchStatus()).orElse(null);
    if (fresh.isEmpty() || (ps != null && "InProgress".equalsIgnoreCase(ps.installationStatus()))) {
      String message =
          fresh.isEmpty()
              ? "VM " + w.ref + " is gone"
              : "an installation is running on the VM; the transition to "
                  + baselineKb
                  + " waits until it ends";
      w.status.phase = Phases.WAITING;
      w.condition(Conditions.READY, false, "AzureBusy", message);
      return java.util.Optional.empty(); // nothing started: the caller gives the slot back
    }
    op.priorActivityId = ps == null ? null : ps.installationActivityId();
    // The gate decided at the reconcile's start; the reads since take time (seconds, or much
    // more when the API server or Azure is slow). The window must still have room when the call
    // goes, not only when it was decided.
    java.time.Instant due = settings.clock().instant();
    if (windowClosedIn(w, gate, due, baselineKb)) {
      return java.util.Optional.empty(); // nothing started: the caller gives the slot back
    }
    java.time.Duration maximum = maximumDuration(due, settings.installMaxDuration(), gate);
    op.deadline = TransitionTimeout.deadline(due, maximum, settings.transitionMargin()).toString();
    w.status.nextReboot = w.now.toString();
    w.status.nextRebootReason =
        "transition to baseline " + baselineKb + " started: the VM reboots during it";
    intent.record(w, op);
    InstallRequest request =
        new InstallRequest(
            InstallRequest.RebootSetting.IfRequired,
            maximum.toString(),
            List.of(baselineKb),
            false);
    if (windowClosedIn(w, gate, settings.clock().instant(), baselineKb)) {
      // The intent write was slow. Dropping the intent here is safe: no call was made, and a
      // crash before this reconcile's status write leaves an intent that reading Azure resolves.
      w.status.pendingOperation = null;
      return java.util.Optional.empty();
    }
    OperationHandle handle;
    try {
      handle = intent.call(() -> w.gateway.beginInstallPatches(w.ref, request));
    } catch (AzureException e) {
      if (e.httpStatus() == 429) {
        // Refused, so nothing started (the evidence the intent needs); other clients share the
        // subscription's quota. The VM keeps its slot and tries again when Azure says.
        w.status.pendingOperation = null;
        java.time.Instant now = settings.clock().instant();
        pacer.throttled(w.ref.subscriptionId(), now, e.retryAfter());
        var again = pacer.tryStart(w.ref.subscriptionId(), w.key(), now);
        java.time.Instant at = again.orElse(now.plus(InstallStartPacer.MIN_HOLD));
        return waitForQuota(
            w,
            at,
            "Azure throttled the transition to "
                + baselineKb
                + " ("
                + e.code()
                + ": "
                + e.getMessage()
                + "); it keeps its rollout slot and starts at "
                + at);
      }
      if (!e.busy()) {
        throw e;
      }
      // Another operation runs on the VM: ours did not start, but the VM may be rebooting.
      op.refusedBusyAt = w.now.toString();
      String message =
          "Azure refused the transition to "
              + baselineKb
              + ": another operation is in progress on the VM ("
              + e.getMessage()
              + "); the rollout slot stays held until it ends";
      w.status.phase = Phases.TRANSITIONING;
      w.condition(Conditions.BASELINE_CONVERGED, false, "AzureBusy", message);
      w.condition(Conditions.READY, false, "AzureBusy", message);
      return java.util.Optional.empty();
    }
    reboots.rebootCapableCallStarted("BaselineTransition");
    op.operationUrl = handle.operationUrl();
    op.resultUrl = handle.resultUrl();
    w.status.phase = Phases.TRANSITIONING;
    String message =
        "installing baseline " + baselineKb + " (build " + baselineBuild + "); the VM may reboot";
    w.condition(Conditions.BASELINE_CONVERGED, false, "Transitioning", message);
    w.condition(Conditions.READY, false, "Transitioning", message);
    return java.util.Optional.empty();
  }

  private java.util.Optional<java.time.Duration> waitForQuota(
      VmWork w, java.time.Instant turn, String message) {
    return java.util.Optional.of(
        InstallStartPacer.sayWaiting(w, Phases.WAITING, turn, message, settings.clock().instant()));
  }
}
