package dev.hotpatch.operator.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** What the demo ends with; `demo --json` prints it as is. */
public record DemoReport(boolean settled, long elapsedMillis, List<VmLine> vms, Map<String, Long> armRequests, long armRequestTotal) {

  public record VmLine(
      String name, String phase, String osBuild, boolean orchestrated, boolean eligible, boolean ready, int reboots, String reason) {}

  void printSummary(PrintStream out) {
    out.println();
    out.printf("%s after %.1f s%n", settled ? "Settled" : "NOT settled", elapsedMillis / 1000.0);
    long orchestrated = vms.stream().filter(VmLine::orchestrated).count();
    long ready = vms.stream().filter(VmLine::ready).count();
    out.printf("%d VMs: %d Azure-orchestrated, %d Ready%n", vms.size(), orchestrated, ready);
    for (VmLine v : vms) {
      if (!v.ready()) {
        out.printf("  %-10s %s%n", v.name(), v.reason());
      }
    }
    out.printf("ARM requests: %d%n", armRequestTotal);
    armRequests.forEach((kind, n) -> out.printf("  %-28s %d%n", kind, n));
  }
}
