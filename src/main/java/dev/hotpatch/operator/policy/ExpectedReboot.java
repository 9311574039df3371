package dev.hotpatch.operator.policy;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One reboot the calendar expects for a VM: the baseline transition it comes with, and when it
 * starts (the VM reboots during it).
 *
 * @param cause what the transition is for
 * @param onto the baseline it moves onto: the declared KB, or "2027-01 planned baseline"
 * @param released planned baselines: the release day; else null
 * @param committed planned baselines: when the PatchBaseline is assumed to be moved onto it; else
 *     null
 * @param at when the transition starts
 * @param window the maintenance window it starts in; null for a transition already running outside
 *     one
 * @param windowLabel the window's local start, e.g. "Sat 22:00 Europe/Berlin"; "" without window
 * @param slot its place among the window's slots (1-based); 0 for a transition already running
 * @param slotsInWindow how many transitions the window takes (rows x maxUnavailable)
 * @param why the line a person reads
 */
public record ExpectedReboot(
    Cause cause,
    String onto,
    LocalDate released,
    Instant committed,
    Instant at,
    Interval window,
    String windowLabel,
    int slot,
    int slotsInWindow,
    String why) {

  public enum Cause {
    /** A baseline transition runs on the VM now. */
    IN_FLIGHT,
    /** The VM is behind its declared baseline now. */
    BEHIND_BASELINE,
    /** A planned baseline released in the months ahead. */
    PLANNED_BASELINE
  }
}
