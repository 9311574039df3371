package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVMStatus.PendingOperation;
import dev.hotpatch.operator.azure.OperationHandle;
import dev.hotpatch.operator.policy.OrchestrationPolicy;
import java.time.Duration;
import java.util.Optional;

/** Makes the VM Azure-orchestrated with one PATCH, or says why it cannot be. */
final class OrchestrationStep implements Step {
  static final String KIND = "Orchestrate";

  private final OperatorSettings settings;
  private final IntentRecorder intent;

  OrchestrationStep(OperatorSettings settings, IntentRecorder intent) {
    this.settings = settings;
    this.intent = intent;
  }

  @Override
  public Optional<Duration> run(VmWork w) {
    OrchestrationPolicy.Decision decision = OrchestrationPolicy.decide(w.vm.patchSettings());
    switch (decision.outcome()) {
      case ALREADY_ORCHESTRATED -> {
        w.condition(
            Conditions.AZURE_ORCHESTRATED,
            true,
            "Orchestrated",
            "patch mode AutomaticByPlatform with hotpatching; the operator owns reboots (platform reboot setting Never)");
        return Step.next();
      }
      case CANNOT -> {
        w.condition(Conditions.AZURE_ORCHESTRATED, false, decision.reason(), decision.message());
        w.notReady(Phases.BLOCKED, decision.reason(), decision.message());
        // Only recreating the VM helps; look again rarely, never retry the PATCH.
        return Step.stop(settings.blockedInterval());
      }
      default -> {
        if (w.resource.getSpec().suspend) {
          return Step.next();
        }
        PendingOperation op = new PendingOperation();
        op.kind = KIND;
        op.started = w.now.toString();
        intent.record(w, op);
        OperationHandle handle = intent.call(() -> w.gateway.beginOrchestrate(w.ref));
        w.condition(
            Conditions.AZURE_ORCHESTRATED,
            false,
            "Orchestrating",
            "setting patch mode AutomaticByPlatform with hotpatching");
        w.notReady(Phases.ORCHESTRATING, "Orchestrating", "updating the VM's patch settings");
        if (handle.done()) {
          w.status.pendingOperation = null;
          w.view.confirm(w.ref, w.gateway.getVm(w.ref));
          return Step.stop(Duration.ZERO);
        }
        op.operationUrl = handle.operationUrl();
        op.resultUrl = handle.resultUrl();
        return Step.stop(settings.pollInterval());
      }
    }
  }
}
