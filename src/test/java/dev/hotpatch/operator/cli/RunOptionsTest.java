package dev.hotpatch.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.operator.azure.AzureTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `help`, `run --help`, and what `run` refuses before it starts: all in process, no cluster. */
class RunOptionsTest {

  private record Ran(int code, String out, String err) {}

  private static Ran execute(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Ran(code, out.toString(), err.toString());
  }

  /**
   * picocli reads descriptions as format strings and, on a stray {@code %}, prints a warning and
   * the raw text in place of the help (it happened to {@code bench fleet --help}).
   */
  @Test
  void everyCommandsHelpRendersWithoutAPicocliWarning() {
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream before = System.err;
    java.util.List<String> names = new java.util.ArrayList<>();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      java.util.Deque<CommandLine> todo =
          new java.util.ArrayDeque<>(java.util.List.of(Main.commandLine()));
      while (!todo.isEmpty()) {
        CommandLine c = todo.pop();
        names.add(c.getCommandSpec().qualifiedName());
        assertThat(c.getUsageMessage()).as(c.getCommandSpec().qualifiedName()).isNotBlank();
        todo.addAll(c.getSubcommands().values());
      }
    } finally {
      System.setErr(before);
    }
    assertThat(names).contains("hotpatch-operator run", "hotpatch-operator bench fleet");
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
        .as("picocli's warnings while rendering %s", names)
        .doesNotContain("picocli WARN");
  }

  @Test
  void helpIsACommandAndListsTheCommands() {
    Ran help = execute("help");
    assertThat(help.code()).as(help.err()).isZero();
    assertThat(help.out()).contains("run").contains("demo").contains("bench").contains("help");
  }

  @Test
  void helpRunAndRunHelpShowEachOptionsDefaultAndEnvironmentVariable() {
    for (String[] args : new String[][] {{"help", "run"}, {"run", "--help"}}) {
      Ran ran = execute(args);
      assertThat(ran.code()).as("%s: %s", String.join(" ", args), ran.err()).isZero();
      // As one line: picocli wraps descriptions at 80 columns.
      assertThat(ran.out().replaceAll("\\s+", " "))
          .as(String.join(" ", args))
          .contains("--resync-interval")
          .contains("Default: 10m (env RESYNC_INTERVAL)")
          .contains("Default: 2m (env FLEET_REFRESH_INTERVAL)")
          .contains("Default: compute (env FLEET_SOURCE)")
          .contains("Default: 15s (env OPERATION_POLL_INTERVAL)")
          .contains("Default: 8080 (env HTTP_PORT)")
          .contains("--liveness-stuck-after")
          .contains("Default: 10m (env LIVENESS_STUCK_AFTER)")
          .contains("Default: info (env LOG_LEVEL)")
          .contains("Default: AzureCloud (env AZURE_CLOUD)")
          .contains("WATCH_NAMESPACES")
          .contains("LEADER_ELECTION_ENABLED")
          .contains("POD_NAMESPACE")
          .contains("LOG_FORMAT")
          .contains("ARM_ENDPOINT")
          .contains("--insecure-plain-http-arm")
          .contains("INSECURE_PLAIN_HTTP_ARM")
          .contains("--kubeconfig")
          .doesNotContain("${");
    }
  }

  private static RunCommand run(String... args) {
    RunCommand command = new RunCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void aPlainHttpArmEndpointNeedsTheFlagThatSaysSo() {
    assertThatThrownBy(() -> run("--arm-endpoint", "http://127.0.0.1:9000").validate())
        .isInstanceOf(RunCommand.Refused.class)
        .hasMessageContaining("--arm-endpoint http://127.0.0.1:9000")
        .hasMessageContaining("plain HTTP without authentication")
        .hasMessageContaining("--insecure-plain-http-arm")
        .hasMessageContaining("INSECURE_PLAIN_HTTP_ARM=true");

    AzureTarget target =
        run("--arm-endpoint", "http://127.0.0.1:9000", "--insecure-plain-http-arm")
            .azureTarget(false);
    assertThat(target.anonymous()).isTrue();
    assertThat(target.resourceManagerEndpoint()).isEqualTo("http://127.0.0.1:9000");
  }

  @Test
  void anHttpsArmEndpointIsRefusedAsItWouldGetNoCredentialsEither() {
    for (String[] args :
        new String[][] {
          {"--arm-endpoint", "https://management.example.com/"},
          {"--arm-endpoint", "https://management.example.com/", "--insecure-plain-http-arm"},
          {"--arm-endpoint", "management.example.com", "--insecure-plain-http-arm"}
        }) {
      assertThatThrownBy(() -> run(args).validate())
          .as(String.join(" ", args))
          .isInstanceOf(RunCommand.Refused.class)
          .hasMessageContaining("want http://HOST:PORT/")
          .hasMessageContaining("--azure-cloud");
    }
  }

  @Test
  void withoutAnArmEndpointAzureIsTheAuthenticatedCloud() {
    AzureTarget target = run().azureTarget(false);
    assertThat(target.anonymous()).isFalse();
    assertThat(target.resourceManagerEndpoint()).isEqualTo("https://management.azure.com/");
    // The flag alone changes nothing.
    assertThat(run("--insecure-plain-http-arm").azureTarget(false).anonymous()).isFalse();
    assertThatThrownBy(() -> run("--azure-cloud", "Mars").validate())
        .isInstanceOf(RunCommand.Refused.class)
        .hasMessageContaining("--azure-cloud Mars");
  }

  @Test
  void aBadDurationIsOneLineNamingTheOption() {
    assertThatThrownBy(() -> run("--resync-interval", "10 minutes").validate())
        .isInstanceOf(RunCommand.Refused.class)
        .hasMessageStartingWith("--resync-interval: invalid duration \"10 minutes\"");
    assertThatThrownBy(() -> run("--liveness-stuck-after", "600").validate())
        .isInstanceOf(RunCommand.Refused.class)
        .hasMessageStartingWith("--liveness-stuck-after: invalid duration \"600\"");
  }

  @Test
  void theFleetSourceIsComputeOrResourceGraph() {
    run("--fleet-source", "resource-graph").validate();
    run("--fleet-source", "compute").validate();
    assertThatThrownBy(() -> run("--fleet-source", "graph").validate())
        .isInstanceOf(RunCommand.Refused.class)
        .hasMessage("--fleet-source: fleet source 'graph': expected compute or resource-graph");
  }
}
