package dev.hotpatch.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.operator.azure.AzureTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

  /**
   * Every option and parameter of every command (the whole tree: bench's, secrets' and the other
   * subcommands too) whose default is not empty says it in its help ("Default: VALUE"), and names
   * the environment variable its default reads ({@code ${env:NAME...}}). A flag that is off unless
   * given needs no "Default: false".
   */
  @Test
  void everyOptionWithADefaultShowsItAndItsEnvironmentVariableInItsHelp() {
    List<String> missing = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    Deque<CommandLine> todo = new ArrayDeque<>(List.of(Main.commandLine()));
    while (!todo.isEmpty()) {
      CommandLine c = todo.pop();
      todo.addAll(c.getSubcommands().values());
      CommandSpec spec = c.getCommandSpec();
      CommandLine.Help help =
          new CommandLine.Help(
              spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
      List<ArgSpec> args = new ArrayList<>(spec.options());
      args.addAll(spec.positionalParameters());
      for (ArgSpec arg : args) {
        if (arg instanceof OptionSpec o && (o.usageHelp() || o.versionHelp())) {
          continue;
        }
        CommandLine.Help.Layout layout = help.createDefaultLayout();
        if (arg instanceof OptionSpec o) {
          layout.addOption(o, help.createDefaultParamLabelRenderer());
        } else {
          layout.addPositionalParameter(
              (PositionalParamSpec) arg, help.createDefaultParamLabelRenderer());
        }
        String shown = layout.toString().replaceAll("\\s+", " ");
        String name = spec.qualifiedName() + " " + label(arg);
        checked.add(name);
        String value = arg.defaultValueString(true);
        boolean offFlag =
            arg.isOption() && arg.arity().max() == 0 && (value == null || value.equals("false"));
        boolean none =
            value == null
                || value.isBlank()
                || value.equals("null")
                || value.equals("[]")
                || value.equals("{}");
        if (!none
            && !offFlag
            && !Pattern.compile("(?i)\\bdefault:? " + Pattern.quote(value) + "\\b")
                .matcher(shown)
                .find()) {
          missing.add(name + " (default " + value + "):" + shown);
        }
        Matcher env = ENV.matcher(rawDefault(arg));
        while (env.find()) {
          if (!shown.contains(env.group(1))) {
            missing.add(name + " (reads env " + env.group(1) + "):" + shown);
          }
        }
      }
    }
    assertThat(checked)
        .contains(
            "hotpatch-operator run --resync-interval",
            "hotpatch-operator demo --timeout",
            "hotpatch-operator bench safety --schedules");
    assertThat(missing).as("help lines without their default or environment variable").isEmpty();
  }

  /** bench safety's options set its fields and their help shows their defaults. */
  @Test
  void benchSafetysOptionsStillSetItsFieldsAndShowTheirDefaults() throws Exception {
    CommandLine cli = Main.commandLine();
    cli.parseArgs("bench", "safety", "--schedules", "7", "--seed", "9", "--from", "10");
    CommandLine safety = cli.getSubcommands().get("bench").getSubcommands().get("safety");
    Object command = safety.getCommand();
    assertThat(field(command, "schedules")).isEqualTo(7);
    assertThat(field(command, "seed")).isEqualTo(9L);
    assertThat(field(command, "from")).isEqualTo(10);
    assertThat(field(command, "shrink")).isEqualTo(1);
    assertThat(execute("bench", "safety", "--help").out().replaceAll("\\s+", " "))
        .contains("How many schedules. Default: 100.")
        .contains("Seed of the first schedule. Default: 1.")
        .contains("Shrink and print this many failing schedules. Default: 1.");
  }

  private static Object field(Object command, String name) throws ReflectiveOperationException {
    Field f = command.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(command);
  }

  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)");

  private static String label(ArgSpec arg) {
    return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
  }

  /** The default as the annotation writes it, before picocli resolves ${env:...}. */
  private static String rawDefault(ArgSpec arg) {
    if (arg.userObject() instanceof Field f) {
      Option option = f.getAnnotation(Option.class);
      if (option != null) {
        return option.defaultValue();
      }
      Parameters parameters = f.getAnnotation(Parameters.class);
      if (parameters != null) {
        return parameters.defaultValue();
      }
    }
    return arg.defaultValue() == null ? "" : arg.defaultValue();
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
