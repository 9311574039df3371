package dev.hotpatch.operator.cli;

import dev.hotpatch.operator.HotpatchOperator;
import dev.hotpatch.operator.api.TolerantReading;
import dev.hotpatch.operator.azure.AzureGateways;
import dev.hotpatch.operator.azure.AzureTarget;
import dev.hotpatch.operator.reconciler.OperatorSettings;
import dev.hotpatch.operator.runtime.HttpEndpoints;
import dev.hotpatch.operator.runtime.LogSetup;
import dev.hotpatch.operator.runtime.OperatorMetrics;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The operator: Kubernetes from KUBECONFIG or in-cluster, Azure from DefaultAzureCredential or
 * Secrets.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the operator.")
public final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Option(
      names = "--namespaces",
      defaultValue = "${env:WATCH_NAMESPACES:-}",
      description = "Comma-separated namespaces to watch; empty: all.")
  String namespaces;

  @Option(
      names = "--resync-interval",
      defaultValue = "${env:RESYNC_INTERVAL:-10m}",
      description = "How often a settled VM is looked at again.")
  String resyncInterval;

  @Option(
      names = "--fleet-refresh-interval",
      defaultValue = "${env:FLEET_REFRESH_INTERVAL:-2m}",
      description = "How often each subscription's VMs are listed.")
  String fleetRefreshInterval;

  @Option(
      names = "--operation-poll-interval",
      defaultValue = "${env:OPERATION_POLL_INTERVAL:-15s}",
      description = "How often an Azure operation in flight is checked.")
  String operationPollInterval;

  @Option(
      names = "--leader-election",
      defaultValue = "${env:LEADER_ELECTION_ENABLED:-false}",
      description = "Elect a leader among replicas.")
  boolean leaderElection;

  @Option(
      names = "--leader-election-namespace",
      defaultValue = "${env:POD_NAMESPACE:-default}",
      description = "Namespace of the leader lease.")
  String leaseNamespace;

  @Option(
      names = "--http-port",
      defaultValue = "${env:HTTP_PORT:-8080}",
      description = "Port of /healthz, /readyz and /metrics.")
  int httpPort;

  @Option(names = "--log-level", defaultValue = "${env:LOG_LEVEL:-info}")
  String logLevel;

  @Option(
      names = "--log-format",
      defaultValue = "${env:LOG_FORMAT:-text}",
      description = "text or json")
  String logFormat;

  @Option(
      names = "--azure-cloud",
      defaultValue = "${env:AZURE_CLOUD:-AzureCloud}",
      description = "AzureCloud, AzureChinaCloud or AzureUSGovernment.")
  String azureCloud;

  @Option(
      names = "--arm-endpoint",
      defaultValue = "${env:ARM_ENDPOINT:-}",
      description =
          "A plain-HTTP ARM endpoint without authentication (the ARM simulator); overrides --azure-cloud.")
  String armEndpoint;

  /**
   * The User-Agent of the operator's API calls, so audit logs (and our RBAC test) can tell them
   * apart.
   */
  public static final String USER_AGENT = "hotpatch-operator/0.1.0";

  @Override
  public Integer call() throws Exception {
    LogSetup.configure(logLevel, logFormat);
    Running running = start(Config.autoConfigure(null));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  /** Starts what `run` runs against the cluster the config points at. */
  public Running start(Config kubeConfig) {
    Clock clock = Clock.systemUTC();
    AzureTarget target =
        armEndpoint.isBlank() ? AzureTarget.cloud(azureCloud) : AzureTarget.simulator(armEndpoint);
    OperatorSettings settings =
        OperatorSettings.defaults(clock)
            .withResyncInterval(Durations.parse(resyncInterval))
            .withPollInterval(Durations.parse(operationPollInterval));
    Set<String> watched =
        Arrays.stream(namespaces.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    OperatorMetrics metrics = new OperatorMetrics();
    AtomicBoolean started = new AtomicBoolean();
    HttpEndpoints http =
        new HttpEndpoints(httpPort, () -> true, started::get, metrics::scrape).start();
    kubeConfig.setUserAgent(USER_AGENT);
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(kubeConfig)
            .withKubernetesSerialization(TolerantReading.serialization())
            .build();
    HotpatchOperator.Options options =
        new HotpatchOperator.Options(
                watched,
                leaderElection ? leaseNamespace : null,
                Durations.parse(fleetRefreshInterval))
            .withObserver(
                (controller, outcome) -> {
                  metrics.reconcile(controller, outcome);
                  if (!"success".equals(outcome)) {
                    metrics.reconcileError(controller);
                  }
                })
            .withReboots(metrics::rebootTriggered);
    HotpatchOperator operator =
        HotpatchOperator.start(
            client, AzureGateways.sdk(target, metrics::azureRequest), settings, options);
    metrics.slotsHeld(() -> operator.rolloutSlots().holders().size());
    metrics.resources(operator::cachedVms, operator::cachedBaselines);
    operator
        .fleet()
        .onNewView(
            view ->
                metrics.fleetViewAge(
                    view.subscriptionId(), () -> operator.fleet().ageSeconds(view)));
    started.set(true);
    LOG.info(
        "hotpatch-operator running: namespaces {}, Azure {}, leader election {}, http :{}",
        watched.isEmpty() ? "all" : watched,
        target.cloudName(),
        leaderElection,
        http.port());
    return new Running(operator, client, http, metrics, started);
  }

  /** A started operator with its HTTP endpoints; closing it shuts down gracefully. */
  public record Running(
      HotpatchOperator operator,
      KubernetesClient client,
      HttpEndpoints http,
      OperatorMetrics metrics,
      AtomicBoolean ready)
      implements AutoCloseable {
    @Override
    public void close() {
      // Readiness off first, then reconciles in flight finish, then the endpoints go.
      ready.set(false);
      operator.close();
      client.close();
      http.close();
      metrics.close();
    }
  }

  /** Go-style durations (30s, 10m, 1h30m) as the chart writes them. */
  static final class Durations {
    private static final java.util.regex.Pattern FORM =
        java.util.regex.Pattern.compile("^(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?$");

    static Duration parse(String text) {
      var m = FORM.matcher(text == null ? "" : text.trim());
      if (text == null || text.isBlank() || !m.matches()) {
        throw new picocli.CommandLine.TypeConversionException(
            "invalid duration \"" + text + "\": use e.g. 30s, 10m or 1h30m");
      }
      long seconds = 0;
      long[] unit = {3600, 60, 1};
      for (int i = 0; i < 3; i++) {
        if (m.group(i + 1) != null) {
          seconds += Long.parseLong(m.group(i + 1)) * unit[i];
        }
      }
      return Duration.ofSeconds(seconds);
    }
  }
}
