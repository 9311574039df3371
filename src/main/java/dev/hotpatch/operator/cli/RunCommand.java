package dev.hotpatch.operator.cli;

import dev.hotpatch.operator.HotpatchOperator;
import dev.hotpatch.operator.InformerStops;
import dev.hotpatch.operator.api.TolerantReading;
import dev.hotpatch.operator.azure.AzureGateways;
import dev.hotpatch.operator.azure.AzureTarget;
import dev.hotpatch.operator.azure.FleetSource;
import dev.hotpatch.operator.reconciler.OperatorSettings;
import dev.hotpatch.operator.reconciler.Shard;
import dev.hotpatch.operator.runtime.HttpEndpoints;
import dev.hotpatch.operator.runtime.LogSetup;
import dev.hotpatch.operator.runtime.OperatorMetrics;
import dev.hotpatch.operator.runtime.ReconcileInstruments;
import dev.hotpatch.operator.runtime.ReconcileWatchdog;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
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
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the operator.",
      "Most options can also be set by the environment variable named with them (env ...;"
          + " the chart sets these); an option given on the command line wins."
    },
    footerHeading = "%n",
    footer = {
      "Kubernetes: --kubeconfig, else $KUBECONFIG or ~/.kube/config, else in-cluster (the pod's"
          + " service account). `run` checks once that the API server answers (5 s at most)"
          + " and exits with 1 if it does not.",
      "Azure credentials: DefaultAzureCredential (workload identity: AZURE_CLIENT_ID,"
          + " AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE), or per HotpatchVM a Secret named in"
          + " spec.azure.credentialsSecretRef.",
      "Exit codes: 0 stopped, 1 the API server cannot be reached, 2 bad options."
    })
public final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  /**
   * How long `run` waits for the API server's first answer before giving up, all told (connecting,
   * TLS, the answer): with the JVM's start, `run` ends within 10 s even when the address takes the
   * connection and never answers (CliProcessTest).
   */
  static final Duration CONNECT_CHECK_TIMEOUT = Duration.ofSeconds(5);

  @Option(
      names = "--namespaces",
      paramLabel = "NAMES",
      defaultValue = "${env:WATCH_NAMESPACES:-}",
      description =
          "Comma-separated namespaces to watch. Default: all namespaces (env WATCH_NAMESPACES).")
  String namespaces;

  @Option(
      names = "--resync-interval",
      paramLabel = "DURATION",
      defaultValue = "${env:RESYNC_INTERVAL:-10m}",
      description =
          "How often a settled VM is looked at again. Default: ${DEFAULT-VALUE} (env"
              + " RESYNC_INTERVAL).")
  String resyncInterval;

  @Option(
      names = "--fleet-refresh-interval",
      paramLabel = "DURATION",
      defaultValue = "${env:FLEET_REFRESH_INTERVAL:-2m}",
      description =
          "How often each subscription's VMs are listed. Default: ${DEFAULT-VALUE} (env"
              + " FLEET_REFRESH_INTERVAL).")
  String fleetRefreshInterval;

  @Option(
      names = "--fleet-source",
      paramLabel = "SOURCE",
      defaultValue = "${env:FLEET_SOURCE:-compute}",
      description =
          "Where each subscription's VMs are read: compute (Compute's VM lists) or"
              + " resource-graph (one Resource Graph query, falling back to compute when it"
              + " keeps failing). Default: ${DEFAULT-VALUE} (env FLEET_SOURCE).")
  String fleetSource;

  @Option(
      names = "--operation-poll-interval",
      paramLabel = "DURATION",
      defaultValue = "${env:OPERATION_POLL_INTERVAL:-15s}",
      description =
          "How often an Azure operation in flight is checked while young; later looks are spaced"
              + " by its age and by how long like operations took. Default: ${DEFAULT-VALUE} (env"
              + " OPERATION_POLL_INTERVAL).")
  String operationPollInterval;

  @Option(
      names = "--leader-election",
      defaultValue = "${env:LEADER_ELECTION_ENABLED:-false}",
      description =
          "Elect a leader among replicas. Default: ${DEFAULT-VALUE} (env"
              + " LEADER_ELECTION_ENABLED).")
  boolean leaderElection;

  @Option(
      names = "--leader-election-namespace",
      paramLabel = "NAMESPACE",
      defaultValue = "${env:POD_NAMESPACE:-default}",
      description = "Namespace of the leader lease. Default: ${DEFAULT-VALUE} (env POD_NAMESPACE).")
  String leaseNamespace;

  @Option(
      names = "--shard",
      paramLabel = "NAME",
      defaultValue = "${env:SHARD:-}",
      description =
          "Handle only the HotpatchVMs and PatchBaselines labelled hotpatch.dev/shard=NAME, with a"
              + " leader lease of the shard's own (hotpatch-operator-leader-NAME). Default: none,"
              + " every one in the watched namespaces (env SHARD).")
  String shard;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      defaultValue = "${env:HTTP_PORT:-8080}",
      description =
          "Port of /healthz, /readyz and /metrics. Default: ${DEFAULT-VALUE} (env HTTP_PORT).")
  int httpPort;

  @Option(
      names = "--liveness-stuck-after",
      paramLabel = "DURATION",
      defaultValue = "${env:LIVENESS_STUCK_AFTER:-10m}",
      description =
          "/healthz fails (503, with the reason) when a reconcile runs longer than this, or"
              + " reconciles are queued and none finished for this long; 0s: never. Default:"
              + " ${DEFAULT-VALUE} (env LIVENESS_STUCK_AFTER).")
  String livenessStuckAfter;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      defaultValue = "${env:LOG_LEVEL:-info}",
      description =
          "trace, debug, info, warn or error; debug also prints stack traces. Default:"
              + " ${DEFAULT-VALUE} (env LOG_LEVEL).")
  String logLevel;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      defaultValue = "${env:LOG_FORMAT:-text}",
      description =
          "text, or json (one object a line). Default: ${DEFAULT-VALUE} (env LOG_FORMAT).")
  String logFormat;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "The kubeconfig to use. Default: $KUBECONFIG, else ~/.kube/config, else in-cluster.")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "The kubeconfig context to use. Default: the kubeconfig's current context.")
  String context;

  @Option(
      names = "--azure-cloud",
      paramLabel = "CLOUD",
      defaultValue = "${env:AZURE_CLOUD:-AzureCloud}",
      description =
          "AzureCloud, AzureChinaCloud or AzureUSGovernment. Default: ${DEFAULT-VALUE} (env"
              + " AZURE_CLOUD).")
  String azureCloud;

  @Option(
      names = "--arm-endpoint",
      paramLabel = "URL",
      defaultValue = "${env:ARM_ENDPOINT:-}",
      description =
          "Talk to this plain-HTTP ARM endpoint instead of Azure (the ARM simulator), without"
              + " credentials; overrides --azure-cloud and needs --insecure-plain-http-arm."
              + " Default: none (env ARM_ENDPOINT).")
  String armEndpoint;

  @Option(
      names = "--insecure-plain-http-arm",
      defaultValue = "${env:INSECURE_PLAIN_HTTP_ARM:-false}",
      description =
          "Allow --arm-endpoint: its requests are neither authenticated nor encrypted (a warning"
              + " is logged). Default: ${DEFAULT-VALUE} (env INSECURE_PLAIN_HTTP_ARM).")
  boolean insecurePlainHttpArm;

  /**
   * The User-Agent of the operator's API calls, so audit logs (and our RBAC test) can tell them
   * apart.
   */
  public static final String USER_AGENT = "hotpatch-operator/0.1.0";

  @Override
  public Integer call() throws Exception {
    try {
      LogSetup.configure(logLevel, logFormat);
    } catch (IllegalArgumentException e) {
      System.err.println("hotpatch-operator run: " + e.getMessage());
      return 2;
    }
    ApiServer apiServer;
    try {
      validate();
      apiServer = ApiServer.resolve(kubeconfig, context);
    } catch (Refused e) {
      LOG.error("hotpatch-operator run: {}", e.getMessage());
      return 2;
    }
    // Once, bounded: with no server at that address the operator would retry for long and say
    // little about where it was looking.
    var unreachable = apiServer.unreachable(CONNECT_CHECK_TIMEOUT, USER_AGENT);
    if (unreachable.isPresent()) {
      LOG.error("hotpatch-operator run: {}", unreachable.get());
      return 1;
    }
    Running running = start(apiServer.config());
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

  /** A setting `run` refuses to start with; reported as one line, exit code 2. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Refused(String message) {
      super(message);
    }
  }

  /** Checks the options before anything starts; throws {@link Refused} with what is wrong. */
  void validate() {
    for (String[] d :
        new String[][] {
          {"--resync-interval", resyncInterval},
          {"--fleet-refresh-interval", fleetRefreshInterval},
          {"--operation-poll-interval", operationPollInterval},
          {"--liveness-stuck-after", livenessStuckAfter}
        }) {
      try {
        Durations.parse(d[1]);
      } catch (picocli.CommandLine.TypeConversionException e) {
        throw new Refused(d[0] + ": " + e.getMessage());
      }
    }
    try {
      FleetSource.parse(fleetSource);
    } catch (IllegalArgumentException e) {
      throw new Refused("--fleet-source: " + e.getMessage());
    }
    if (httpPort < 0 || httpPort > 65535) {
      throw new Refused("--http-port " + httpPort + ": want 0 to 65535");
    }
    azureTarget(false);
  }

  /**
   * Azure from --azure-cloud, or the unauthenticated plain-HTTP endpoint of --arm-endpoint, which
   * only --insecure-plain-http-arm allows. An https endpoint is refused: the operator would send it
   * no credentials either (authenticated Azure is only reached through --azure-cloud).
   *
   * @param warn log the warning an unauthenticated endpoint deserves (once, when starting)
   */
  AzureTarget azureTarget(boolean warn) {
    if (armEndpoint == null || armEndpoint.isBlank()) {
      try {
        return AzureTarget.cloud(azureCloud);
      } catch (IllegalArgumentException e) {
        throw new Refused(
            "--azure-cloud "
                + azureCloud
                + ": want AzureCloud, AzureChinaCloud or AzureUSGovernment");
      }
    }
    java.net.URI uri;
    try {
      uri = new java.net.URI(armEndpoint.trim());
    } catch (java.net.URISyntaxException e) {
      throw new Refused("--arm-endpoint " + armEndpoint + ": not a URL (" + e.getMessage() + ")");
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new Refused(
          "--arm-endpoint "
              + armEndpoint
              + ": want http://HOST:PORT/ of an ARM simulator. The operator sends such an"
              + " endpoint no credentials, so it is for plain-HTTP test endpoints only; for Azure"
              + " use --azure-cloud");
    }
    if (!insecurePlainHttpArm) {
      throw new Refused(
          "--arm-endpoint "
              + armEndpoint
              + " is plain HTTP without authentication: add --insecure-plain-http-arm"
              + " (INSECURE_PLAIN_HTTP_ARM=true) to allow that (an ARM simulator), or use"
              + " --azure-cloud for Azure");
    }
    if (warn) {
      LOG.warn(
          "--insecure-plain-http-arm: requests to the ARM endpoint {} are unauthenticated and"
              + " unencrypted (plain HTTP, no credentials); use this only with the ARM simulator",
          uri);
    }
    return AzureTarget.simulator(uri.toString());
  }

  /** Starts what `run` runs against the cluster the config points at. */
  public Running start(Config kubeConfig) {
    return start(kubeConfig, Clock.systemUTC());
  }

  /** As {@link #start(Config)}, on {@code clock} (a test moves it past the liveness bound). */
  public Running start(Config kubeConfig, Clock clock) {
    AzureTarget target = azureTarget(true);
    OperatorSettings settings =
        OperatorSettings.defaults(clock)
            .withResyncInterval(Durations.parse(resyncInterval))
            .withPollInterval(Durations.parse(operationPollInterval));
    Shard sharding;
    try {
      sharding = Shard.of(shard);
    } catch (IllegalArgumentException e) {
      throw new Refused("--shard: " + e.getMessage());
    }
    Set<String> watched =
        Arrays.stream(namespaces.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    OperatorMetrics metrics = new OperatorMetrics();
    AtomicBoolean started = new AtomicBoolean();
    // A standby replica reconciles nothing, so it stays live; readiness is as before.
    ReconcileWatchdog watchdog = new ReconcileWatchdog(clock, Durations.parse(livenessStuckAfter));
    HttpEndpoints http =
        HttpEndpoints.withLivenessReason(httpPort, watchdog::stuck, started::get, metrics::scrape)
            .start();
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
            .withReboots(metrics::rebootTriggered)
            .withShard(sharding)
            .onInformerStopped(InformerStops.EXIT_THE_PROCESS)
            .withJosdk(o -> o.withMetrics(new ReconcileInstruments(metrics, watchdog, clock)));
    HotpatchOperator operator =
        HotpatchOperator.start(
            client,
            AzureGateways.sdk(
                target,
                metrics::azureRequest,
                FleetSource.Reads.of(FleetSource.parse(fleetSource), clock)),
            settings,
            options);
    metrics.slotsHeld(() -> operator.rolloutSlots().holders().size());
    metrics.resources(operator::cachedVms, operator::cachedBaselines);
    operator
        .fleet()
        .onNewView(
            view -> {
              metrics.fleetViewAge(view.subscriptionId(), () -> operator.fleet().ageSeconds(view));
              metrics.fleetViewFallback(
                  view.subscriptionId(), () -> view.listedThroughFallback() ? 1 : 0);
            });
    started.set(true);
    LOG.info(
        "hotpatch-operator running: version {}, commit {}, namespaces {}, Azure {},"
            + " shard {}, leader election {}, http :{}",
        BuildInfo.version(),
        BuildInfo.commit(),
        watched.isEmpty() ? "all" : watched,
        target.cloudName(),
        sharding.sharded() ? sharding.name() : "none (every object)",
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
  public static final class Durations {
    private static final java.util.regex.Pattern FORM =
        java.util.regex.Pattern.compile("^(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?$");

    public static Duration parse(String text) {
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
