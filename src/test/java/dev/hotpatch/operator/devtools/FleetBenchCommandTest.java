package dev.hotpatch.operator.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.cli.Main;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `bench fleet` measures the operator's heap with soft references cleared, which takes a JVM
 * option; without it the command runs itself again in a JVM that has it, with the same options.
 */
class FleetBenchCommandTest {
  private static FleetBenchCommand parsed(List<String> args) {
    CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
    while (parsed.hasSubcommand()) {
      parsed = parsed.subcommand();
    }
    return (FleetBenchCommand) parsed.commandSpec().userObject();
  }

  @Test
  void theRelaunchRunsTheSameBenchWithSoftReferencesCleared() {
    FleetBenchCommand first =
        parsed(
            List.of(
                "bench",
                "fleet",
                "--vms",
                "300",
                "--subscriptions",
                "2",
                "--no-wave",
                "--kube",
                "real",
                "--fleet-source",
                "resource-graph",
                "--json"));

    List<String> command = SoftReferencesCleared.relaunch(first.args());

    assertThat(command).contains(SoftReferencesCleared.OPTION, "-cp", Main.class.getName());
    List<String> args = command.subList(command.indexOf(Main.class.getName()) + 1, command.size());
    FleetBenchCommand again = parsed(args);
    assertThat(again.vms).isEqualTo(300);
    assertThat(again.subscriptions).isEqualTo(2);
    assertThat(again.noWave).isTrue();
    assertThat(again.kube).isEqualTo("real");
    assertThat(again.fleetSource).isEqualTo("resource-graph");
    assertThat(again.json).isTrue();
  }

  @Test
  void theDefaultsSurviveTheRelaunch() {
    FleetBenchCommand again = parsed(parsed(List.of("bench", "fleet")).args());
    assertThat(again.vms).isEqualTo(1000);
    assertThat(again.noWave).isFalse();
    assertThat(again.kube).isEqualTo("mock");
    assertThat(again.fleetSource).isEqualTo("compute");
    assertThat(again.json).isFalse();
  }
}
