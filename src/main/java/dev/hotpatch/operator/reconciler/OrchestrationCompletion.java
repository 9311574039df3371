package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVMStatus.PendingOperation;
import dev.hotpatch.operator.azure.OperationHandle;
import dev.hotpatch.operator.azure.OperationStatus;
import java.time.Duration;
import java.util.Optional;

/** The end of an orchestration PATCH: read the VM once to confirm, or report Azure's refusal. */
final class OrchestrationCompletion implements PendingOperationStep.Completion {
  private final OperatorSettings settings;
  private final OrchestrationHandles handles;

  OrchestrationCompletion(OperatorSettings settings, OrchestrationHandles handles) {
    this.settings = settings;
    this.handles = handles;
  }

  @Override
  public Optional<OperationHandle> heldHandle(VmWork w, PendingOperation op) {
    return handles.of(w.key(), op);
  }

  @Override
  public Optional<Duration> intentWithoutHandle(VmWork w, PendingOperation op) {
    handles.forget(w.key());
    // A PATCH is idempotent: forget the intent and let the orchestration step decide again.
    w.status.pendingOperation = null;
    w.view.confirm(w.ref, BudgetedGateway.confirmWrite(w.gateway, w.ref));
    w.vm = w.view.get(w.ref).orElse(w.vm);
    return Step.next();
  }

  @Override
  public Optional<Duration> succeeded(VmWork w, PendingOperation op, OperationHandle handle) {
    handles.forget(w.key());
    w.status.pendingOperation = null;
    w.view.confirm(w.ref, BudgetedGateway.confirmWrite(w.gateway, w.ref));
    w.vm = w.view.get(w.ref).orElse(w.vm);
    return Step.next();
  }

  @Override
  public Optional<Duration> failed(VmWork w, PendingOperation op, OperationStatus status) {
    handles.forget(w.key());
    w.status.pendingOperation = null;
    String message =
        "Azure refused the patch settings: " + status.errorCode() + ": " + status.errorMessage();
    w.condition(Conditions.AZURE_ORCHESTRATED, false, "OrchestrationFailed", message);
    w.notReady(Phases.FAILED, "OrchestrationFailed", message);
    return Step.stop(settings.blockedInterval());
  }
}
