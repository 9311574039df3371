package dev.hotpatch.operator.devtools;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * What the demo ends with; `demo --json` prints it as is.
 *
 * @param forecast with {@code --forecast N}: the reboot calendar of the next N months from the
 *     demo's end (as `forecast --json` prints it); else null
 */
public record DemoReport(
    boolean settled,
    long elapsedMillis,
    List<VmLine> vms,
    List<Month> months,
    long reboots,
    long installs,
    Map<String, Long> armRequests,
    long armRequestTotal,
    dev.hotpatch.operator.cli.ForecastReport.Json forecast) {

  /** The same report with the forecast made at its end. */
  DemoReport withForecast(dev.hotpatch.operator.cli.ForecastReport.Json made) {
    return new DemoReport(
        settled, elapsedMillis, vms, months, reboots, installs, armRequests, armRequestTotal, made);
  }

  /**
   * A reboot from the simulator's ledger, and whether it fell inside one of the VM's maintenance
   * windows.
   */
  public record Reboot(String time, String kb, boolean insideWindow) {}

  /** The VM's status moved onto this baseline at this (simulated) time. */
  public record Transition(String baseline, String at) {}

  /**
   * One month of the calendar: what was committed to each PatchBaseline on the day after Patch
   * Tuesday, and the VMs that did not move onto a new baseline that month, with why.
   */
  public record Month(String month, String committedOn, List<Commit> commits, List<Skip> skipped) {}

  /**
   * What a PatchBaseline was set to.
   *
   * @param change "planned baseline" or "unplanned baseline" (a reboot for each VM), "hotpatch" (no
   *     reboot), or "nothing new"
   * @param kb the new baseline's or hotpatch's KB (with "nothing new": the baseline it stays on)
   * @param baselineKb for a hotpatch, the baseline it applies on; else null
   * @param moved for a new baseline, the VMs that moved onto it and when
   */
  public record Commit(
      String patchBaseline,
      String os,
      String change,
      String kb,
      String build,
      String baselineKb,
      List<Moved> moved) {
    boolean newBaseline() {
      return change.endsWith("baseline");
    }
  }

  /** A VM's status reached the new baseline at this (simulated) time. */
  public record Moved(String vm, String at) {}

  /** A VM that did not move onto this month's new baseline {@code kb}, and why. */
  public record Skip(String vm, String kb, String reason) {}

  /**
   * One VM at the end.
   *
   * @param nextReboot status.nextReboot: when the operator will reboot it next (RFC 3339), or null
   *     when none is due
   * @param nextRebootReason status.nextRebootReason: what that reboot is for, or why none is due
   */
  public record VmLine(
      String name,
      String phase,
      String osBuild,
      String baseline,
      boolean orchestrated,
      boolean eligible,
      boolean ready,
      List<Reboot> reboots,
      List<Transition> transitions,
      String reason,
      String nextReboot,
      String nextRebootReason) {}

  void printSummary(PrintStream out) {
    out.println();
    out.printf("%s after %.1f s%n", settled ? "Done" : "NOT settled", elapsedMillis / 1000.0);
    long orchestrated = vms.stream().filter(VmLine::orchestrated).count();
    long ready = vms.stream().filter(VmLine::ready).count();
    out.printf("%d VMs: %d Azure-orchestrated, %d Ready%n", vms.size(), orchestrated, ready);
    out.printf("%-10s %-12s %-11s %s%n", "VM", "TRANSITIONS", "REBOOTS", "REBOOTS INSIDE A WINDOW");
    for (VmLine v : vms) {
      long inside = v.reboots().stream().filter(Reboot::insideWindow).count();
      out.printf(
          "%-10s %-12d %-11d %d%n", v.name(), v.transitions().size(), v.reboots().size(), inside);
    }
    for (VmLine v : vms) {
      if (!v.ready()) {
        out.printf("  %-10s %s%n", v.name(), v.reason());
      }
    }
    out.printf(
        "Reboots: %d, installPatches calls: %d, ARM requests: %d%n",
        reboots, installs, armRequestTotal);
    armRequests.forEach((kind, n) -> out.printf("  %-28s %d%n", kind, n));
  }
}
