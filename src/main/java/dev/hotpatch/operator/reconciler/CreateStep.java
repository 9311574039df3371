package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVMStatus.PendingOperation;
import dev.hotpatch.operator.azure.AzureException;
import dev.hotpatch.operator.azure.OperationHandle;
import dev.hotpatch.operator.azure.ResourceInfo;
import dev.hotpatch.operator.azure.VmSnapshot;
import dev.hotpatch.operator.policy.Ownership;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Creates the VM of spec.create when Azure has none by that name: virtual network (when asked),
 * NIC, then the VM, each a long-running call recorded in status before it is sent. Every stage
 * looks first, so a restarted operator continues where it stopped and never creates anything twice.
 */
final class CreateStep {
  static final String KIND = "Create";

  private final OperatorSettings settings;
  private final IntentRecorder intent;
  private final AdminPassword passwords;
  private final PendingOperationStep pending;
  private final CreateBackoff backoff;

  CreateStep(
      OperatorSettings settings,
      IntentRecorder intent,
      AdminPassword passwords,
      CreateCompletion completion,
      CreateBackoff backoff,
      SoonestEnds soonest) {
    this.settings = settings;
    this.intent = intent;
    this.passwords = passwords;
    this.backoff = backoff;
    this.pending = new PendingOperationStep(settings, java.util.Map.of(KIND, completion), soonest);
  }

  /**
   * The fleet view has no VM. Empty: the VM exists after all ({@code w.vm} set); else stop and
   * requeue.
   */
  Optional<Duration> run(VmWork w) {
    if (w.resource.getSpec().suspend) {
      return Step.next();
    }
    Optional<Duration> inFlight = pending.run(w);
    if (inFlight.isPresent()) {
      return inFlight;
    }
    // The view may be stale: confirm with one read before creating anything.
    Optional<VmSnapshot> found = w.gateway.getVm(w.ref);
    if (found.isPresent()) {
      w.view.confirm(w.ref, found);
      w.vm = found.get();
      return Step.next();
    }
    CreatePlan plan = CreatePlan.of(w.resource, w.ref);
    AdminPassword.Result password =
        passwords.read(
            w.resource.getMetadata().getNamespace(), plan.template().adminPasswordSecretRef);
    if (!password.found()) {
      w.notReady(
          Phases.PENDING,
          "PasswordSecretNotFound",
          password.problem() + "; nothing is created until it exists");
      return Step.stop(settings.pollInterval().multipliedBy(4));
    }
    String subnetId = plan.template().network.subnetId;
    if (plan.createsNetwork()) {
      Optional<ResourceInfo> vnet = w.gateway.getResource(plan.vnet());
      if (vnet.isEmpty()) {
        return begin(
            w,
            "creating virtual network " + plan.vnet().name(),
            () -> w.gateway.beginCreateVirtualNetwork(plan.vnetRequest()));
      }
      subnetId =
          vnet.get().subnetIds().stream()
              .filter(
                  id ->
                      id.toLowerCase(java.util.Locale.ROOT)
                          .endsWith(
                              "/subnets/" + plan.subnetName().toLowerCase(java.util.Locale.ROOT)))
              .findFirst()
              .orElse(null);
      if (subnetId == null) {
        return refuse(
            w,
            "virtual network "
                + plan.vnet().name()
                + " exists without subnet "
                + plan.subnetName()
                + "; the operator does not change a network it did not create");
      }
    }
    Optional<ResourceInfo> nic = w.gateway.getResource(plan.nic());
    if (nic.isEmpty()) {
      String subnet = subnetId;
      return begin(
          w,
          "creating network interface " + plan.nic().name(),
          () -> w.gateway.beginCreateNetworkInterface(plan.nicRequest(subnet)));
    }
    if (!Ownership.ownedBy(nic.get().tags(), plan.owner())) {
      return refuse(
          w,
          "network interface "
              + plan.nic().name()
              + " exists and was not created for this HotpatchVM; it is left alone");
    }
    w.status.createRequested = w.ref.id();
    Optional<Duration> stop =
        begin(
            w,
            "creating VM " + w.ref.name(),
            () -> w.gateway.beginCreateVm(plan.vmRequest(password.password())));
    if (Phases.CREATING.equals(w.status.phase)) {
      // The VM exists from the PUT on, in state Creating: let the view know before the next list.
      w.view.confirm(w.ref, BudgetedGateway.confirmWrite(w.gateway, w.ref));
    }
    return stop;
  }

  /**
   * Our own VM still provisioning without an operation URL to follow (say, after a restart): watch
   * its state.
   */
  Optional<Duration> provisioning(VmWork w) {
    PendingOperation op = w.status.pendingOperation;
    if (w.resource.getSpec().create == null
        || (op != null && KIND.equals(op.kind) && op.operationUrl != null)) {
      return Step.next();
    }
    String owner =
        Ownership.owner(
            w.resource.getMetadata().getNamespace(), w.resource.getMetadata().getName());
    if (!Ownership.ownedBy(w.vm.tags(), owner)
        || !"Creating".equalsIgnoreCase(w.vm.provisioningState())) {
      return Step.next();
    }
    Optional<VmSnapshot> now = w.gateway.getVm(w.ref);
    w.view.confirm(w.ref, now);
    if (now.isPresent() && "Creating".equalsIgnoreCase(now.get().provisioningState())) {
      w.notReady(
          Phases.CREATING,
          "Creating",
          "VM " + w.ref.name() + " is being created (found after a restart; not sent again)");
      return Step.stop(settings.pollInterval());
    }
    w.vm = now.orElse(w.vm);
    return Step.next();
  }

  private Optional<Duration> begin(VmWork w, String what, Supplier<OperationHandle> call) {
    PendingOperation op = new PendingOperation();
    op.kind = KIND;
    op.started = w.now.toString();
    intent.record(w, op);
    OperationHandle handle;
    try {
      handle = call.get();
    } catch (AzureException e) {
      w.status.pendingOperation = null; // refused outright: nothing was started
      return failed(w, backoff, settings, e.code(), e.getMessage());
    }
    w.notReady(Phases.CREATING, "Creating", what);
    if (handle.done()) {
      w.status.pendingOperation = null;
      return Step.stop(Duration.ZERO);
    }
    op.operationUrl = handle.operationUrl();
    op.resultUrl = handle.resultUrl();
    return Step.stop(settings.pollInterval());
  }

  private Optional<Duration> refuse(VmWork w, String message) {
    w.notReady(Phases.FAILED, "CreateFailed", message);
    return Step.stop(settings.blockedInterval());
  }

  /**
   * Azure refused a create: its code and message in the condition; try again after a growing pause.
   */
  static Optional<Duration> failed(
      VmWork w, CreateBackoff backoff, OperatorSettings settings, String code, String message) {
    w.notReady(
        Phases.FAILED, "CreateFailed", "Azure refused the creation: " + code + ": " + message);
    return Step.stop(backoff.next(w.resource.getMetadata().getUid(), settings));
  }
}
