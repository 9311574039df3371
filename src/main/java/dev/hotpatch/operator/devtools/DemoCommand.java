package dev.hotpatch.operator.devtools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hotpatch.operator.cli.ForecastReport;
import dev.hotpatch.operator.cli.RunCommand;
import dev.hotpatch.operator.policy.RebootCalendar;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the operator against a mock Kubernetes API server and the ARM simulator, and shows the fleet
 * settle.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run a self-contained demo: no cluster, no Azure account.")
public final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--json",
      description =
          "Print the final state as one JSON document on standard output instead of tables"
              + " (progress goes to standard error).")
  boolean json;

  @Option(
      names = "--examples",
      paramLabel = "FOLDER",
      description =
          "Apply the manifests (*.yaml) of this folder instead of the examples bundled in the jar"
              + " (the project's examples/).")
  Path examples;

  @Option(
      names = "--timeout",
      defaultValue = "30s",
      description =
          "Give up on orchestration when the fleet has not settled by then. Default:"
              + " ${DEFAULT-VALUE}.")
  String timeout;

  @Option(
      names = "--months",
      defaultValue = "12",
      description =
          "Play the calendar from February up to this month (1: no year; 0: do not wait for the"
              + " fleet to settle either). Default: ${DEFAULT-VALUE}.")
  int months;

  @Option(
      names = "--kube",
      defaultValue = "mock",
      description =
          "The API server: mock (Fabric8's, in process) or real (kube-apiserver and etcd from"
              + " scripts/kube-binaries.sh; kubectl can talk to it). Default: ${DEFAULT-VALUE}.")
  String kube;

  @Option(
      names = "--kubeconfig",
      description =
          "Run on your own cluster (kind, minikube): the demo installs the CRDs and a namespace"
              + " 'fleet', runs the operator in-process against the simulated Azure, and removes"
              + " what it added at the end.")
  Path kubeconfig;

  @Option(
      names = "--context",
      description = "The kubeconfig context of your cluster (default: its current context).")
  String context;

  @Option(
      names = "--serve",
      description =
          "Keep the world running until interrupted (Ctrl-C), a simulated minute each second,"
              + " and print a kubeconfig for kubectl. Needs --kube real.")
  boolean serve;

  @Option(
      names = "--forecast",
      paramLabel = "MONTHS",
      defaultValue = "0",
      description =
          "At the end, print the reboot forecast of the next MONTHS (as `forecast` prints it for"
              + " a cluster), from the demo's simulated date; with --json, under \"forecast\"."
              + " Default: ${DEFAULT-VALUE} (none).")
  int forecast;

  /** The forecast's table, printed after the summary (not with --json). */
  private String forecastTable;

  @Override
  public Integer call() throws Exception {
    if (forecast < 0 || forecast > 60) {
      System.err.println("demo --forecast " + forecast + ": want 1 to 60 months");
      return 2;
    }
    java.util.function.Supplier<? extends Cluster> cluster;
    if (kubeconfig != null || context != null) {
      kube = "yours";
    }
    switch (kube) {
      case "yours" -> cluster = () -> ExternalCluster.connect(kubeconfig, context, Demo.NAMESPACE);
      case "mock" -> cluster = LocalKubernetes::start;
      case "real" -> {
        if (!RealKubernetes.available()) {
          System.err.println(
              "demo --kube real: no kube-apiserver, etcd and kubectl in "
                  + RealKubernetes.binaries()
                  + "; run scripts/kube-binaries.sh first (or kube-api-test downloads them when"
                  + " it can)");
        }
        cluster = RealKubernetes::start;
      }
      default -> {
        System.err.println("demo --kube: want mock or real, not \"" + kube + "\"");
        return 2;
      }
    }
    if (serve && "mock".equals(kube)) {
      System.err.println("demo --serve needs --kube real: kubectl cannot talk to the mock server");
      return 2;
    }
    if (examples != null && !java.nio.file.Files.isDirectory(examples)) {
      System.err.println(
          "demo --examples: no folder "
              + examples.toAbsolutePath()
              + " (leave --examples out to apply the examples bundled in the jar)");
      return 2;
    }
    // With --json, standard output carries the one JSON document and nothing else.
    java.io.PrintStream live = json ? System.err : System.out;
    live.printf("Starting %s, the ARM simulator and the operator...%n", starting());
    live.flush();
    DemoReport report;
    long started = System.nanoTime();
    java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    try (Demo demo = Demo.start(examples, live, !json, cluster)) {
      boolean settled = months == 0 || demo.orchestrate(RunCommand.Durations.parse(timeout));
      if (settled && months > 1) {
        demo.playYear(months);
      }
      report = demo.report(settled, (System.nanoTime() - started) / 1_000_000);
      if (forecast > 0) {
        RebootCalendar.Forecast made = demo.forecast(forecast);
        report = report.withForecast(ForecastReport.json(made));
        forecastTable = ForecastReport.table(made);
      }
      if (serve) {
        printReport(report);
        DemoServing.untilInterrupted(demo, closed);
        return 0;
      }
    } finally {
      closed.countDown();
    }
    printReport(report);
    return report.settled() ? 0 : 1;
  }

  /** What is being started, before the seconds it takes. */
  private String starting() {
    return switch (kube) {
      case "yours" ->
          "the demo on your cluster ("
              + (kubeconfig != null ? "--kubeconfig " + kubeconfig : "the default kubeconfig")
              + (context != null ? ", context " + context : "")
              + ")";
      case "real" -> "kube-apiserver and etcd";
      default -> "the mock Kubernetes API server";
    };
  }

  private void printReport(DemoReport report) throws Exception {
    if (json) {
      System.out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      report.printSummary(System.out);
      if (forecastTable != null) {
        System.out.println();
        System.out.print(forecastTable);
      }
    }
  }
}
