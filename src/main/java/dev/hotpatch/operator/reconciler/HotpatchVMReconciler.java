package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.azure.AzureException;
import dev.hotpatch.operator.azure.AzureGateways;
import dev.hotpatch.operator.azure.Credentials;
import dev.hotpatch.operator.fleet.FleetRegistry;
import dev.hotpatch.operator.policy.ImageEligibility;
import dev.hotpatch.operator.policy.OsBuild;
import dev.hotpatch.operator.policy.SpecValidator;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one HotpatchVM's Azure VM orchestrated and on its baseline. It gathers inputs (spec,
 * baseline, credentials, the fleet view), then runs small steps in DESIGN's order, and writes
 * status once at the end (plus an intent write before any call that acts).
 */
@ControllerConfiguration(name = HotpatchVMReconciler.NAME)
public class HotpatchVMReconciler implements Reconciler<HotpatchVM>, Cleaner<HotpatchVM> {
  public static final String NAME = "hotpatchvm";
  private static final Logger LOG = LoggerFactory.getLogger(HotpatchVMReconciler.class);

  private final OperatorSettings settings;
  private final AzureGateways gateways;
  private final FleetRegistry<ResourceID> fleet;
  private final FleetEventSource fleetEvents;
  private final Conditions conditions;
  private final RolloutSlots slots;
  private final TransitionStep.RebootListener reboots;
  private final ReconcileObserver observer;
  private StatusWriter writer;
  private CredentialsResolver credentials;
  private InformerEventSource<PatchBaseline, HotpatchVM> baselines;
  private List<Step> steps;
  private CreateStep create;
  private DeletionCleaner deletion;

  public HotpatchVMReconciler(
      OperatorSettings settings,
      AzureGateways gateways,
      FleetRegistry<ResourceID> fleet,
      FleetEventSource fleetEvents,
      RolloutSlots slots,
      TransitionStep.RebootListener reboots,
      ReconcileObserver observer) {
    this.observer = observer;
    this.settings = settings;
    this.slots = slots;
    this.reboots = reboots;
    this.gateways = gateways;
    this.fleet = fleet;
    this.fleetEvents = fleetEvents;
    this.conditions = new Conditions(settings.clock());
  }

  @Override
  public List<EventSource<?, HotpatchVM>> prepareEventSources(
      EventSourceContext<HotpatchVM> context) {
    var client = context.getClient();
    this.writer = new StatusWriter(client, new EventRecorder(client, settings.clock()));
    this.credentials = new CredentialsResolver(client);
    IntentRecorder intent = new IntentRecorder(writer);
    CreateBackoff backoff = new CreateBackoff();
    CreateCompletion created = new CreateCompletion(settings, backoff);
    this.create = new CreateStep(settings, intent, new AdminPassword(client), created, backoff);
    this.deletion =
        new DeletionCleaner(settings, gateways, credentials, intent, writer, conditions);
    var primaries = context.getPrimaryCache();
    // A baseline change reconciles the VMs that reference it; the gate counts them by baseline.
    primaries.addIndexer(BASELINE_INDEX, vm -> List.of(baselineKey(vm)));
    this.steps =
        List.of(
            new PendingOperationStep(
                settings,
                Map.of(
                    OrchestrationStep.KIND, new OrchestrationCompletion(settings),
                    CreateStep.KIND, created,
                    TransitionStep.KIND, new InstallCompletion(settings, slots, true),
                    HotpatchInstallStep.KIND, new InstallCompletion(settings, slots, false))),
            new OrchestrationStep(settings, intent),
            new ConvergenceStep(
                settings,
                slots,
                w ->
                    new BaselineMembers(
                        w.baseline,
                        primaries.byIndex(BASELINE_INDEX, ConvergenceStep.baselineKey(w))),
                new TransitionStep(settings, intent, reboots),
                new HotpatchInstallStep(settings, intent)));
    var config =
        InformerEventSourceConfiguration.from(PatchBaseline.class, HotpatchVM.class)
            .withSecondaryToPrimaryMapper(
                (PatchBaseline b) ->
                    context
                        .getPrimaryCache()
                        .byIndex(
                            BASELINE_INDEX,
                            b.getMetadata().getNamespace() + "/" + b.getMetadata().getName())
                        .stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .withNamespacesInheritedFromController()
            .build();
    this.baselines = new InformerEventSource<>(config, context);
    return List.of(baselines, fleetEvents);
  }

  private static final String BASELINE_INDEX = "baselineRef";

  private static String baselineKey(HotpatchVM vm) {
    String name =
        vm.getSpec() == null || vm.getSpec().baselineRef == null
            ? ""
            : vm.getSpec().baselineRef.name;
    return vm.getMetadata().getNamespace() + "/" + name;
  }

  @Override
  public UpdateControl<HotpatchVM> reconcile(HotpatchVM resource, Context<HotpatchVM> context) {
    VmWork w = new VmWork(resource, settings.clock().instant(), conditions);
    String outcome = "error";
    try {
      Duration requeue;
      try {
        requeue = gather(w).orElseGet(() -> runSteps(w));
      } catch (AzureException e) {
        requeue = azureError(w, e);
      }
      w.status.observedGeneration = w.generation();
      writer.write(w.resource, w.status);
      outcome = "success";
      return UpdateControl.<HotpatchVM>noUpdate().rescheduleAfter(requeue);
    } finally {
      observer.reconciled(NAME, outcome);
    }
  }

  /** Steps 1-3: spec, references, observation, eligibility. A duration means stop here. */
  private Optional<Duration> gather(VmWork w) {
    List<String> problems = SpecValidator.validate(w.resource.getSpec());
    if (!problems.isEmpty()) {
      w.notReady(Phases.INVALID, "InvalidSpec", String.join("; ", problems));
      return Optional.of(settings.blockedInterval());
    }
    w.ref = VmRefs.of(w.resource.getSpec().azure);
    fleet.watch(w.ref, ResourceID.fromResource(w.resource));
    var baselineName = w.resource.getSpec().baselineRef.name;
    w.baseline =
        baselines
            .get(new ResourceID(baselineName, w.resource.getMetadata().getNamespace()))
            .orElse(null);
    if (w.baseline == null) {
      w.notReady(
          Phases.PENDING,
          "BaselineNotFound",
          "PatchBaseline "
              + baselineName
              + " not found in namespace "
              + w.resource.getMetadata().getNamespace());
      return Optional.of(settings.resyncInterval());
    }
    List<String> baselineProblems = SpecValidator.validate(w.baseline.getSpec());
    if (!baselineProblems.isEmpty()) {
      w.notReady(
          Phases.PENDING,
          "BaselineInvalid",
          "PatchBaseline " + baselineName + " is invalid: " + String.join("; ", baselineProblems));
      return Optional.of(settings.resyncInterval());
    }
    CredentialsResolver.Resolved creds = credentials.resolve(w.resource);
    if (creds.credentials().isEmpty()) {
      w.notReady(Phases.PENDING, "CredentialsNotFound", creds.problem());
      return Optional.of(settings.resyncInterval());
    }
    Credentials c = creds.credentials().get();
    w.gateway = gateways.forCredentials(c);
    w.view = fleet.view(c.cacheKey(), w.ref.subscriptionId(), w.gateway);
    w.vm = w.view.get(w.ref).orElse(null);
    boolean creates = w.resource.getSpec().create != null;
    if (w.vm == null) {
      w.status.osBuild = null;
      if (w.status.pendingOperation != null
          && !(creates && CreateStep.KIND.equals(w.status.pendingOperation.kind))) {
        // Deleted out of band: nothing left to follow, and its rollout slot is free again.
        w.status.pendingOperation = null;
        slots.releaseAll(w.resource.getMetadata().getName());
      }
      Optional<Duration> creating = creates ? create.run(w) : Optional.empty();
      if (creating.isPresent()) {
        return creating;
      }
    }
    if (w.vm == null) {
      w.notReady(Phases.NOT_FOUND, "VmNotFound", "VM " + w.ref + " not found in Azure");
      return Optional.of(settings.resyncInterval());
    }
    w.status.vmId = w.ref.id();
    w.status.osBuild = OsBuild.tryParse(w.vm.osVersion()).map(OsBuild::toString).orElse(null);
    w.status.lastAssessment = LastAssessment.of(w.vm.patchStatus());
    Optional<Duration> provisioning = create.provisioning(w);
    if (provisioning.isPresent()) {
      return provisioning;
    }
    ImageEligibility.Result eligibility = ImageEligibility.check(w.vm.image());
    if (!eligibility.eligible()) {
      w.condition(Conditions.ELIGIBLE, false, "Ineligible", eligibility.message());
      w.notReady(Phases.INELIGIBLE, "Ineligible", eligibility.message());
      return Optional.of(settings.blockedInterval());
    }
    w.condition(
        Conditions.ELIGIBLE,
        true,
        "EligibleImage",
        "image " + w.vm.image().sku() + " supports Hotpatch");
    return Optional.empty();
  }

  private Duration runSteps(VmWork w) {
    for (Step step : steps) {
      Optional<Duration> stop = step.run(w);
      if (stop.isPresent()) {
        return stop.get();
      }
    }
    if (w.resource.getSpec().suspend) {
      w.notReady(Phases.SUSPENDED, "Suspended", "spec.suspend is true: observing only");
      return settings.resyncInterval();
    }
    w.condition(
        Conditions.READY,
        true,
        "Converged",
        "Azure-orchestrated and on baseline "
            + w.status.baseline
            + " at build "
            + w.status.osBuild);
    return settings.resyncInterval();
  }

  /**
   * Azure said no: say so in status. Transient errors retry with back-off; others wait for a
   * change.
   */
  private Duration azureError(VmWork w, AzureException e) {
    LOG.warn("Azure call for {} failed: {} {}", w.ref, e.code(), e.getMessage());
    if (w.status.pendingOperation != null
        && w.status.pendingOperation.operationUrl == null
        && !e.transientFailure()) {
      w.status.pendingOperation = null; // refused outright: nothing was started
      slots.releaseAll(w.resource.getMetadata().getName());
    }
    if (w.status.pendingOperation != null
        && OrchestrationStep.KIND.equals(w.status.pendingOperation.kind)
        && w.status.pendingOperation.operationUrl == null) {
      w.status.pendingOperation = null; // a PATCH is safe to send again
    }
    String message = "Azure answered " + e.httpStatus() + " " + e.code() + ": " + e.getMessage();
    w.notReady(w.status.phase == null ? Phases.PENDING : w.status.phase, "AzureError", message);
    // The SDK pipeline already retried a transient failure twice; come back after a pause.
    return e.transientFailure()
        ? settings.pollInterval().multipliedBy(2)
        : settings.blockedInterval();
  }

  /** Deletion: the VM stays (Orphan), or what the operator created goes first (Delete). */
  @Override
  public DeleteControl cleanup(HotpatchVM resource, Context<HotpatchVM> context) {
    DeletionCleaner.Outcome outcome = deletion.cleanup(resource);
    if (!outcome.done()) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(outcome.requeue());
    }
    fleet.unwatch(ResourceID.fromResource(resource));
    slots.releaseAll(resource.getMetadata().getName());
    return DeleteControl.defaultDelete();
  }

  @Override
  public ErrorStatusUpdateControl<HotpatchVM> updateErrorStatus(
      HotpatchVM resource, Context<HotpatchVM> context, Exception e) {
    LOG.error("reconcile of {} failed", resource.getMetadata().getName(), e);
    return ErrorStatusUpdateControl.noStatusUpdate();
  }
}
