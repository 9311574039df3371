package dev.hotpatch.operator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * `hotpatch-operator run | forecast | help`, and `demo | bench` where the build has them ({@link
 * ExtraCommands}: the development jar does, the production image does not).
 */
@Command(
    name = "hotpatch-operator",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "Keeps Azure Windows Server VMs on Hotpatch.",
    footerHeading = "%n",
    footer = "`hotpatch-operator help COMMAND` or `COMMAND --help` shows a command's options.",
    subcommands = {RunCommand.class, ForecastCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** Commands only the development jar has; the production image answers them with one line. */
  static final List<String> DEVELOPMENT_ONLY = List.of("demo", "bench");

  private static final String COMMON_POOL = "java.util.concurrent.ForkJoinPool.common.parallelism";

  static {
    // On one or two CPUs (a typical operator pod) the common pool has parallelism 1, and
    // CompletableFuture then starts a new thread for every async step: the JDK HTTP client under
    // Fabric8 started about 300 threads a second in the fuzzer. Set before the pool exists.
    if (System.getProperty(COMMON_POOL) == null) {
      System.setProperty(COMMON_POOL, "4");
    }
    // The JDK's HTTP server (the simulator, the health endpoints) writes headers and body apart;
    // with Nagle on, each answer waits out the client's delayed ACK, about 40 ms. It reads this
    // once, when the first server in the JVM starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  @Override
  public void run() {
    commandLine().usage(System.out);
  }

  /**
   * The command line with every subcommand's {@code --version} printing this build's version and
   * commit too (the subcommands' own annotations name no version).
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    List<Object> extra = new ArrayList<>();
    ServiceLoader.load(ExtraCommands.class).forEach(e -> extra.addAll(e.commands()));
    if (extra.isEmpty()) {
      for (String name : DEVELOPMENT_ONLY) {
        cli.addSubcommand(name, new NotInThisBuild(name));
      }
    }
    extra.forEach(cli::addSubcommand);
    versions(cli);
    return cli;
  }

  private static void versions(CommandLine cli) {
    if (cli.getCommandSpec().versionProvider() == null) {
      cli.getCommandSpec().versionProvider(new BuildInfo());
    }
    cli.getSubcommands().values().forEach(Main::versions);
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    // Netty and Vert.x leave non-daemon threads behind; leave explicitly.
    System.exit(code);
  }
}
