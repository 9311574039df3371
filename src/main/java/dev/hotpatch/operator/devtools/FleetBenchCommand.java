package dev.hotpatch.operator.devtools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `bench fleet`: the real operator against a simulated subscription of N VMs. */
@Command(
    name = "fleet",
    mixinStandardHelpOptions = true,
    // One paragraph (picocli wraps it); %% because descriptions are format strings.
    description =
        "Runs the real operator on an API server (Fabric8's mock, or a real one) and the ARM"
            + " simulator, on simulated time, with N VMs: a cold start (onboarding), an hour of"
            + " steady state, a restart, and a transition wave (maxUnavailable 10%%, one nightly"
            + " 4h window). Prints requests, reconciles, writes, heap.")
public final class FleetBenchCommand implements Callable<Integer> {
  @Option(
      names = "--vms",
      defaultValue = "1000",
      description = "VMs in all (default ${DEFAULT-VALUE}).")
  int vms;

  @Option(
      names = "--subscriptions",
      defaultValue = "1",
      description = "Subscriptions the VMs are spread over (default ${DEFAULT-VALUE}).")
  int subscriptions;

  @Option(names = "--no-wave", description = "Skip the transition wave.")
  boolean noWave;

  @Option(
      names = "--kube",
      defaultValue = "mock",
      description =
          "The API server: mock (Fabric8's, in process; slow past a few thousand VMs) or real"
              + " (kube-apiserver and etcd from scripts/kube-binaries.sh). Default: ${DEFAULT-VALUE}.")
  String kube;

  @Option(
      names = "--fleet-source",
      defaultValue = "compute",
      description =
          "Where the operator reads the fleet: compute or resource-graph (rows lag ARM by"
              + " 30 s in the simulator). Default: ${DEFAULT-VALUE}.")
  String fleetSource;

  @Option(names = "--json", description = "Print one JSON document instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!SoftReferencesCleared.here()) {
      // The heap per VM is measured without softly reachable caches: see SoftReferencesCleared.
      return new ProcessBuilder(SoftReferencesCleared.relaunch(args()))
          .inheritIO()
          .start()
          .waitFor();
    }
    FleetBench.Report report =
        new FleetBench(
                new FleetBench.Config(
                    vms,
                    subscriptions,
                    !noWave,
                    "real".equals(kube),
                    dev.hotpatch.operator.azure.FleetSource.parse(fleetSource)),
                System.err::println)
            .run();
    if (json) {
      System.out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      System.out.print(report.table());
    }
    return report.rebootsOutsideWindows() == 0 ? 0 : 1;
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /**
   * The command line this run was given, whole (from {@code bench} on), for the same run in another
   * JVM: taken as given, so an option added later is passed on too.
   */
  java.util.List<String> args() {
    return spec.root().commandLine().getParseResult().originalArgs();
  }
}
