package dev.hotpatch.operator.devtools;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM option under which every full GC clears all soft references. The heap figure of {@code
 * bench fleet} is the heap the operator cannot do without: softly reachable caches (char buffers
 * such as Jackson's per-thread ones, 1.76 MB at 1,000 VMs) are given back before any
 * OutOfMemoryError, yet a plain {@code System.gc()} keeps them, and at 100 VMs they made about 22
 * of the 27 KiB a VM seemed to cost. The option cannot be set in a running JVM, so the bench
 * relaunches itself with it.
 */
final class SoftReferencesCleared {
  static final String OPTION = "-XX:SoftRefLRUPolicyMSPerMB=0";

  private SoftReferencesCleared() {}

  /** Whether this JVM runs with the option. */
  static boolean here() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().contains(OPTION);
  }

  /**
   * This JVM's command again (its options, class path and main class), with the option added, for
   * {@code args}.
   */
  static List<String> relaunch(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add(OPTION);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(dev.hotpatch.operator.cli.Main.class.getName());
    command.addAll(args);
    return command;
  }
}
