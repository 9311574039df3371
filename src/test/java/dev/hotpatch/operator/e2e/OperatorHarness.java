package dev.hotpatch.operator.e2e;

import static org.awaitility.Awaitility.await;

import dev.hotpatch.operator.HotpatchOperator;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMStatus;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.devtools.Cluster;
import dev.hotpatch.operator.devtools.Sandbox;
import dev.hotpatch.operator.devtools.SimulatedClock;
import dev.hotpatch.operator.devtools.SimulationDriver;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.OperationTimings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * The real operator on Fabric8's mock API server, talking through the Azure SDK to the ARM
 * simulator, on a simulated clock. Tests apply YAML and wait for status like a user would.
 */
public final class OperatorHarness implements AutoCloseable {
  /**
   * How long an await may take: each returns as soon as its condition holds, and a loaded 2-core CI
   * machine with a real API server once needed more than 30 s to delete a created VM's parts.
   */
  static final Duration WAIT = Duration.ofSeconds(60);

  public static final String NAMESPACE = "fleet";
  public static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";

  public final SimulatedClock clock;
  public final ArmSimulator simulator;
  public final Cluster kube;
  public final SimulationDriver driver;
  private final Sandbox sandbox;

  private OperatorHarness(Sandbox sandbox) {
    this.sandbox = sandbox;
    this.clock = sandbox.clock;
    this.simulator = sandbox.simulator;
    this.kube = sandbox.kube;
    this.driver = sandbox.driver;
  }

  public static OperatorHarness start(String fleetYaml, Instant start) {
    return start(fleetYaml, start, OperationTimings.defaults());
  }

  public static OperatorHarness start(String fleetYaml, Instant start, OperationTimings timings) {
    return start(fleetYaml, start, timings, false);
  }

  /** Driven by the test's clock moves, with the simulator behaving as given. */
  public static OperatorHarness startDriven(
      String fleetYaml,
      Instant start,
      dev.hotpatch.operator.simulator.SimulatorBehaviour behaviour) {
    return new OperatorHarness(
        Sandbox.start(
            fleetYaml,
            start,
            OperationTimings.defaults(),
            behaviour,
            NAMESPACE,
            Duration.ofHours(1),
            cluster()));
  }

  /**
   * The API server the end-to-end tests run on: Fabric8's mock, or with {@code -Dhp.kube=real} a
   * real kube-apiserver and etcd (the real-server execution in the pom runs a part of the suite
   * so).
   */
  public static java.util.function.Supplier<Cluster> cluster() {
    return onRealServer()
        ? dev.hotpatch.operator.devtools.RealKubernetes::shared
        : dev.hotpatch.operator.devtools.LocalKubernetes::start;
  }

  public static boolean onRealServer() {
    return "real".equals(System.getProperty("hp.kube", "mock"));
  }

  /**
   * @param driven true: operations are followed when the test moves the clock through {@link
   *     #driver} (the calendar scenarios); false: the operator polls them every 100 ms of real time
   */
  public static OperatorHarness start(
      String fleetYaml, Instant start, OperationTimings timings, boolean driven) {
    return new OperatorHarness(
        Sandbox.start(
            fleetYaml,
            start,
            timings,
            dev.hotpatch.operator.simulator.SimulatorBehaviour.azureLike(),
            NAMESPACE,
            driven ? Duration.ofHours(1) : Duration.ofMillis(100),
            cluster()));
  }

  /** The demo's fleet and the example PatchBaselines, on 2026-01-19: where most e2e tests start. */
  public static OperatorHarness startWithExampleBaselines() throws IOException {
    OperatorHarness h = start(demoFleet(), Instant.parse("2026-01-19T09:00:00Z"));
    h.apply("examples/patchbaselines.yaml");
    return h;
  }

  public static String demoFleet() throws IOException {
    return Files.readString(Path.of("src/main/resources/demo/fleet.yaml"));
  }

  public void startOperator() {
    sandbox.startOperator();
  }

  public void startOperator(KubernetesClient client, String leaseNamespace) {
    sandbox.startOperator(client, leaseNamespace);
  }

  public void stopOperator() {
    sandbox.stopOperator();
  }

  public HotpatchOperator operator() {
    return sandbox.operator();
  }

  public KubernetesClient client() {
    return kube.client();
  }

  public void apply(String file) throws IOException {
    kube.applyFile(Path.of(file), NAMESPACE);
  }

  public void applyYaml(String yaml) throws IOException {
    Path tmp = Files.createTempFile("manifest", ".yaml");
    Files.writeString(tmp, yaml);
    kube.applyFile(tmp, NAMESPACE);
    Files.delete(tmp);
  }

  public HotpatchVM vm(String name) {
    return client().resources(HotpatchVM.class).inNamespace(NAMESPACE).withName(name).get();
  }

  public PatchBaseline baseline(String name) {
    return client().resources(PatchBaseline.class).inNamespace(NAMESPACE).withName(name).get();
  }

  /**
   * Waits until the baseline's status (written after its VMs', through its own informer) satisfies
   * the check.
   */
  public dev.hotpatch.operator.api.PatchBaselineStatus awaitBaselineStatus(
      String name, Predicate<dev.hotpatch.operator.api.PatchBaselineStatus> check) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> baseline(name).getStatus() != null && check.test(baseline(name).getStatus()));
    return baseline(name).getStatus();
  }

  /** Waits (polling the API server, not sleeping) until the VM's status satisfies the check. */
  public HotpatchVMStatus awaitStatus(String name, Predicate<HotpatchVMStatus> check) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              HotpatchVM vm = vm(name);
              return vm != null && vm.getStatus() != null && check.test(vm.getStatus());
            });
    return vm(name).getStatus();
  }

  public HotpatchVMStatus awaitCondition(String name, String type, String status, String reason) {
    return awaitStatus(
        name,
        s ->
            Conditions.find(s.conditions, type)
                .filter(
                    c ->
                        status.equals(c.getStatus())
                            && (reason == null || reason.equals(c.getReason())))
                .isPresent());
  }

  /** HTTP status of a GET of an ARM resource ID on the simulator (200: exists, 404: gone). */
  public int armStatus(String resourceId) {
    return armGet(resourceId, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** The body of a GET of an ARM resource ID on the simulator. */
  public String armGet(String resourceId) {
    return armGet(resourceId, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }

  /**
   * PUTs an ARM resource on the simulator as someone other than the operator would; returns the
   * status.
   */
  public int armPut(String resourceId, String json) {
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(simulator.endpoint() + resourceId + "?api-version=2025-04-01"))
            .header("Content-Type", "application/json")
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json))
            .build();
    return send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private <T> java.net.http.HttpResponse<T> armGet(
      String resourceId, java.net.http.HttpResponse.BodyHandler<T> body) {
    return send(
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(simulator.endpoint() + resourceId + "?api-version=2025-04-01"))
            .build(),
        body);
  }

  private static <T> java.net.http.HttpResponse<T> send(
      java.net.http.HttpRequest request, java.net.http.HttpResponse.BodyHandler<T> body) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(request, body);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The PATCHes of an Azure VM that Azure accepted, in the order they came. */
  public java.util.List<dev.hotpatch.operator.simulator.RequestRecord> patchesOf(String vm) {
    return simulator.requestLog().stream()
        .filter(
            r ->
                r.method().equals("PATCH")
                    && r.path().toLowerCase().endsWith("/virtualmachines/" + vm)
                    && r.status() < 300)
        .toList();
  }

  /** Deletes a HotpatchVM as kubectl would; the finalizer decides when it is gone. */
  public void deleteVm(String name) {
    client().resources(HotpatchVM.class).inNamespace(NAMESPACE).withName(name).delete();
  }

  /** Waits until the HotpatchVM is gone from the API server (its finalizer removed). */
  public void awaitGone(String name) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> vm(name) == null);
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
