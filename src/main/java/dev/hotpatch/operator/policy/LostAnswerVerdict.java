package dev.hotpatch.operator.policy;

import java.time.Instant;

/**
 * What became of a call whose answer the operator never saw (a 5xx, a timeout, a reset, a crash
 * between writing the intent and recording the handle, or a 409 refusal), judged only on what Azure
 * shows of the VM, never by comparing Azure's clock with ours. A call is never made again blindly:
 * "not started" needs evidence.
 */
public enum LostAnswerVerdict {
  /** A GET proved the VM gone: nothing runs on it any more. */
  VM_GONE,
  /** Azure shows an installation started since the intent, still running: follow it. */
  RUNNING,
  /** Azure shows an installation started since the intent, or the target reached: it ended. */
  ENDED,
  /** Nothing shows yet, and something may still show: keep the slot and look again. */
  UNKNOWN_YET,
  /** Evidence that nothing of ours runs: the call may be planned again, through the gate. */
  NOT_STARTED;

  /**
   * What Azure shows of the VM, read after the lost answer.
   *
   * @param vmExists false when a GET answered 404
   * @param agentReports the VM agent reports a build and a patch status (not for minutes after a
   *     reboot)
   * @param installationActivityId the last installation Azure shows on the VM
   * @param installing that installation is InProgress
   * @param priorActivityId the last installation before the call (recorded with the intent)
   * @param refusedBusy Azure answered 409: ours did not start, another operation ran
   * @param reachedTarget the VM's build is at or past the target (transitions only)
   * @param evidenceDeadline when any operation the call started would have ended and shown
   */
  public record Facts(
      boolean vmExists,
      boolean agentReports,
      String installationActivityId,
      boolean installing,
      String priorActivityId,
      boolean refusedBusy,
      boolean reachedTarget,
      Instant now,
      Instant evidenceDeadline) {}

  public static LostAnswerVerdict judge(Facts f) {
    if (!f.vmExists()) {
      return VM_GONE;
    }
    if (f.refusedBusy()) {
      // Ours never started; the slot is held while the other operation runs.
      return f.installing() || !f.agentReports() ? UNKNOWN_YET : NOT_STARTED;
    }
    boolean newActivity =
        f.installationActivityId() != null
            && !f.installationActivityId().equals(f.priorActivityId());
    if (newActivity && f.installing()) {
      return RUNNING;
    }
    if (newActivity || f.reachedTarget()) {
      return ENDED;
    }
    if (!f.agentReports() || f.now().isBefore(f.evidenceDeadline())) {
      return UNKNOWN_YET;
    }
    return NOT_STARTED;
  }
}
