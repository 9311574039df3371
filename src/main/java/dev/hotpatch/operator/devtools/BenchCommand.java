package dev.hotpatch.operator.devtools;

import dev.hotpatch.operator.safety.SafetyCommand;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

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

  /**
   * {@code bench} with its subcommands, {@code bench safety}'s help showing each option's default
   * (its descriptions, next to the fuzzer in safety/, do not name them).
   */
  static CommandLine commandLine() {
    CommandLine bench = new CommandLine(new BenchCommand());
    showDefaults(bench.getSubcommands().get("safety").getCommandSpec());
    return bench;
  }

  /**
   * Appends "Default: VALUE." to the description of each option of {@code spec} that has a default
   * and does not mention one. The option is rebuilt from itself, bound to the same field, so it
   * parses as before.
   */
  static void showDefaults(CommandSpec spec) {
    for (OptionSpec option : List.copyOf(spec.options())) {
      String[] description = option.description();
      boolean mentioned =
          Arrays.stream(description)
              .anyMatch(
                  line ->
                      line.contains("${DEFAULT-VALUE}")
                          || line.toLowerCase(Locale.ROOT).contains("default"));
      if (option.usageHelp()
          || option.versionHelp()
          || option.defaultValue() == null
          || option.defaultValue().isEmpty()
          || mentioned) {
        continue;
      }
      String[] shown =
          description.length == 0
              ? new String[] {""}
              : Arrays.copyOf(description, description.length);
      shown[shown.length - 1] = (shown[shown.length - 1] + " Default: ${DEFAULT-VALUE}.").strip();
      spec.remove(option);
      spec.addOption(option.toBuilder().description(shown).build());
    }
  }
}
