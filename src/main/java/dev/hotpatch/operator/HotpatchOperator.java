package dev.hotpatch.operator;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.azure.AzureGateways;
import dev.hotpatch.operator.fleet.FleetRegistry;
import dev.hotpatch.operator.policy.ListPacing;
import dev.hotpatch.operator.reconciler.FleetEventSource;
import dev.hotpatch.operator.reconciler.HotpatchVMReconciler;
import dev.hotpatch.operator.reconciler.LeanItemStore;
import dev.hotpatch.operator.reconciler.OperatorSettings;
import dev.hotpatch.operator.reconciler.PatchBaselineReconciler;
import dev.hotpatch.operator.reconciler.ReconcileObserver;
import dev.hotpatch.operator.reconciler.Requeues;
import dev.hotpatch.operator.reconciler.RolloutSlots;
import dev.hotpatch.operator.reconciler.Shard;
import dev.hotpatch.operator.reconciler.TransitionStep;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the reconcilers, the fleet view and the Azure gateways into a Java Operator SDK {@link
 * Operator}. The `run` command, the demo and the end-to-end tests all start it this way.
 */
public final class HotpatchOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HotpatchOperator.class);
  public static final String LEASE_NAME = "hotpatch-operator-leader";

  /**
   * @param namespaces watched namespaces; empty: all
   * @param leaseNamespace namespace of the leader-election lease; null: no leader election
   * @param fleetRefreshInterval how often each subscription is listed; zero: only on demand
   */
  public record Options(
      Set<String> namespaces,
      String leaseNamespace,
      Duration fleetRefreshInterval,
      TransitionStep.RebootListener reboots,
      ReconcileObserver observer,
      Consumer<ConfigurationServiceOverrider> josdk,
      FleetRegistry.Mode fleetMode,
      Requeues requeues,
      Shard shard,
      Consumer<String> informerStopped) {
    public Options(Set<String> namespaces, String leaseNamespace, Duration fleetRefreshInterval) {
      this(
          namespaces,
          leaseNamespace,
          fleetRefreshInterval,
          TransitionStep.RebootListener.NONE,
          ReconcileObserver.NONE,
          o -> {},
          fleetRefreshInterval.isZero()
              ? FleetRegistry.Mode.ON_DEMAND
              : FleetRegistry.Mode.BACKGROUND,
          Requeues.JOSDK,
          Shard.NONE,
          cause -> {});
    }

    public Options withObserver(ReconcileObserver o) {
      return new Options(
          namespaces,
          leaseNamespace,
          fleetRefreshInterval,
          reboots,
          o,
          josdk,
          fleetMode,
          requeues,
          shard,
          informerStopped);
    }

    public Options withReboots(TransitionStep.RebootListener r) {
      return new Options(
          namespaces,
          leaseNamespace,
          fleetRefreshInterval,
          r,
          observer,
          josdk,
          fleetMode,
          requeues,
          shard,
          informerStopped);
    }

    /**
     * Extra JOSDK configuration, applied last: the safety fuzzer counts reconciles through its
     * metrics hook, shortens the lease and records informer stops instead of exiting the JVM.
     */
    public Options withJosdk(Consumer<ConfigurationServiceOverrider> j) {
      return new Options(
          namespaces,
          leaseNamespace,
          fleetRefreshInterval,
          reboots,
          observer,
          j,
          fleetMode,
          requeues,
          shard,
          informerStopped);
    }

    /**
     * Simulated time throughout (the fleet benchmark): the caller moves the fleet loader ({@link
     * FleetRegistry#tick}) and fires the requeues when its clock reaches them.
     */
    public Options simulatedTime(Requeues r) {
      return new Options(
          namespaces,
          leaseNamespace,
          fleetRefreshInterval,
          reboots,
          observer,
          josdk,
          FleetRegistry.Mode.TICKED,
          r,
          shard,
          informerStopped);
    }

    /** Only the HotpatchVMs and PatchBaselines of this shard, with a lease of its own. */
    public Options withShard(Shard s) {
      return new Options(
          namespaces,
          leaseNamespace,
          fleetRefreshInterval,
          reboots,
          observer,
          josdk,
          fleetMode,
          requeues,
          s,
          informerStopped);
    }

    /**
     * What to do when an informer that had synced stops for good (see {@link InformerStops}):
     * {@code run} exits the process; by default the stop is only recorded and logged.
     */
    public Options onInformerStopped(Consumer<String> reaction) {
      return new Options(
          namespaces,
          leaseNamespace,
          fleetRefreshInterval,
          reboots,
          observer,
          josdk,
          fleetMode,
          requeues,
          shard,
          reaction);
    }

    public static Options defaults() {
      return new Options(Set.of(), null, Duration.ofMinutes(2));
    }
  }

  private final Operator operator;
  private final FleetRegistry<ResourceID> fleet;

  private final FleetEventSource fleetEvents;

  private final RolloutSlots slots;

  private final AtomicBoolean closing;

  private final InformerStops informerStops;

  private final RegisteredController<HotpatchVM> vmController;

  private final RegisteredController<PatchBaseline> baselineController;

  private HotpatchOperator(
      Operator operator,
      FleetRegistry<ResourceID> fleet,
      FleetEventSource fleetEvents,
      RolloutSlots slots,
      AtomicBoolean closing,
      InformerStops informerStops,
      RegisteredController<HotpatchVM> vmController,
      RegisteredController<PatchBaseline> baselineController) {
    this.closing = closing;
    this.informerStops = informerStops;
    this.vmController = vmController;
    this.baselineController = baselineController;
    this.slots = slots;
    this.operator = operator;
    this.fleet = fleet;
    this.fleetEvents = fleetEvents;
  }

  /**
   * Losing the lease while running means another replica leads now: exit so Kubernetes restarts
   * this one as a standby. A graceful stop also ends leadership, and must not exit the JVM.
   */
  private static LeaderElectionConfiguration leaderElection(
      String namespace, String leaseName, AtomicBoolean closing) {
    LeaderCallbacks callbacks =
        new LeaderCallbacks(
            () -> LOG.info("leading: reconciling"),
            () -> {
              if (!closing.get()) {
                LOG.error(
                    "lost the leader lease {}/{}; exiting so a standby takes over",
                    namespace,
                    leaseName);
                Runtime.getRuntime().halt(1);
              }
            },
            leader -> LOG.info("leader is {}", leader));
    return new LeaderElectionConfiguration(
        leaseName,
        namespace,
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        null,
        callbacks,
        false);
  }

  public static HotpatchOperator start(
      KubernetesClient client, AzureGateways gateways, OperatorSettings settings, Options options) {
    AtomicBoolean closing = new AtomicBoolean();
    InformerStops informerStops = new InformerStops(closing::get, options.informerStopped());
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withInformerStoppedHandler(informerStops)
                  .withCloseClientOnStop(false)
                  // No server-side apply: Fabric8's mock API server cannot do it, and the
                  // path the tests run must be the path users run.
                  .withUseSSAToPatchPrimaryResource(false)
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  // Graceful shutdown: let reconciles in flight finish their status write.
                  .withReconciliationTerminationTimeout(Duration.ofSeconds(10));
              if (options.leaseNamespace() != null) {
                o.withLeaderElectionConfiguration(
                    leaderElection(
                        options.leaseNamespace(), options.shard().leaseName(LEASE_NAME), closing));
              }
              options.josdk().accept(o);
            });
    FleetEventSource fleetEvents = new FleetEventSource();
    RolloutSlots slots = new RolloutSlots();
    slots.onWake(fleetEvents::changedKeys);
    Duration active =
        options.fleetRefreshInterval().isZero()
            ? Duration.ofMinutes(2)
            : options.fleetRefreshInterval();
    FleetRegistry<ResourceID> fleet =
        new FleetRegistry<>(
            settings.clock(),
            options.fleetMode(),
            ListPacing.defaults(active),
            fleetEvents::viewChanged);
    HotpatchVMReconciler vms =
        new HotpatchVMReconciler(
            settings,
            gateways,
            fleet,
            fleetEvents,
            slots,
            options.reboots(),
            options.observer(),
            options.requeues(),
            options.shard());
    RegisteredController<HotpatchVM> vmController =
        operator.register(
            vms,
            o -> {
              watch(o, options);
              o.withItemStore(LeanItemStore.forVms());
            });
    RegisteredController<PatchBaseline> baselineController =
        operator.register(
            new PatchBaselineReconciler(settings, options.observer(), options.shard()),
            o -> {
              watch(o, options);
              o.withItemStore(new LeanItemStore<>());
            });
    operator.start();
    return new HotpatchOperator(
        operator,
        fleet,
        fleetEvents,
        slots,
        closing,
        informerStops,
        vmController,
        baselineController);
  }

  private static void watch(ControllerConfigurationOverrider<?> o, Options options) {
    if (!options.namespaces().isEmpty()) {
      o.settingNamespaces(options.namespaces());
    }
    options.shard().labelSelector().ifPresent(o::withLabelSelector);
    // The first list of 10,000 HotpatchVMs comes in pages, not one response held whole in memory.
    o.withInformerListLimit(INFORMER_PAGE);
    if (options.requeues() != Requeues.JOSDK) {
      // Requeues run on the simulated clock; JOSDK's 10-hour fallback timer would otherwise be
      // scheduled (and cancelled, and kept queued) on every reconcile.
      o.withReconciliationMaxInterval(null);
    }
  }

  private static final long INFORMER_PAGE = 500;

  public FleetEventSource fleetEvents() {
    return fleetEvents;
  }

  /** Lists every subscription now and reconciles every HotpatchVM (the demo's clock jumps). */
  public int resyncAll() {
    fleet.refreshAll();
    var all = fleet.watchedResources();
    fleetEvents.changed(all);
    return all.size();
  }

  public FleetRegistry<ResourceID> fleet() {
    return fleet;
  }

  /** The rollout slots this instance reserves (the safety checker asks what is held at the end). */
  public RolloutSlots rolloutSlots() {
    return slots;
  }

  /** The first informer that stopped for good while this instance ran, with its cause. */
  public Optional<String> informerStopped() {
    return informerStops.first();
  }

  public Operator operator() {
    return operator;
  }

  /**
   * The HotpatchVMs in the HotpatchVM controller's informer cache (memory, no API call), for the
   * resource gauges. A standby replica's informers run too, so its cache is filled as well.
   */
  public Stream<HotpatchVM> cachedVms() {
    return cached(vmController);
  }

  /** The PatchBaselines in the PatchBaseline controller's informer cache. */
  public Stream<PatchBaseline> cachedBaselines() {
    return cached(baselineController);
  }

  private static <P extends HasMetadata> Stream<P> cached(RegisteredController<P> registered) {
    return registered instanceof Controller<P> controller
        ? controller.getEventSourceManager().getControllerEventSource().list()
        : Stream.empty();
  }

  @Override
  public void close() {
    closing.set(true);
    operator.stop();
    fleet.close();
  }
}
