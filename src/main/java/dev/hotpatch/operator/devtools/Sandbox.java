package dev.hotpatch.operator.devtools;

import dev.hotpatch.operator.HotpatchOperator;
import dev.hotpatch.operator.azure.AzureGateways;
import dev.hotpatch.operator.azure.AzureTarget;
import dev.hotpatch.operator.azure.RequestListener;
import dev.hotpatch.operator.reconciler.OperatorSettings;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.FleetSeed;
import dev.hotpatch.operator.simulator.OperationTimings;
import dev.hotpatch.operator.simulator.SimulatorBehaviour;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * A whole world on one machine, for the demo and the end-to-end tests: a simulated clock, the ARM
 * simulator seeded with a fleet, Fabric8's mock API server with our CRDs and a namespace, and the
 * real operator talking to both (the Azure SDK over HTTP to the simulator).
 */
public final class Sandbox implements AutoCloseable {
  public final SimulatedClock clock;
  public final ArmSimulator simulator;
  public final Cluster kube;
  public final SimulationDriver driver;
  private final OperatorSettings settings;
  private HotpatchOperator operator;

  private Sandbox(
      SimulatedClock clock, ArmSimulator simulator, Cluster kube, OperatorSettings settings) {
    this.clock = clock;
    this.simulator = simulator;
    this.kube = kube;
    this.settings = settings;
    this.driver = new SimulationDriver(clock);
  }

  /**
   * @param pollInterval how often the operator looks at an operation in flight, in real time; the
   *     demo and calendar scenarios set it long and let {@link #driver} move time instead
   */
  public static Sandbox start(
      String fleetYaml,
      Instant start,
      OperationTimings timings,
      String namespace,
      Duration pollInterval) {
    return start(
        fleetYaml, start, timings, SimulatorBehaviour.azureLike(), namespace, pollInterval);
  }

  /**
   * @param behaviour how honest the simulated Azure is; the demo and the end-to-end tests run with
   *     {@link SimulatorBehaviour#azureLike()} (lag, skew, 409s, agent Not Ready, platform
   *     patching)
   */
  public static Sandbox start(
      String fleetYaml,
      Instant start,
      OperationTimings timings,
      SimulatorBehaviour behaviour,
      String namespace,
      Duration pollInterval) {
    return start(
        fleetYaml, start, timings, behaviour, namespace, pollInterval, LocalKubernetes::start);
  }

  /**
   * @param cluster starts the API server: {@code LocalKubernetes::start} (the mock) or {@code
   *     RealKubernetes::start}
   */
  public static Sandbox start(
      String fleetYaml,
      Instant start,
      OperationTimings timings,
      SimulatorBehaviour behaviour,
      String namespace,
      Duration pollInterval,
      java.util.function.Supplier<? extends Cluster> cluster) {
    SimulatedClock clock = new SimulatedClock(start);
    ArmSimulator simulator =
        ArmSimulator.builder()
            .clock(clock)
            .fleet(FleetSeed.fromYaml(fleetYaml))
            .timings(timings)
            .behaviour(behaviour)
            .start();
    Cluster kube = cluster.get();
    kube.client()
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
    Sandbox sandbox =
        new Sandbox(
            clock,
            simulator,
            kube,
            OperatorSettings.defaults(clock).withPollInterval(pollInterval));
    sandbox.startOperator();
    return sandbox;
  }

  /** Starts the operator (again, after {@link #stopOperator}, as a restarted pod would). */
  public void startOperator() {
    startOperator(kube.client(), null);
  }

  /**
   * Starts the operator with a client of its own (another identity, say the chart's ServiceAccount)
   * and, with a lease namespace, leader election as in production.
   */
  public void startOperator(
      io.fabric8.kubernetes.client.KubernetesClient client, String leaseNamespace) {
    ReconcileCounter counter = driver.newCounter();
    operator =
        HotpatchOperator.start(
            client,
            AzureGateways.sdk(AzureTarget.simulator(simulator.endpoint()), RequestListener.NONE),
            settings,
            new HotpatchOperator.Options(Set.of(), leaseNamespace, Duration.ZERO)
                .withObserver(driver.observer())
                .withJosdk(o -> o.withMetrics(counter)));
    driver.attach(operator);
  }

  public void stopOperator() {
    operator.close();
  }

  public HotpatchOperator operator() {
    return operator;
  }

  @Override
  public void close() {
    operator.close();
    kube.close();
    simulator.close();
  }
}
