package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.azure.AzureException;
import dev.hotpatch.operator.azure.AzureGateways;
import dev.hotpatch.operator.azure.Credentials;
import dev.hotpatch.operator.fleet.FleetRegistry;
import dev.hotpatch.operator.policy.DepartedFailures;
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
 * baseline, credentials, the fleet view), then runs small steps in docs/architecture.md's order,
 * and writes status once at the end (plus an intent write before any call that acts).
 */
@ControllerConfiguration(name = HotpatchVMReconciler.NAME)
public class HotpatchVMReconciler implements Reconciler<HotpatchVM>, Cleaner<HotpatchVM> {
  public static final String NAME = "hotpatchvm";
  private static final Logger LOG = LoggerFactory.getLogger(HotpatchVMReconciler.class);

  private final OperatorSettings settings;
  private final Shard shard;
  private final AzureGateways gateways;

  /** The reconcilers' reads of each subscription, kept under ARM's read bucket. */
  private final ArmRequestBudget readBudget;

  /** The orchestrating PATCHes of each subscription, kept under ARM's write bucket. */
  private final ArmRequestBudget orchestrationWrites;

  private final OrchestrationHandles orchestrationHandles = new OrchestrationHandles();
  private final SoonestEnds soonestEnds = new SoonestEnds();

  private final FleetRegistry<ResourceID> fleet;
  private final FleetEventSource fleetEvents;
  private final Conditions conditions;
  private final RolloutSlots slots;
  private final TransitionStep.RebootListener reboots;
  private final ReconcileObserver observer;
  private final Requeues requeues;
  private StatusWriter writer;
  private CredentialsResolver credentials;
  private SecretCache secretCache;
  private InformerEventSource<PatchBaseline, HotpatchVM> baselines;
  private List<Step> steps;
  private CreateStep create;
  private DeletionCleaner deletion;
  private DepartedFailureRecorder departed;
  private final InstallStartPacer pacer = new InstallStartPacer();
  private InFlightFollower inFlight;
  private java.util.function.Function<dev.hotpatch.operator.azure.VmRef, List<HotpatchVM>> owners;
  private final LastKnownCredentials lastKnown = new LastKnownCredentials();

  public HotpatchVMReconciler(
      OperatorSettings settings,
      AzureGateways gateways,
      FleetRegistry<ResourceID> fleet,
      FleetEventSource fleetEvents,
      RolloutSlots slots,
      TransitionStep.RebootListener reboots,
      ReconcileObserver observer,
      Requeues requeues,
      Shard shard) {
    this.shard = shard;
    this.observer = observer;
    this.requeues = requeues;
    this.settings = settings;
    this.slots = slots;
    this.reboots = reboots;
    this.gateways = gateways;
    this.readBudget = ArmRequestBudget.reads(settings.clock());
    this.orchestrationWrites = ArmRequestBudget.writes(settings.clock());
    this.fleet = fleet;
    this.fleetEvents = fleetEvents;
    this.conditions = new Conditions(settings.clock());
  }

  /**
   * An operation with its handle in status: its follow requeues itself when a look is due, whatever
   * the fleet view shows meanwhile.
   */
  static boolean followsItsOperation(HotpatchVM vm) {
    var status = vm.getStatus();
    return status != null
        && status.pendingOperation != null
        && status.pendingOperation.operationUrl != null
        && vm.getMetadata().getDeletionTimestamp() == null;
  }

  @Override
  public List<EventSource<?, HotpatchVM>> prepareEventSources(
      EventSourceContext<HotpatchVM> context) {
    var client = context.getClient();
    this.writer = new StatusWriter(client, new EventRecorder(client, settings.clock()), observer);
    var primaries = context.getPrimaryCache();
    primaries.addIndexer(SECRET_INDEX, HotpatchVMReconciler::secretKeys);
    this.secretCache =
        new SecretCache(
            client,
            secret ->
                fleetEvents.changed(
                    primaries.byIndex(SECRET_INDEX, secret).stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet())));
    this.credentials = new CredentialsResolver(secretCache::get);
    IntentRecorder intent = new IntentRecorder(writer);
    CreateBackoff backoff = new CreateBackoff();
    CreateCompletion created = new CreateCompletion(settings, backoff);
    this.create =
        new CreateStep(settings, intent, new AdminPassword(client), created, backoff, soonestEnds);
    this.deletion =
        new DeletionCleaner(settings, gateways, credentials, intent, writer, conditions, lastKnown);
    this.departed = new DepartedFailureRecorder(client, () -> baselines);
    // A baseline change reconciles the VMs that reference it; the gate counts them by baseline,
    // including a VM whose transition holds a slot on a baseline its spec no longer names.
    primaries.addIndexer(BASELINE_INDEX, HotpatchVMReconciler::baselineKeys);
    primaries.addIndexer(AzureVmOwner.INDEX, AzureVmOwner::indexKeys);
    primaries.addIndexer(SLOT_INDEX, HotpatchVMReconciler::slotKeys);
    primaries.addIndexer(FAILED_INDEX, HotpatchVMReconciler::failedKeys);
    this.owners = vm -> primaries.byIndex(AzureVmOwner.INDEX, vm.key());
    // A VM gone from the view is reconciled at once: its operation may never end in Azure.
    fleetEvents.followedOnItsOwn(
        id ->
            fleet.inView(id)
                && primaries.get(id).map(HotpatchVMReconciler::followsItsOperation).orElse(false));
    PendingOperationStep pending =
        new PendingOperationStep(
            settings,
            Map.of(
                OrchestrationStep.KIND,
                new OrchestrationCompletion(settings, orchestrationHandles),
                CreateStep.KIND,
                created,
                TransitionStep.KIND,
                InstallCompletion.transitions(settings, slots, soonestEnds),
                HotpatchInstallStep.KIND,
                InstallCompletion.hotpatches(settings, slots, soonestEnds)),
            soonestEnds);
    this.inFlight =
        new InFlightFollower(
            settings,
            gateways,
            readBudget,
            fleet,
            credentials,
            lastKnown,
            this::baselineOf,
            pending);
    this.steps =
        List.of(
            pending,
            new OrchestrationStep(settings, intent, orchestrationWrites, orchestrationHandles),
            new ConvergenceStep(
                settings,
                fleet.pacing(),
                slots,
                w -> indexedCounts(primaries, ConvergenceStep.baselineKey(w), w.baseline),
                new TransitionStep(settings, intent, reboots, pacer),
                new HotpatchInstallStep(settings, intent, pacer)));
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
            // Only what a person changed reconciles the VMs: a baseline's own status writes (its
            // counts) would reconcile every member on every VM's change, N² while onboarding. VMs
            // waiting for a slot are woken by RolloutSlots when one frees.
            .withOnUpdateFilter(HotpatchVMReconciler::specOrLifecycleChanged)
            .withNamespacesInheritedFromController()
            // A shard sees only its own baselines: a VM is acted on only with its shard's baseline.
            .withLabelSelector(shard.labelSelector().orElse(null))
            .build();
    this.baselines = new InformerEventSource<>(config, context);
    return List.of(baselines, fleetEvents);
  }

  private static final String BASELINE_INDEX = "baselineRef";
  private static final String SECRET_INDEX = "credentialsSecretRef";
  private static final String SLOT_INDEX = "rolloutSlot";
  private static final String FAILED_INDEX = "failedTransition";

  /** The baseline whose slot a transition in flight holds. */
  static List<String> slotKeys(HotpatchVM vm) {
    if (!BaselineMembers.isTransitioning(vm)) {
      return List.of();
    }
    String held = vm.getStatus().pendingOperation.baselineKey;
    return List.of(held != null ? held : BaselineMembers.slotBaselineOf(vm));
  }

  /** baseline|KB of a failed transition. */
  static List<String> failedKeys(HotpatchVM vm) {
    if (vm.getStatus() == null || vm.getStatus().failedTransition == null) {
      return List.of();
    }
    return List.of(BaselineMembers.slotBaselineOf(vm) + "|" + vm.getStatus().failedTransition);
  }

  /**
   * The gate's counts from indexes the informer keeps up to date: the slots held and the failures
   * are looked up, not found by scanning every member of the baseline for every VM that asks.
   */
  private static GateCounts indexedCounts(
      io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache<HotpatchVM> primaries,
      String baselineKey,
      PatchBaseline baseline) {
    int targeted = primaries.byIndex(BASELINE_INDEX, baselineKey).size();
    java.util.Set<String> holding =
        primaries.byIndex(SLOT_INDEX, baselineKey).stream()
            .map(VmKeys::of)
            .collect(Collectors.toSet());
    java.util.Set<String> failed =
        primaries.byIndex(FAILED_INDEX, baselineKey + "|" + baseline.getSpec().kb).stream()
            .map(VmKeys::of)
            .collect(Collectors.toCollection(java.util.HashSet::new));
    failed.addAll(DepartedFailures.keys(baseline)); // failures whose HotpatchVM is gone
    return new GateCounts() {
      @Override
      public int targeted() {
        return targeted;
      }

      @Override
      public java.util.Set<String> transitioning() {
        return holding;
      }

      @Override
      public java.util.Set<String> failedVms() {
        return failed;
      }
    };
  }

  private static List<String> secretKeys(HotpatchVM vm) {
    var azure = vm.getSpec() == null ? null : vm.getSpec().azure;
    if (azure == null
        || azure.credentialsSecretRef == null
        || azure.credentialsSecretRef.name == null) {
      return List.of();
    }
    return List.of(vm.getMetadata().getNamespace() + "/" + azure.credentialsSecretRef.name);
  }

  /** A new generation (the spec), or a deletion starting; not a status write. */
  static boolean specOrLifecycleChanged(PatchBaseline now, PatchBaseline before) {
    var n = now.getMetadata();
    var b = before.getMetadata();
    return !java.util.Objects.equals(n.getGeneration(), b.getGeneration())
        || !java.util.Objects.equals(n.getDeletionTimestamp(), b.getDeletionTimestamp());
  }

  static List<String> baselineKeys(HotpatchVM vm) {
    String spec = BaselineMembers.slotBaselineOf(vm);
    var op = vm.getStatus() == null ? null : vm.getStatus().pendingOperation;
    if (op == null || op.baselineKey == null || op.baselineKey.equals(spec)) {
      return List.of(spec);
    }
    return List.of(spec, op.baselineKey);
  }

  private Optional<PatchBaseline> baselineOf(VmWork w) {
    return baselines.get(
        new ResourceID(
            w.resource.getSpec().baselineRef.name, w.resource.getMetadata().getNamespace()));
  }

  /** Each status landed goes into JOSDK's cache, so the next reconcile never reads an older one. */
  private static StatusWriter.Written cacheOf(Context<HotpatchVM> context) {
    return (before, after) ->
        context
            .eventSourceRetriever()
            .getControllerEventSource()
            .handleRecentResourceUpdate(ResourceID.fromResource(after), after, before);
  }

  @Override
  public UpdateControl<HotpatchVM> reconcile(HotpatchVM resource, Context<HotpatchVM> context) {
    VmWork w = new VmWork(resource, settings.clock().instant(), conditions, cacheOf(context));
    String outcome = "error";
    try {
      Duration requeue;
      if (!BaselineMembers.isTransitioning(w.resource)) {
        // Forecast afresh each time (the convergence step says when); an early exit leaves none.
        w.status.nextReboot = null;
        w.status.nextRebootReason = null;
      }
      try {
        requeue = inFlight.follow(w).or(() -> gather(w)).orElseGet(() -> runSteps(w));
      } catch (ReadBudgetExhausted e) {
        requeue = e.waitFrom(w.now); // nothing was sent; what was learnt so far is kept
      } catch (AzureException e) {
        requeue = azureError(w, e);
      }
      if (w.view != null && w.status.pendingOperation != null) {
        w.view.markActive(w.now); // list this subscription often while something runs in it
      }
      if (!w.nothingToSay) {
        w.completeForWrite();
        writer.write(w.resource, w.status, w.written);
      }
      outcome = "success";
      return requeues
          .schedule(ResourceID.fromResource(resource), requeue)
          .map(d -> UpdateControl.<HotpatchVM>noUpdate().rescheduleAfter(d))
          .orElseGet(UpdateControl::noUpdate);
    } finally {
      if (w.status.pendingOperation == null && !w.keepsSlotForQuota) {
        // Nothing runs and nothing waits to start: whichever way this reconcile left (converged,
        // suspended, the gate shut, the baseline gone, an error), it holds no slot.
        slots.releaseAll(w.key());
      }
      slots.reconcileEnded(w.key());
      observer.reconciled(NAME, outcome);
    }
  }

  /** How long a new VM waits for its subscription's first list before saying it waits. */
  static final Duration LOADING_GRACE = Duration.ofSeconds(30);

  /** Steps 1-3: spec, references, observation, eligibility. A duration means stop here. */
  private Optional<Duration> gather(VmWork w) {
    List<String> problems = SpecValidator.validate(w.resource.getSpec());
    if (!problems.isEmpty()) {
      w.notReady(Phases.INVALID, "InvalidSpec", String.join("; ", problems));
      return Optional.of(settings.blockedInterval());
    }
    w.ref = VmRefs.of(w.resource.getSpec().azure);
    Optional<HotpatchVM> other = AzureVmOwner.otherOwner(w.resource, owners.apply(w.ref));
    if (other.isPresent()) {
      w.notReady(
          Phases.BLOCKED,
          "Conflict",
          "VM "
              + w.ref
              + " is managed by HotpatchVM "
              + VmKeys.of(other.get())
              + " (created first); this one does not act on it");
      return Optional.of(settings.resyncInterval());
    }
    fleet.watch(w.ref, ResourceID.fromResource(w.resource));
    var baselineName = w.resource.getSpec().baselineRef.name;
    w.baseline = baselineOf(w).orElse(null);
    if (w.baseline == null) {
      w.notReady(
          Phases.PENDING,
          "BaselineNotFound",
          "PatchBaseline "
              + baselineName
              + " not found in namespace "
              + w.resource.getMetadata().getNamespace()
              + shard.hint());
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
    lastKnown.remember(w.resource.getMetadata().getUid(), c);
    var gateway = gateways.forCredentials(c);
    w.view = fleet.view(c.cacheKey(), w.ref.subscriptionId(), gateway); // its loader lists
    w.gateway = new BudgetedGateway(gateway, readBudget, w.key());
    if (!w.view.loaded()) {
      Duration loading = Duration.between(w.view.createdAt(), w.now);
      if (w.view.health().lastError() == null && loading.compareTo(LOADING_GRACE) < 0) {
        // A first list (a new subscription, or every subscription after a restart) that may end
        // in seconds: its end reconciles the VM, which then says something worth a write. The
        // status stays as it was meanwhile (nothing is in flight: that was followed first). Only
        // a list still going after the grace, or failing, is worth FleetViewLoading: one write
        // per VM of thousands, and twice that after a restart (NotReady, then Ready again).
        w.nothingToSay = true;
        return Optional.of(LOADING_GRACE.minus(loading));
      }
      w.notReady(
          w.status.phase == null ? Phases.PENDING : w.status.phase,
          "FleetViewLoading",
          FleetViewMessages.loading(w.view));
      // The first load reconciles every VM of the subscription; no need to poll for it.
      return Optional.of(settings.resyncInterval());
    }
    w.vm = w.view.get(w.ref).orElse(null);
    boolean creates = w.resource.getSpec().create != null;
    if (w.vm == null) {
      w.status.osBuild = null;
      if (w.status.pendingOperation != null
          && !(creates && CreateStep.KIND.equals(w.status.pendingOperation.kind))) {
        // Gone from the list: an orchestration PATCH has nothing left to follow. (Installs, which
        // hold slots, were followed first, with a GET that proves the VM gone.)
        w.status.pendingOperation = null;
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
        && w.status.pendingOperation.refusedBusyAt == null
        && e.refusedStartCall()) {
      // Azure refused the very call the intent was for (4xx): the evidence that nothing runs. A
      // lost answer (5xx, timeout, reset), or a refusal of a later read, keeps the intent: it is
      // resolved by reading Azure.
      String baseline = w.status.pendingOperation.baselineKey;
      w.status.pendingOperation = null;
      if (baseline != null) {
        slots.transitionEnded(baseline, w.key());
      } else {
        slots.releaseAll(w.key());
      }
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

  /**
   * Deletion: an install in flight is followed to its end first (Azure may be rebooting the VM, and
   * its rollout slot stays held until then); then the VM stays (Orphan), or what the operator
   * created goes (Delete).
   */
  @Override
  public DeleteControl cleanup(HotpatchVM resource, Context<HotpatchVM> context) {
    VmWork w = new VmWork(resource, settings.clock().instant(), conditions, cacheOf(context));
    if (SpecValidator.validate(resource.getSpec()).isEmpty()) {
      // Resyncs and fleet changes must reach a deletion in progress, also in an operator that
      // started after it began.
      fleet.watch(VmRefs.of(resource.getSpec().azure), ResourceID.fromResource(resource));
    }
    Optional<Duration> following;
    try {
      following = inFlight.follow(w);
    } catch (ReadBudgetExhausted e) {
      following = Optional.of(e.waitFrom(w.now));
    } catch (AzureException e) {
      following = Optional.of(azureError(w, e));
    }
    var op = w.status.pendingOperation;
    if (op != null && InFlightFollower.KINDS.contains(op.kind)) {
      w.notReady(
          Phases.DELETING,
          "WaitingForOperation",
          "deleted while "
              + op.kind
              + " runs on "
              + w.ref
              + ": the finalizer stays until Azure says it ended, and so does its rollout slot");
      writer.write(w.resource, w.status, w.written);
      return DeleteControl.noFinalizerRemoval()
          .rescheduleAfter(following.orElse(settings.pollInterval()));
    }
    HotpatchVM current = writer.write(w.resource, w.status, w.written);
    if (!departed.record(current, w.now)) { // its baseline moved on: record on the newer copy
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(1));
    }
    DeletionCleaner.Outcome outcome = deletion.cleanup(current);
    if (!outcome.done()) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(outcome.requeue());
    }
    fleet.unwatch(ResourceID.fromResource(resource));
    slots.forget(VmKeys.of(resource));
    pacer.forget(VmKeys.of(resource));
    readBudget.forget(VmKeys.of(resource));
    orchestrationWrites.forget(VmKeys.of(resource));
    orchestrationHandles.forget(VmKeys.of(resource));
    lastKnown.forget(resource.getMetadata().getUid());
    return DeleteControl.defaultDelete();
  }

  /**
   * What escaped a reconcile goes into status, so {@code kubectl describe} shows it. Written onto
   * the latest copy (never the one the failed reconcile started from, which may lack an intent it
   * wrote), locked on its resourceVersion. A conflict needs no report: the retry starts afresh.
   */
  @Override
  public ErrorStatusUpdateControl<HotpatchVM> updateErrorStatus(
      HotpatchVM resource, Context<HotpatchVM> context, Exception e) {
    if (e instanceof StatusConflictException) {
      LOG.info("reconcile of {} starts over: {}", VmKeys.of(resource), e.getMessage());
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    LOG.error("reconcile of {} failed", VmKeys.of(resource), e);
    try {
      HotpatchVM latest = context.getClient().resource(resource).get();
      if (latest != null) {
        var status = StatusWriter.copyOf(latest.getStatus());
        conditions.set(
            status.conditions,
            latest.getMetadata().getGeneration(),
            Conditions.READY,
            false,
            "ReconcileError",
            "reconcile failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        writer.write(latest, status, cacheOf(context));
      }
    } catch (RuntimeException again) {
      LOG.warn("could not record the failure of {} in status", VmKeys.of(resource), again);
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }
}
