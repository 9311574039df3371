package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVMStatus.PendingOperation;
import dev.hotpatch.operator.azure.OperationHandle;
import dev.hotpatch.operator.azure.OperationStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Follows the operation recorded in status to its end; while one is in flight nothing else starts.
 */
final class PendingOperationStep implements Step {

  /** What to do when an operation of a kind ends; each kind's owner supplies one. */
  interface Completion {
    /** The operation's answer was lost before its URL was recorded. */
    Optional<Duration> intentWithoutHandle(VmWork w, PendingOperation op);

    Optional<Duration> succeeded(VmWork w, PendingOperation op, OperationHandle handle);

    Optional<Duration> failed(VmWork w, PendingOperation op, OperationStatus status);

    /**
     * Azure already said this operation succeeded (a terminal answer never changes): the completion
     * goes on without polling it again, e.g. while the VM comes back from its reboot.
     */
    default boolean knownSucceeded(PendingOperation op) {
      return false;
    }

    /**
     * A handle this process holds for an intent whose status records none (kinds whose handles are
     * not worth a status write).
     */
    default Optional<OperationHandle> heldHandle(VmWork w, PendingOperation op) {
      return Optional.empty();
    }

    /** Still running: a chance to give up on an operation that overran. */
    default Optional<Duration> inProgress(VmWork w, PendingOperation op) {
      return Step.next();
    }
  }

  private final OperatorSettings settings;
  private final Map<String, Completion> completions;
  private final SoonestEnds soonest;

  PendingOperationStep(
      OperatorSettings settings, Map<String, Completion> completions, SoonestEnds soonest) {
    this.settings = settings;
    this.completions = completions;
    this.soonest = soonest;
  }

  @Override
  public Optional<Duration> run(VmWork w) {
    PendingOperation op = w.status.pendingOperation;
    if (op == null) {
      return Step.next();
    }
    Completion completion = completions.get(op.kind);
    if (completion == null) {
      w.status.pendingOperation = null; // written by an older operator; nothing to follow
      return Step.next();
    }
    Optional<OperationHandle> held =
        op.operationUrl != null
            ? Optional.of(new OperationHandle(op.operationUrl, op.resultUrl, false))
            : completion.heldHandle(w, op);
    if (held.isEmpty()) {
      return completion.intentWithoutHandle(w, op);
    }
    OperationHandle handle = held.get();
    if (completion.knownSucceeded(op)) {
      return completion.succeeded(w, op, handle);
    }
    OperationStatus status = w.gateway.pollOperation(handle);
    String subscription = w.ref == null ? null : w.ref.subscriptionId();
    return switch (status.state()) {
      case IN_PROGRESS -> {
        Optional<Duration> overran = completion.inProgress(w, op);
        yield overran.isPresent() ? overran : Step.stop(follow(w, op, subscription));
      }
      case SUCCEEDED -> {
        SoonestEnds.since(op.started, w.now)
            .ifPresent(took -> soonest.record(subscription, SoonestEnds.operation(op.kind), took));
        yield completion.succeeded(w, op, handle);
      }
      case FAILED, CANCELED -> completion.failed(w, op, status);
      case NOT_FOUND -> completion.intentWithoutHandle(w, op);
    };
  }

  /** The next look at an operation still running, by what like operations did lately. */
  private Duration follow(VmWork w, PendingOperation op, String subscription) {
    String what = SoonestEnds.operation(op.kind);
    SoonestEnds.instant(op.started)
        .ifPresent(since -> soonest.stillRunning(subscription, what, since, w.now));
    return settings.followInterval(op.started, w.now, soonest.seen(subscription, what, w.now));
  }
}
