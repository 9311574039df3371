package dev.hotpatch.operator.reconciler;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a HotpatchVM's status only when it differs, as a JSON patch (no server-side apply), and
 * emits an Event when the phase changed, or when a new failure appeared without a phase change. The
 * conditions say the rest: an Event for each of their changes made about 8 per VM onboarded.
 */
public final class StatusWriter {
  private final ReconcileObserver observer;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reasons that mean something went wrong and needs a person: Warning events, and Degraded in the
   * Argo CD health check (ArgoCdHealthTest keeps
   * deploy/argocd/resource_customizations/hotpatch.dev/HotpatchVM/health.lua in step).
   */
  public static final Set<String> FAILURES =
      Set.of(
          "InvalidSpec",
          "BaselineNotFound",
          "BaselineInvalid",
          "CredentialsNotFound",
          "VmNotFound",
          "Ineligible",
          "AutomaticUpdatesDisabled",
          "VmAgentNotProvisioned",
          "AzureError",
          "OrchestrationFailed",
          "TransitionFailed",
          "TransitionTimedOut",
          "InstallFailed",
          "WrongOs",
          "PasswordSecretNotFound",
          "CreateFailed",
          "DeleteFailed",
          "FailureBudgetSpent",
          "ReconcileError",
          "TransitionOverdue",
          "CreateOverdue",
          "DeleteOverdue",
          "FleetViewStale",
          "Conflict");

  private final KubernetesClient client;
  private final EventRecorder events;

  public StatusWriter(KubernetesClient client, EventRecorder events) {
    this(client, events, ReconcileObserver.NONE);
  }

  public StatusWriter(KubernetesClient client, EventRecorder events, ReconcileObserver observer) {
    this.observer = observer;
    this.client = client;
    this.events = events;
  }

  /** A deep copy to edit, so the original stays the base to compare with. */
  public static HotpatchVMStatus copyOf(HotpatchVMStatus status) {
    return status == null
        ? new HotpatchVMStatus()
        : JSON.convertValue(status, HotpatchVMStatus.class);
  }

  /** Told of each status this writer lands, so the next reconcile reads it, not an older copy. */
  @FunctionalInterface
  public interface Written {
    Written NONE = (before, after) -> {};

    void landed(HotpatchVM before, HotpatchVM after);
  }

  /**
   * Writes the status, locked on the resourceVersion of {@code resource} (the copy it was computed
   * from).
   *
   * @return the resource as written (or as it was, when nothing changed)
   * @throws StatusConflictException when the resource changed since that copy: whatever was decided
   *     from it may be out of date, so the reconcile must start over
   */
  public HotpatchVM write(HotpatchVM resource, HotpatchVMStatus next, Written written) {
    HotpatchVMStatus previous = resource.getStatus();
    if (previous != null && JSON.valueToTree(previous).equals(JSON.valueToTree(next))) {
      return resource;
    }
    HotpatchVM landed = LockedStatusPatch.write(client, resource, next);
    observer.statusWritten(HotpatchVMReconciler.NAME);
    written.landed(resource, landed);
    announce(resource, previous, next);
    return landed;
  }

  /** Like {@link #write(HotpatchVM, HotpatchVMStatus, Written)}, for callers without a cache. */
  public HotpatchVM write(HotpatchVM resource, HotpatchVMStatus next) {
    return write(resource, next, Written.NONE);
  }

  /**
   * One Event when the phase changes, with the Ready condition's reason and message (Warning for a
   * reason in {@link #FAILURES}); one Warning when Ready's reason becomes a failure while the phase
   * stays (an Azure error keeps the phase, and must still be seen). Other condition changes emit
   * none.
   */
  private void announce(HotpatchVM resource, HotpatchVMStatus previous, HotpatchVMStatus next) {
    String phaseBefore = previous == null ? null : previous.phase;
    Condition readyBefore =
        previous == null
            ? null
            : Conditions.find(previous.conditions, Conditions.READY).orElse(null);
    Condition ready = Conditions.find(next.conditions, Conditions.READY).orElse(null);
    String reason = ready == null ? null : ready.getReason();
    boolean failure = failed(ready);
    String detail = ready == null || ready.getMessage() == null ? "" : ": " + ready.getMessage();
    if (!Objects.equals(phaseBefore, next.phase)) {
      if (reason != null && UNANNOUNCED.contains(reason)) {
        return; // the operator's own start-up, not news about the VM
      }
      String message =
          (phaseBefore == null ? "" : phaseBefore + " -> ")
              + Objects.requireNonNullElse(next.phase, "no phase")
              + detail;
      String why = reason != null ? reason : next.phase != null ? next.phase : "PhaseCleared";
      if (failure) {
        events.warning(resource, why, message);
      } else {
        events.normal(resource, why, message);
      }
      return;
    }
    String reasonBefore = readyBefore == null ? null : readyBefore.getReason();
    if (failure && !reason.equals(reasonBefore)) {
      events.warning(resource, reason, Objects.requireNonNullElse(next.phase, "no phase") + detail);
    }
  }

  /**
   * Phases entered for these reasons raise no Event: a cold start would make one per VM (waiting
   * for the first list, or for a turn under ARM's write limit at thousands of VMs); the condition
   * says it.
   */
  static final Set<String> UNANNOUNCED = Set.of("FleetViewLoading", "AzureQuota");

  /** Ready=False with a reason that needs a person. */
  private static boolean failed(Condition ready) {
    return ready != null
        && ready.getReason() != null
        && !"True".equals(ready.getStatus())
        && FAILURES.contains(ready.getReason());
  }
}
