package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVMStatus.PendingOperation;
import dev.hotpatch.operator.azure.OperationHandle;
import dev.hotpatch.operator.azure.OperationStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * The end of one create stage (network, NIC or VM): go on to the next, or report Azure's refusal.
 */
final class CreateCompletion implements PendingOperationStep.Completion {
  private final OperatorSettings settings;
  private final CreateBackoff backoff;

  CreateCompletion(OperatorSettings settings, CreateBackoff backoff) {
    this.settings = settings;
    this.backoff = backoff;
  }

  @Override
  public Optional<Duration> intentWithoutHandle(VmWork w, PendingOperation op) {
    // The answer was lost: every stage looks before it creates, so deciding again is safe.
    w.status.pendingOperation = null;
    return Step.next();
  }

  /** Azure creates a VM in minutes; one still running after this is shown as overdue. */
  static final Duration OVERDUE_AFTER = Duration.ofMinutes(30);

  @Override
  public Optional<Duration> inProgress(VmWork w, PendingOperation op) {
    java.time.Instant due = java.time.Instant.parse(op.started).plus(OVERDUE_AFTER);
    if (!w.now.isBefore(due)) {
      w.notReady(
          Phases.CREATING,
          "CreateOverdue",
          "creating VM "
              + w.ref.name()
              + " has run since "
              + op.started
              + ", longer than "
              + OVERDUE_AFTER.toMinutes()
              + " minutes; still followed until Azure ends it");
      return Step.next();
    }
    w.notReady(
        Phases.CREATING, "Creating", "creating VM " + w.ref.name() + " and its network interface");
    return Step.next();
  }

  @Override
  public Optional<Duration> succeeded(VmWork w, PendingOperation op, OperationHandle handle) {
    w.status.pendingOperation = null;
    if (w.vm != null) {
      backoff.reset(w.resource.getMetadata().getUid());
      w.view.confirm(w.ref, BudgetedGateway.confirmWrite(w.gateway, w.ref));
      w.vm = w.view.get(w.ref).orElse(w.vm);
    }
    return Step.next();
  }

  @Override
  public Optional<Duration> failed(VmWork w, PendingOperation op, OperationStatus status) {
    w.status.pendingOperation = null;
    return CreateStep.failed(w, backoff, settings, status.errorCode(), status.errorMessage());
  }
}
