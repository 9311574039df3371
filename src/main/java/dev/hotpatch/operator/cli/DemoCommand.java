package dev.hotpatch.operator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
      description = "Print the final state as one JSON document instead of tables.")
  boolean json;

  @Option(
      names = "--examples",
      defaultValue = "examples",
      description = "Folder of manifests to apply.")
  Path examples;

  @Option(
      names = "--timeout",
      defaultValue = "30s",
      description = "Give up on orchestration when the fleet has not settled by then.")
  String timeout;

  @Option(
      names = "--months",
      defaultValue = "12",
      description = "Play the calendar from February up to this month (1: no year).")
  int months;

  @Override
  public Integer call() throws Exception {
    DemoReport report;
    long started = System.nanoTime();
    try (Demo demo = Demo.start(examples, json ? null : System.out)) {
      boolean settled = demo.orchestrate(RunCommand.Durations.parse(timeout));
      if (settled) {
        demo.playYear(months);
      }
      report = demo.report(settled, (System.nanoTime() - started) / 1_000_000);
    }
    if (json) {
      System.out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      report.printSummary(System.out);
    }
    return report.settled() ? 0 : 1;
  }
}
