package dev.hotpatch.operator.devtools;

import dev.hotpatch.operator.safety.SafetyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `hotpatch-operator bench ...`: measurements of the operator in a simulated world. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks in a simulated world.",
    subcommands = {SafetyCommand.class, FleetBenchCommand.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
