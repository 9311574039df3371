package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.cli.RunCommand;
import dev.hotpatch.operator.devtools.LocalKubernetes;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.FleetSeed;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * `run` as the Deployment starts it (leader election on, HTTP endpoints, metrics), against the mock
 * API server and the ARM simulator; then its API requests are checked against the chart's RBAC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunCommandTest {
  static final String NAMESPACE = "fleet";
  private LocalKubernetes kube;
  private ArmSimulator simulator;
  private RunCommand.Running running;
  private final List<RecordedRequest> operatorRequests = new ArrayList<>();
  private final ListAppender<ILoggingEvent> runLogged = new ListAppender<>();

  @BeforeAll
  void runTheOperator() throws Exception {
    kube = LocalKubernetes.start();
    kube.client()
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    kube.client()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("hotpatch-system")
                .endMetadata()
                .build())
        .create();
    simulator =
        ArmSimulator.builder()
            .fleet(
                FleetSeed.fromYaml(Files.readString(Path.of("src/main/resources/demo/fleet.yaml"))))
            .start();
    RunCommand command = new RunCommand();
    new CommandLine(command)
        .parseArgs(
            "--arm-endpoint",
            simulator.endpoint(),
            "--insecure-plain-http-arm",
            "--http-port",
            "0",
            "--leader-election",
            "--leader-election-namespace",
            "hotpatch-system",
            "--operation-poll-interval",
            "1s",
            "--fleet-refresh-interval",
            "1s");
    Logger runLog = (Logger) LoggerFactory.getLogger(RunCommand.class);
    runLog.addAppender(runLogged);
    runLogged.start();
    try {
      running = command.start(new ConfigBuilder(kube.client().getConfiguration()).build());
    } finally {
      runLog.detachAppender(runLogged);
    }
    kube.applyFolder(Path.of("examples"), NAMESPACE);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              HotpatchVM vm =
                  kube.client()
                      .resources(HotpatchVM.class)
                      .inNamespace(NAMESPACE)
                      .withName("web-1")
                      .get();
              return vm.getStatus() != null
                  && Conditions.isTrue(vm.getStatus().conditions, Conditions.READY);
            });
  }

  @AfterAll
  void stop() {
    running.close();
    kube.close();
    simulator.close();
  }

  private String get(String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + running.http().port() + path))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  @Test
  void thePlainHttpArmEndpointIsAllowedByItsFlagWithOneWarning() {
    assertThat(runLogged.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .singleElement()
        .asString()
        .contains("--insecure-plain-http-arm")
        .contains(simulator.endpoint())
        .contains("unauthenticated and unencrypted");
  }

  @Test
  void healthAndReadinessAnswerWhileRunning() throws Exception {
    // The leader reconciled the fleet, and no reconcile is stuck.
    assertThat(get("/healthz")).isEqualTo("200 ok\n");
    assertThat(get("/readyz")).startsWith("200");
  }

  @Test
  void metricsCountReconcilesAndAzureRequestsByKind() throws Exception {
    String metrics = get("/metrics");
    assertThat(metrics).startsWith("200");
    assertThat(metrics).contains("hotpatch_reconciles_total{").contains("kind=\"hotpatchvm\"");
    assertThat(metrics)
        .contains("hotpatch_azure_requests_total{")
        .contains("kind=\"PATCH virtualMachine\"")
        .contains("status=\"200\"");
    assertThat(metrics).contains("kind=\"GET listVirtualMachines\"");
    // Counted from the informer caches: web-1 is Ready, so at least one VM is Converged.
    assertThat(metrics)
        .containsPattern("hotpatch_vms\\{phase=\"Converged\",resource_namespace=\"fleet\"} [1-9]")
        .contains("hotpatch_baseline_failure_budget_spent{")
        .contains("hotpatch_rollout_slots_held ");
  }

  /**
   * The histograms and the rollout gauges, with values a fleet that just became Ready can have:
   * reconciles and Azure requests were timed (each well under a minute on average), and the
   * baselines' rollouts are counted from the caches as the examples declare them.
   */
  @Test
  void metricsTimeReconcilesAndAzureRequestsAndCountEachRollout() throws Exception {
    String metrics = get("/metrics");
    for (String series :
        List.of(
            "hotpatch_reconcile_duration_seconds_%s{kind=\"hotpatchvm\"}",
            "hotpatch_reconcile_duration_seconds_%s{kind=\"patchbaseline\"}",
            "hotpatch_azure_request_duration_seconds_%s{kind=\"PATCH virtualMachine\"}",
            "hotpatch_azure_request_duration_seconds_%s{kind=\"GET listVirtualMachines\"}")) {
      double count = value(metrics, series.formatted("count"));
      double sum = value(metrics, series.formatted("sum"));
      assertThat(count).as(series).isGreaterThanOrEqualTo(1);
      assertThat(sum / count).as("mean of " + series).isGreaterThan(0).isLessThan(60);
    }
    assertThat(metrics)
        .contains("# TYPE hotpatch_reconcile_duration_seconds histogram")
        .contains(
            "hotpatch_azure_request_duration_seconds_bucket{kind=\"PATCH virtualMachine\",le=\"+Inf\"}");
    // examples/patchbaselines.yaml: ws2022 maxUnavailable 1, ws2025 "50%" of its two VMs.
    assertThat(value(metrics, rollout("hotpatch_baseline_max_unavailable", "ws2022"))).isEqualTo(1);
    assertThat(value(metrics, rollout("hotpatch_baseline_max_unavailable", "ws2025"))).isEqualTo(1);
    for (String baseline : List.of("ws2022", "ws2025")) {
      assertThat(value(metrics, rollout("hotpatch_baseline_transitions_in_flight", baseline)))
          .isBetween(0.0, 1.0);
      assertThat(value(metrics, rollout("hotpatch_baseline_failure_budget_remaining", baseline)))
          .isEqualTo(1);
      assertThat(value(metrics, rollout("hotpatch_baseline_reboots_pending", baseline)))
          .isBetween(0.0, 5.0);
    }
    assertThat(value(metrics, "hotpatch_vms_ready{resource_namespace=\"fleet\",status=\"True\"}"))
        .isGreaterThanOrEqualTo(1);
  }

  private static String rollout(String metric, String baseline) {
    return metric + "{baseline=\"" + baseline + "\",resource_namespace=\"fleet\"}";
  }

  /** The value of one series in a scrape; fails when it is not there. */
  private static double value(String scrape, String series) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .map(l -> Double.parseDouble(l.substring(series.length() + 1).strip()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + series + " in the scrape"));
  }

  @Test
  void theChartsRbacCoversEveryRequestTheOperatorMadeAndNoMore() throws Exception {
    RecordedRequest r;
    while ((r = kube.server().takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      if (RunCommand.USER_AGENT.equals(r.getHeader("User-Agent"))) {
        operatorRequests.add(r);
      }
    }
    assertThat(operatorRequests).isNotEmpty();
    List<Rbac.Request> requests =
        operatorRequests.stream().map(q -> Rbac.Request.parse(q.getMethod(), q.getPath())).toList();
    Rbac rbac = Rbac.fromRender(Chart.split(Chart.template(null)));
    assertThat(rbac.denied(requests)).as("requests the chart's RBAC does not allow").isEmpty();

    // No more: every verb the ClusterRole grants was used, or is listed here with the reason it was
    // not.
    Set<String> used = new TreeSet<>();
    requests.stream()
        .filter(q -> !q.nonResource())
        .forEach(
            q ->
                used.add(
                    q.apiGroup()
                        + "|"
                        + q.resource()
                        + (q.subresource() == null ? "" : "/" + q.subresource())
                        + "|"
                        + q.verb()));
    Set<String> notExercisedHere =
        Set.of(
            "hotpatch.dev|hotpatchvms/finalizers|update", // only with deletionPolicy Delete
            "hotpatch.dev|hotpatchvms|get", // JOSDK re-reads a resource after a write conflict
            "hotpatch.dev|hotpatchvms|patch", // JOSDK adds/removes finalizers with it
            "hotpatch.dev|hotpatchvms|update",
            "hotpatch.dev|patchbaselines|get",
            "hotpatch.dev|patchbaselines|patch",
            "hotpatch.dev|patchbaselines|update",
            "hotpatch.dev|hotpatchvms/status|get",
            "hotpatch.dev|patchbaselines/status|get",
            "hotpatch.dev|hotpatchvms/status|update",
            "hotpatch.dev|patchbaselines/status|update",
            "hotpatch.dev|patchbaselines/finalizers|update",
            "|events|patch",
            "events.k8s.io|events|create",
            "events.k8s.io|events|patch",
            "|secrets|get", // only with spec.azure.credentialsSecretRef
            "|secrets|list",
            "|secrets|watch",
            "apiextensions.k8s.io|customresourcedefinitions|get",
            "apiextensions.k8s.io|customresourcedefinitions|list",
            "coordination.k8s.io|leases|update"); // the lease is renewed after this short run
    List<String> unused = new ArrayList<>();
    for (Rbac.Rule rule : Rbac.clusterRules(Chart.split(Chart.template(null)))) {
      for (String group : rule.apiGroups()) {
        for (String resource : rule.resources()) {
          for (String verb : rule.verbs()) {
            String key = group + "|" + resource + "|" + verb;
            if (!used.contains(key) && !notExercisedHere.contains(key)) {
              unused.add(key);
            }
          }
        }
      }
    }
    assertThat(unused).as("ClusterRole verbs never used (used: %s)", used).isEmpty();
  }
}
