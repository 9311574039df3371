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
  private final ArmRequestBudget writes;
  private final OrchestrationHandles handles;

  /** A wait for a write turn this short says nothing (a cold start of up to about 1,000 VMs). */
  static final Duration QUIET_WAIT = Duration.ofMinutes(2);

  OrchestrationStep(
      OperatorSettings settings,
      IntentRecorder intent,
      ArmRequestBudget writes,
      OrchestrationHandles handles) {
    this.settings = settings;
    this.intent = intent;
    this.writes = writes;
    this.handles = handles;
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
        Optional<java.time.Instant> turn = writes.tryTake(w.ref.subscriptionId(), w.key());
        if (turn.isPresent()) {
          Duration wait = Duration.between(w.now, turn.get());
          if (wait.compareTo(QUIET_WAIT) > 0) {
            String message =
                "waiting for its turn under ARM's write limit of subscription "
                    + w.ref.subscriptionId()
                    + " ("
                    + (int) ArmRequestBudget.DEFAULT_WRITES_PER_SECOND
                    + " PATCHes a second): making it Azure-orchestrated at "
                    + turn.get();
            w.condition(Conditions.AZURE_ORCHESTRATED, false, "AzureQuota", message);
            w.notReady(Phases.PENDING, "AzureQuota", message);
          } else {
            w.nothingToSay = w.status.phase == null; // a new VM: its next reconcile says it all
          }
          return Step.stop(wait.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : wait);
        }
        PendingOperation op = new PendingOperation();
        op.kind = KIND;
        op.started = w.now.toString();
        // What the call will be is said with its intent: one write, not one before and one after.
        w.condition(
            Conditions.AZURE_ORCHESTRATED,
            false,
            "Orchestrating",
            "setting patch mode AutomaticByPlatform with hotpatching");
        w.notReady(Phases.ORCHESTRATING, "Orchestrating", "updating the VM's patch settings");
        w.completeForWrite();
        intent.record(w, op);
        OperationHandle handle = intent.call(() -> w.gateway.beginOrchestrate(w.ref));
        if (handle.done()) {
          w.status.pendingOperation = null;
          w.view.confirm(w.ref, BudgetedGateway.confirmWrite(w.gateway, w.ref));
          return Step.stop(Duration.ZERO);
        }
        handles.remember(w.key(), op, handle); // not written: see OrchestrationHandles
        return Step.stop(settings.pollInterval());
      }
    }
  }
}
