package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVMStatus.PendingOperation;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.azure.AzureGateways;
import dev.hotpatch.operator.azure.Credentials;
import dev.hotpatch.operator.azure.VmRef;
import dev.hotpatch.operator.fleet.FleetRegistry;
import dev.hotpatch.operator.policy.SpecValidator;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Follows an install in flight before anything else is looked at: Azure may be installing or
 * rebooting the VM whatever happened to the Kubernetes objects since it started. A deleted
 * baseline, a deleted Secret or an edited spec do not stop the following; the operation's own
 * record (VM ID, target build, baseline) and the last known credentials are enough.
 */
final class InFlightFollower {
  /** Kinds that may hold a rollout slot or reboot: followed first, and before a deletion. */
  static final Set<String> KINDS = Set.of(TransitionStep.KIND, HotpatchInstallStep.KIND);

  /**
   * Also followed first (Azure ends them whatever the Kubernetes objects say), but no reason to
   * hold a deletion. A create too: followed only by the create step, it was never polled again once
   * its baseline was deleted or the VM suspended (the fuzzer's seed 2050).
   */
  private static final Set<String> FOLLOWED_FIRST =
      Set.of(
          TransitionStep.KIND, HotpatchInstallStep.KIND, OrchestrationStep.KIND, CreateStep.KIND);

  private final OperatorSettings settings;
  private final AzureGateways gateways;
  private final ArmRequestBudget readBudget;
  private final FleetRegistry<ResourceID> fleet;
  private final CredentialsResolver credentials;
  private final LastKnownCredentials lastKnown;
  private final Function<VmWork, Optional<PatchBaseline>> baselines;
  private final PendingOperationStep pending;

  InFlightFollower(
      OperatorSettings settings,
      AzureGateways gateways,
      ArmRequestBudget readBudget,
      FleetRegistry<ResourceID> fleet,
      CredentialsResolver credentials,
      LastKnownCredentials lastKnown,
      Function<VmWork, Optional<PatchBaseline>> baselines,
      PendingOperationStep pending) {
    this.settings = settings;
    this.gateways = gateways;
    this.readBudget = readBudget;
    this.fleet = fleet;
    this.credentials = credentials;
    this.lastKnown = lastKnown;
    this.baselines = baselines;
    this.pending = pending;
  }

  /**
   * @return a requeue while the operation is still in flight (or its end decided the reconcile);
   *     empty when there is none, or it just ended and the reconcile goes on
   */
  Optional<Duration> follow(VmWork w) {
    PendingOperation op = w.status.pendingOperation;
    if (op == null || !FOLLOWED_FIRST.contains(op.kind)) {
      return Optional.empty();
    }
    boolean specValid = SpecValidator.validate(w.resource.getSpec()).isEmpty();
    if (op.vmId == null && !specValid) {
      return Optional.empty(); // recorded by an older operator, and the spec names no VM
    }
    w.ref = op.vmId != null ? VmRef.parse(op.vmId) : VmRefs.of(w.resource.getSpec().azure);
    // Changes of this VM in the fleet view (and every resync) must reach this reconcile, also in
    // an operator that started while the operation was in flight.
    fleet.watch(w.ref, ResourceID.fromResource(w.resource));
    w.baseline = specValid ? baselines.apply(w).orElse(null) : null;
    Optional<Credentials> creds = specValid ? resolve(w) : Optional.empty();
    if (creds.isEmpty()) {
      creds = lastKnown.get(w.resource.getMetadata().getUid());
    }
    if (creds.isEmpty()) {
      String message =
          "the credentials for VM "
              + w.ref
              + " are gone and an operation ("
              + op.kind
              + ") is in flight on it: it cannot be followed until they exist again;"
              + " its rollout slot stays held";
      w.notReady(w.status.phase, "CredentialsNotFound", message);
      return Optional.of(settings.pollInterval());
    }
    var gateway = gateways.forCredentials(creds.get());
    w.view = fleet.view(creds.get().cacheKey(), w.ref.subscriptionId(), gateway);
    w.gateway = new BudgetedGateway(gateway, readBudget, w.key());
    w.view.markActive(w.now);
    if (!w.view.loaded()) {
      // An operation in flight does not wait for the first list (a new pod after a crash): one
      // read of this VM is enough to follow it.
      w.view.confirm(w.ref, w.gateway.getVm(w.ref));
    }
    w.vm = w.view.get(w.ref).orElse(null);
    Optional<Duration> next = pending.run(w);
    if (w.status.pendingOperation != null) {
      missing(w, specValid);
      return Optional.of(next.orElse(settings.pollInterval()));
    }
    return next;
  }

  private Optional<Credentials> resolve(VmWork w) {
    CredentialsResolver.Resolved r = credentials.resolve(w.resource);
    r.credentials().ifPresent(c -> lastKnown.remember(w.resource.getMetadata().getUid(), c));
    return r.credentials();
  }

  /** Says what is missing while the operation is followed without it. */
  private static void missing(VmWork w, boolean specValid) {
    if (!specValid) {
      w.condition(
          Conditions.READY,
          false,
          "InvalidSpec",
          "the spec is invalid ("
              + String.join("; ", SpecValidator.validate(w.resource.getSpec()))
              + "); the operation in flight on "
              + w.ref
              + " is still followed");
    } else if (w.baseline == null) {
      w.condition(
          Conditions.READY,
          false,
          "BaselineNotFound",
          "PatchBaseline "
              + w.resource.getSpec().baselineRef.name
              + " not found; the operation in flight on "
              + w.ref
              + " is still followed to its end");
    }
  }
}
