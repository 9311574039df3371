package dev.hotpatch.operator;

import dev.hotpatch.operator.azure.AzureGateways;
import dev.hotpatch.operator.fleet.FleetRegistry;
import dev.hotpatch.operator.reconciler.FleetEventSource;
import dev.hotpatch.operator.reconciler.HotpatchVMReconciler;
import dev.hotpatch.operator.reconciler.OperatorSettings;
import dev.hotpatch.operator.reconciler.PatchBaselineReconciler;
import dev.hotpatch.operator.reconciler.ReconcileObserver;
import dev.hotpatch.operator.reconciler.RolloutSlots;
import dev.hotpatch.operator.reconciler.TransitionStep;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Set;

/**
 * Wires the reconcilers, the fleet view and the Azure gateways into a Java Operator SDK
 * {@link Operator}. The `run` command, the demo and the end-to-end tests all start it this way.
 */
public final class HotpatchOperator implements AutoCloseable {
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
      ReconcileObserver observer) {
    public Options(Set<String> namespaces, String leaseNamespace, Duration fleetRefreshInterval) {
      this(namespaces, leaseNamespace, fleetRefreshInterval, TransitionStep.RebootListener.NONE, ReconcileObserver.NONE);
    }

    public Options withObserver(ReconcileObserver o) {
      return new Options(namespaces, leaseNamespace, fleetRefreshInterval, reboots, o);
    }

    public Options withReboots(TransitionStep.RebootListener r) {
      return new Options(namespaces, leaseNamespace, fleetRefreshInterval, r, observer);
    }

    public static Options defaults() {
      return new Options(Set.of(), null, Duration.ofMinutes(2));
    }
  }

  private final Operator operator;
  private final FleetRegistry<ResourceID> fleet;

  private final FleetEventSource fleetEvents;

  private HotpatchOperator(Operator operator, FleetRegistry<ResourceID> fleet, FleetEventSource fleetEvents) {
    this.operator = operator;
    this.fleet = fleet;
    this.fleetEvents = fleetEvents;
  }

  public static HotpatchOperator start(
      KubernetesClient client, AzureGateways gateways, OperatorSettings settings, Options options) {
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  // No server-side apply: Fabric8's mock API server cannot do it, and the
                  // path the tests run must be the path users run.
                  .withUseSSAToPatchPrimaryResource(false)
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  // Graceful shutdown: let reconciles in flight finish their status write.
                  .withReconciliationTerminationTimeout(Duration.ofSeconds(10));
              if (options.leaseNamespace() != null) {
                o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(LEASE_NAME, options.leaseNamespace()));
              }
            });
    FleetEventSource fleetEvents = new FleetEventSource();
    FleetRegistry<ResourceID> fleet =
        new FleetRegistry<>(settings.clock(), options.fleetRefreshInterval(), fleetEvents::changed);
    HotpatchVMReconciler vms =
        new HotpatchVMReconciler(
            settings, gateways, fleet, fleetEvents, new RolloutSlots(), options.reboots(), options.observer());
    operator.register(vms, o -> watch(o, options));
    operator.register(new PatchBaselineReconciler(settings, options.observer()), o -> watch(o, options));
    operator.start();
    return new HotpatchOperator(operator, fleet, fleetEvents);
  }

  private static void watch(ControllerConfigurationOverrider<?> o, Options options) {
    if (!options.namespaces().isEmpty()) {
      o.settingNamespaces(options.namespaces());
    }
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

  public Operator operator() {
    return operator;
  }

  @Override
  public void close() {
    operator.stop();
    fleet.close();
  }
}
