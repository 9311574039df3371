package dev.hotpatch.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `hotpatch-operator run | demo | bench`. */
@Command(
    name = "hotpatch-operator",
    mixinStandardHelpOptions = true,
    version = "hotpatch-operator 0.1.0",
    description = "Keeps Azure Windows Server VMs on Hotpatch.",
    subcommands = {RunCommand.class, DemoCommand.class, BenchCommand.class})
public final class Main implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    int code = new CommandLine(new Main()).execute(args);
    // Netty and Vert.x leave non-daemon threads behind; leave explicitly.
    System.exit(code);
  }
}
