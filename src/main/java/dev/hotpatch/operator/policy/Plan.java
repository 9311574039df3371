package dev.hotpatch.operator.policy;

import java.util.List;

/**
 * What a HotpatchVM reconcile does next. kbs: the baseline KB for TRANSITION, the missing hotpatch
 * KBs (oldest first) for INSTALL_HOTPATCHES, else empty. installedHotpatches: approved hotpatches
 * the OS build shows as installed. gate: set for TRANSITION and WAIT_FOR_GATE.
 */
public record Plan(
    Kind kind,
    List<String> kbs,
    List<String> installedHotpatches,
    GateDecision gate,
    String message) {
  public enum Kind {
    /** An Azure operation is in flight: follow it, start nothing. */
    FOLLOW_PENDING,
    /** No OS build reported (e.g. VM deallocated): observe again, act on nothing. */
    OS_BUILD_UNKNOWN,
    /** The VM runs another OS than the baseline's: no patch can fix that. */
    WRONG_OS,
    /** Behind the baseline and the gate is open: install the baseline, reboot allowed. */
    TRANSITION,
    /** Behind the baseline, gate shut: no hotpatches either (they need the latest baseline). */
    WAIT_FOR_GATE,
    /** On the baseline with approved hotpatches missing: install them, rebootSetting Never. */
    INSTALL_HOTPATCHES,
    CONVERGED,
    /** Newer than anything approved: report, never downgrade. */
    AHEAD_OF_BASELINE
  }

  public Plan {
    kbs = List.copyOf(kbs);
    installedHotpatches = List.copyOf(installedHotpatches);
  }
}
