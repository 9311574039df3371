package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVMStatus.PendingOperation;
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

  TransitionStep(OperatorSettings settings, IntentRecorder intent, RebootListener reboots) {
    this.settings = settings;
    this.intent = intent;
    this.reboots = reboots;
  }

  /** Told when the operator starts a call that may reboot a VM (for metrics). */
  @FunctionalInterface
  public interface RebootListener {
    RebootListener NONE = cause -> {};

    void rebootCapableCallStarted(String cause);
  }

  /** The install and its reboot must end inside the window the gate opened. */
  private java.time.Duration maximumDuration(VmWork w, GateDecision gate) {
    java.time.Duration maximum = settings.installMaxDuration();
    if (gate.windowEnd().isPresent()) {
      java.time.Duration left = java.time.Duration.between(w.now, gate.windowEnd().get());
      maximum = left.compareTo(maximum) < 0 ? left : maximum;
    }
    return maximum;
  }

  void start(VmWork w, GateDecision gate, String baselineKb, String baselineBuild) {
    if (gate == null || !gate.allowed()) {
      throw new IllegalStateException("a baseline transition needs an open reboot gate");
    }
    PendingOperation op = new PendingOperation();
    op.kind = KIND;
    op.started = w.now.toString();
    op.kbs = List.of(baselineKb);
    op.targetBaseline = baselineKb;
    java.time.Duration maximum = maximumDuration(w, gate);
    op.deadline =
        TransitionTimeout.deadline(w.now, maximum, settings.transitionMargin()).toString();
    intent.record(w, op);
    InstallRequest request =
        new InstallRequest(
            InstallRequest.RebootSetting.IfRequired,
            maximum.toString(),
            List.of(baselineKb),
            false);
    OperationHandle handle = w.gateway.beginInstallPatches(w.ref, request);
    reboots.rebootCapableCallStarted("BaselineTransition");
    op.operationUrl = handle.operationUrl();
    op.resultUrl = handle.resultUrl();
    w.status.phase = Phases.TRANSITIONING;
    String message =
        "installing baseline " + baselineKb + " (build " + baselineBuild + "); the VM may reboot";
    w.condition(Conditions.BASELINE_CONVERGED, false, "Transitioning", message);
    w.condition(Conditions.READY, false, "Transitioning", message);
  }
}
