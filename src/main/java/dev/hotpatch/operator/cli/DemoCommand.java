package dev.hotpatch.operator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the operator against a mock Kubernetes API server and the ARM simulator, and shows the fleet settle. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run a self-contained demo: no cluster, no Azure account.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print the final state as one JSON document instead of tables.")
  boolean json;

  @Option(names = "--examples", defaultValue = "examples", description = "Folder of manifests to apply.")
  Path examples;

  @Option(names = "--timeout", defaultValue = "50s", description = "Give up when the fleet has not settled by then.")
  String timeout;

  @Override
  public Integer call() throws Exception {
    DemoReport report;
    try (Demo demo = Demo.start(examples, json ? null : System.out)) {
      report = demo.runUntilSettled(RunCommand.Durations.parse(timeout));
    }
    if (json) {
      System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      report.printSummary(System.out);
    }
    return report.settled() ? 0 : 1;
  }

  static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}
