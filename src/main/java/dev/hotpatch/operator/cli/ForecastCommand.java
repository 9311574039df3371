package dev.hotpatch.operator.cli;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.TolerantReading;
import dev.hotpatch.operator.policy.RebootCalendar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forecast}: the reboots each HotpatchVM can expect in the months ahead, read from a cluster
 * (list calls only) or from manifests in Git, and worked out by {@link RebootCalendar}.
 */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description = {
      "Print the reboots each HotpatchVM can expect in the next months.",
      "The transition due now for VMs behind their baseline, then one per planned baseline"
          + " (second Tuesday of January, April, July and October, assumed committed on its"
          + " release day), each in the first maintenance window slot the rollout leaves it.",
      "Reads PatchBaselines and HotpatchVMs from the cluster (list calls only, with your"
          + " kubeconfig), or with --files from manifests (no status: every VM is taken to be on"
          + " its baseline)."
    },
    footerHeading = "%n",
    footer = {"Exit codes: 0 printed, 1 the cluster cannot be read, 2 bad options."})
public final class ForecastCommand implements Callable<Integer> {
  /** How long to wait for the API server's first answer, all told: as `run` waits. */
  static final java.time.Duration CONNECT_CHECK_TIMEOUT = RunCommand.CONNECT_CHECK_TIMEOUT;

  @Option(
      names = "--months",
      paramLabel = "N",
      defaultValue = "6",
      description = "How many months ahead (1 to 60). Default: ${DEFAULT-VALUE}.")
  int months;

  @Option(names = "--json", description = "Print one JSON document instead of a table.")
  boolean json;

  @Option(
      names = {"--namespace", "-n"},
      paramLabel = "NS",
      description =
          "Only this namespace. Default: all namespaces (with --files: objects that name none"
              + " are in 'default').")
  String namespace;

  @Option(
      names = "--files",
      paramLabel = "DIR_OR_FILE",
      description =
          "Read the manifests (*.yaml, *.yml) of this folder, recursively, or this file, instead"
              + " of a cluster: a GitOps checkout.")
  Path files;

  @Option(
      names = "--commit-lag",
      paramLabel = "DAYS",
      defaultValue = "0",
      description =
          "Days between a planned baseline's release and its commit to the PatchBaselines."
              + " Default: ${DEFAULT-VALUE} (committed on the release day).")
  int commitLag;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "The kubeconfig to use. Default: $KUBECONFIG, else ~/.kube/config.")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "The kubeconfig context to use. Default: the kubeconfig's current context.")
  String context;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  private final Clock clock;

  public ForecastCommand() {
    this(Clock.systemUTC());
  }

  ForecastCommand(Clock clock) {
    this.clock = clock;
  }

  /** The objects a forecast is made of. */
  record Fleet(List<PatchBaseline> baselines, List<HotpatchVM> vms) {}

  @Override
  public Integer call() {
    java.io.PrintWriter out = spec.commandLine().getOut();
    java.io.PrintWriter err = spec.commandLine().getErr();
    RebootCalendar.Assumptions assumptions;
    Fleet fleet;
    try {
      assumptions = validate();
      fleet = files != null ? fromFiles(err) : fromCluster();
    } catch (RunCommand.Refused e) {
      err.println("hotpatch-operator forecast: " + e.getMessage());
      err.flush();
      return 2;
    } catch (Unreadable e) {
      err.println("hotpatch-operator forecast: " + e.getMessage());
      err.flush();
      return 1;
    }
    RebootCalendar.Forecast forecast =
        RebootCalendar.forecast(
            fleet.baselines(), fleet.vms(), clock.instant(), months, assumptions);
    out.print(json ? ForecastReport.toJson(forecast) + "\n" : ForecastReport.table(forecast));
    out.flush();
    err.flush();
    return 0;
  }

  RebootCalendar.Assumptions validate() {
    if (months < 1 || months > 60) {
      throw new RunCommand.Refused("--months " + months + ": want 1 to 60");
    }
    if (commitLag < 0 || commitLag > 90) {
      throw new RunCommand.Refused("--commit-lag " + commitLag + ": want 0 to 90 days");
    }
    if (files != null && (kubeconfig != null || context != null)) {
      throw new RunCommand.Refused(
          "--files reads manifests, not a cluster: leave out --kubeconfig and --context");
    }
    if (files != null && !Files.exists(files)) {
      throw new RunCommand.Refused("--files " + files + ": no such file or folder");
    }
    return RebootCalendar.Assumptions.defaults().withCommitLagDays(commitLag);
  }

  private Fleet fromFiles(java.io.PrintWriter err) {
    ManifestFiles.Read read;
    try {
      read = new ManifestFiles().read(files, namespace == null ? "default" : namespace, namespace);
    } catch (IOException e) {
      throw new Unreadable("--files " + files + ": " + ApiServer.describe(e));
    }
    read.warnings().forEach(w -> err.println("hotpatch-operator forecast: " + w));
    return new Fleet(read.baselines(), read.vms());
  }

  private Fleet fromCluster() {
    ApiServer server = ApiServer.resolve(kubeconfig, context);
    server
        .unreachable(CONNECT_CHECK_TIMEOUT, RunCommand.USER_AGENT)
        .ifPresent(
            line -> {
              throw new Unreadable(line);
            });
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(server.config())
            .withKubernetesSerialization(TolerantReading.serialization())
            .build()) {
      return new Fleet(list(client, PatchBaseline.class), list(client, HotpatchVM.class));
    }
  }

  /** One list call (paged by the client), in the namespace or in all of them. */
  private <T extends HasMetadata> List<T> list(KubernetesClient client, Class<T> type) {
    String what = HasMetadata.getPlural(type) + "." + HasMetadata.getGroup(type);
    try {
      return namespace == null
          ? client.resources(type).inAnyNamespace().list().getItems()
          : client.resources(type).inNamespace(namespace).list().getItems();
    } catch (KubernetesClientException e) {
      String where = namespace == null ? "in all namespaces" : "in namespace " + namespace;
      String why =
          switch (e.getCode()) {
            case 403 -> "forbidden (403): your kubeconfig's user may not list them";
            case 404 -> "not found (404): are the hotpatch-operator CRDs installed?";
            default -> ApiServer.describe(e);
          };
      throw new Unreadable("cannot list " + what + " " + where + ": " + why);
    }
  }

  /** The cluster or the files could not be read: one line, exit code 1. */
  static final class Unreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }
}
