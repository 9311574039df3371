package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMSpec.DeletionPolicy;
import dev.hotpatch.operator.api.HotpatchVMStatus.PendingOperation;
import dev.hotpatch.operator.azure.ArmResourceRef;
import dev.hotpatch.operator.azure.AzureException;
import dev.hotpatch.operator.azure.AzureGateways;
import dev.hotpatch.operator.azure.OperationHandle;
import dev.hotpatch.operator.azure.OperationStatus;
import dev.hotpatch.operator.azure.ResourceInfo;
import dev.hotpatch.operator.azure.VmSnapshot;
import dev.hotpatch.operator.policy.Ownership;
import dev.hotpatch.operator.policy.SpecValidator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What deleting a HotpatchVM does in Azure. Orphan: nothing. Delete: the VM, then the NIC, OS disk
 * and virtual network, each only when it carries this HotpatchVM's owner tag; an adopted VM is
 * never touched. One delete at a time, recorded in status before it is sent and followed on later
 * calls.
 */
final class DeletionCleaner {
  static final String KIND = "Delete";

  /** Azure deletes in minutes; one still running after this is shown as overdue. */
  static final Duration OVERDUE_AFTER = Duration.ofMinutes(30);

  /** Done: the finalizer may go; otherwise call again after {@code requeue}. */
  record Outcome(boolean done, Duration requeue) {
    static Outcome finished() {
      return new Outcome(true, Duration.ZERO);
    }
  }

  private final OperatorSettings settings;
  private final AzureGateways gateways;
  private final CredentialsResolver credentials;
  private final IntentRecorder intent;
  private final StatusWriter writer;
  private final Conditions conditions;
  private final LastKnownCredentials lastKnown;

  DeletionCleaner(
      OperatorSettings settings,
      AzureGateways gateways,
      CredentialsResolver credentials,
      IntentRecorder intent,
      StatusWriter writer,
      Conditions conditions,
      LastKnownCredentials lastKnown) {
    this.lastKnown = lastKnown;
    this.settings = settings;
    this.gateways = gateways;
    this.credentials = credentials;
    this.intent = intent;
    this.writer = writer;
    this.conditions = conditions;
  }

  Outcome cleanup(HotpatchVM resource) {
    if (resource.getSpec() == null || resource.getSpec().deletionPolicy != DeletionPolicy.Delete) {
      return Outcome.finished();
    }
    if (!SpecValidator.validate(resource.getSpec()).isEmpty()) {
      return Outcome.finished(); // names no VM: nothing can have been created for it
    }
    VmWork w = new VmWork(resource, settings.clock().instant(), conditions);
    w.ref = VmRefs.of(resource.getSpec().azure);
    Outcome outcome;
    try {
      outcome = step(w);
    } catch (AzureException e) {
      w.notReady(
          Phases.DELETING,
          "DeleteFailed",
          "Azure answered " + e.httpStatus() + " " + e.code() + ": " + e.getMessage());
      outcome =
          new Outcome(
              false,
              e.transientFailure()
                  ? settings.pollInterval().multipliedBy(2)
                  : settings.resyncInterval());
    }
    if (!outcome.done()) {
      writer.write(w.resource, w.status);
    }
    return outcome;
  }

  private Outcome step(VmWork w) {
    CredentialsResolver.Resolved creds = credentials.resolve(w.resource);
    // A Secret deleted before its HotpatchVM (kubectl delete -f of one file does both): the
    // credentials this operator last read from it still serve.
    var usable = creds.credentials().or(() -> lastKnown.get(w.resource.getMetadata().getUid()));
    if (usable.isEmpty()) {
      // A lasting state a person must end (recreate the Secret, or choose Orphan): said as such.
      w.notReady(
          Phases.DELETING,
          "CredentialsNotFound",
          creds.problem() + "; cannot delete until it exists (or set deletionPolicy: Orphan)");
      return new Outcome(false, settings.resyncInterval());
    }
    w.gateway = gateways.forCredentials(usable.get());
    PendingOperation op = w.status.pendingOperation;
    if (op != null && KIND.equals(op.kind) && op.operationUrl != null) {
      OperationStatus status =
          w.gateway.pollOperation(new OperationHandle(op.operationUrl, op.resultUrl, false));
      if (status.state() == OperationStatus.State.IN_PROGRESS) {
        if (!w.now.isBefore(java.time.Instant.parse(op.started).plus(OVERDUE_AFTER))) {
          w.notReady(
              Phases.DELETING,
              "DeleteOverdue",
              "a deletion has run since "
                  + op.started
                  + ", longer than "
                  + OVERDUE_AFTER.toMinutes()
                  + " minutes; still followed until Azure ends it");
        }
        return new Outcome(false, settings.pollInterval());
      }
      w.status.pendingOperation = null;
      if (status.state() == OperationStatus.State.FAILED
          || status.state() == OperationStatus.State.CANCELED) {
        w.notReady(
            Phases.DELETING,
            "DeleteFailed",
            "Azure refused the deletion: " + status.errorCode() + ": " + status.errorMessage());
        return new Outcome(false, settings.blockedInterval());
      }
    }
    w.status.pendingOperation = null; // anything else in flight belongs to a VM we stop managing
    String owner =
        Ownership.owner(
            w.resource.getMetadata().getNamespace(), w.resource.getMetadata().getName());
    Optional<VmSnapshot> vm = w.gateway.getVm(w.ref);
    if (vm.isPresent() && Ownership.ownedBy(vm.get().tags(), owner)) {
      return delete(w, "VM " + w.ref.name(), () -> w.gateway.beginDeleteVm(w.ref));
    }
    String adopted = vm.map(v -> v.ref().id()).orElse(null);
    CreatePlan plan = CreatePlan.of(w.resource, w.ref);
    // NIC before its virtual network; the OS disk normally went with the VM (deleteOption Delete).
    for (ArmResourceRef r : List.of(plan.nic(), plan.osDisk(), plan.vnet())) {
      Optional<ResourceInfo> info = w.gateway.getResource(r);
      if (info.isPresent()
          && Ownership.ownedBy(info.get().tags(), owner)
          && !attachedTo(info.get(), adopted)) {
        return delete(w, r.toString(), () -> w.gateway.beginDeleteResource(r));
      }
    }
    return Outcome.finished();
  }

  private static boolean attachedTo(ResourceInfo info, String vmId) {
    return vmId != null && info.attachedTo() != null && info.attachedTo().equalsIgnoreCase(vmId);
  }

  private Outcome delete(VmWork w, String what, Supplier<OperationHandle> call) {
    PendingOperation op = new PendingOperation();
    op.kind = KIND;
    op.started = w.now.toString();
    w.notReady(Phases.DELETING, "Deleting", "deleting " + what);
    intent.record(w, op);
    OperationHandle handle = intent.call(call);
    if (handle.done()) {
      w.status.pendingOperation = null;
      return new Outcome(false, Duration.ZERO);
    }
    op.operationUrl = handle.operationUrl();
    op.resultUrl = handle.resultUrl();
    return new Outcome(false, settings.pollInterval());
  }
}
