package dev.hotpatch.operator.reconciler;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a HotpatchVM's status only when it differs, as a JSON patch (no server-side apply), and
 * emits an Event for each condition that changed.
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
    announce(resource, previous == null ? List.of() : previous.conditions, next.conditions);
    return landed;
  }

  /** Like {@link #write(HotpatchVM, HotpatchVMStatus, Written)}, for callers without a cache. */
  public HotpatchVM write(HotpatchVM resource, HotpatchVMStatus next) {
    return write(resource, next, Written.NONE);
  }

  private void announce(HotpatchVM resource, List<Condition> before, List<Condition> after) {
    for (Condition c : after) {
      Condition old = Conditions.find(before, c.getType()).orElse(null);
      if (old != null
          && Objects.equals(old.getStatus(), c.getStatus())
          && Objects.equals(old.getReason(), c.getReason())) {
        continue;
      }
      String message = c.getType() + "=" + c.getStatus() + ": " + c.getMessage();
      if ("False".equals(c.getStatus()) && FAILURES.contains(c.getReason())) {
        events.warning(resource, c.getReason(), message);
      } else {
        events.normal(resource, c.getReason(), message);
      }
    }
  }
}
