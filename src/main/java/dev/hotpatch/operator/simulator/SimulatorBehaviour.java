package dev.hotpatch.operator.simulator;

import java.time.Duration;

/**
 * How honest the simulator is: every way real Azure makes life hard, each switchable. {@link
 * #friendly()} is the simulator's original behaviour (no lag, no skew, no surprises); {@link
 * #azureLike()} is what Azure does. Randomness comes from one {@link java.util.Random} seeded with
 * {@link #seed}, so a run repeats exactly when its requests come in the same order.
 *
 * @param seed seed of the one java.util.Random every random choice draws from (reproducible runs)
 * @param instanceViewLag how long after a change (an operation's end, a reboot) patchStatus, osName
 *     and osVersion in instance views and lists still show the old values
 * @param clockSkew added to every timestamp Azure reports (operation startTime/endTime, summaries'
 *     startTime/lastModifiedTime, startDateTime, timeCreated, status times); negative allowed.
 *     History and ledger keep true time
 * @param lostAnswerProbability chance that a request which starts an operation (installPatches,
 *     restart, assessPatches, PATCH, PUT, DELETE) has its answer lost: the operation runs, the
 *     client sees a 500, a 504 or a reset connection
 * @param conflictWhileBusy installPatches, assessPatches, restart and PATCH answer 409
 *     OperationNotAllowed while any operation (install, assess, restart, update, create, delete)
 *     runs on the VM; when false only installs and restarts block each other (the old behaviour)
 * @param agentNotReadyAfterReboot after a reboot (or a creation) the VM agent reports Not Ready for
 *     this long: no osName, osVersion or patchStatus
 * @param staleResultProbability chance that an operation's Location (monitor) URL still answers 202
 *     for its first staleResultPolls polls after the operation succeeded
 * @param staleResultPolls how many result polls a stale operation answers 202 after its success
 * @param transientErrorProbability chance that an operation poll or a VM list answers a transient
 *     500, 502 or 503 (with Retry-After)
 * @param validateMaximumDuration installPatches' maximumDuration must be a whole ISO 8601 duration
 *     within [maximumDurationMin, maximumDurationMax], else 400 InvalidParameter with target
 *     maximumDuration
 * @param maximumDurationMin smallest maximumDuration accepted (when validated)
 * @param maximumDurationMax largest maximumDuration accepted (when validated)
 * @param longOperationUrls operation URLs carry Azure's signed p, t, c, s and h query parameters
 *     (about 3,300 characters) instead of short ones
 * @param platformPatching Azure's automatic guest patching on AutomaticByPlatform VMs: released
 *     hotpatches of the VM's baseline take effect at once, a newer baseline stays pending a reboot
 *     (unless the VM's rebootSetting allows the platform to reboot)
 * @param platformPatchLocalHour local hour (0-23, in the VM region's time zone) at which the
 *     platform patches once a day
 * @param platformPatchInterval when not null, the platform patches at this interval (from the
 *     simulator's start) instead of daily at platformPatchLocalHour
 * @param platformRebootsPerVmPerDay rate of reboots of Azure's own (host maintenance, a person in
 *     the guest) per running VM per day; each completes a pending baseline
 */
public record SimulatorBehaviour(
    long seed,
    Duration instanceViewLag,
    Duration clockSkew,
    double lostAnswerProbability,
    boolean conflictWhileBusy,
    Duration agentNotReadyAfterReboot,
    double staleResultProbability,
    int staleResultPolls,
    double transientErrorProbability,
    boolean validateMaximumDuration,
    Duration maximumDurationMin,
    Duration maximumDurationMax,
    boolean longOperationUrls,
    boolean platformPatching,
    int platformPatchLocalHour,
    Duration platformPatchInterval,
    double platformRebootsPerVmPerDay) {

  /** Today's behaviour of the simulator, exactly: nothing lags, skews, gets lost or conflicts. */
  public static SimulatorBehaviour friendly() {
    return new SimulatorBehaviour(
        0,
        Duration.ZERO,
        Duration.ZERO,
        0,
        false,
        Duration.ZERO,
        0,
        0,
        0,
        false,
        Duration.ofMinutes(30),
        Duration.ofHours(4),
        false,
        false,
        3,
        null,
        0);
  }

  /**
   * Realistic defaults: instance views lag 3 min, Azure's clock is 2 min ahead, any running
   * operation blocks others with 409, the agent is Not Ready for 5 min after a reboot, a quarter of
   * result URLs answer 202 once more after success, 2% of polls and lists fail transiently,
   * maximumDuration is validated, operation URLs are long and signed, and the platform patches
   * AutomaticByPlatform VMs daily at 03:00 local time. No answers are lost and no VM reboots on its
   * own unless asked (the fuzzer sets {@link #lostAnswerProbability} and {@link
   * #platformRebootsPerVmPerDay}).
   */
  public static SimulatorBehaviour azureLike() {
    return new SimulatorBehaviour(
        1,
        Duration.ofMinutes(3),
        Duration.ofMinutes(2),
        0,
        true,
        Duration.ofMinutes(5),
        0.25,
        1,
        0.02,
        true,
        Duration.ofMinutes(30),
        Duration.ofHours(4),
        true,
        true,
        3,
        null,
        0);
  }

  public SimulatorBehaviour withSeed(long value) {
    return new SimulatorBehaviour(
        value,
        instanceViewLag,
        clockSkew,
        lostAnswerProbability,
        conflictWhileBusy,
        agentNotReadyAfterReboot,
        staleResultProbability,
        staleResultPolls,
        transientErrorProbability,
        validateMaximumDuration,
        maximumDurationMin,
        maximumDurationMax,
        longOperationUrls,
        platformPatching,
        platformPatchLocalHour,
        platformPatchInterval,
        platformRebootsPerVmPerDay);
  }

  public SimulatorBehaviour withInstanceViewLag(Duration value) {
    return new SimulatorBehaviour(
        seed,
        value,
        clockSkew,
        lostAnswerProbability,
        conflictWhileBusy,
        agentNotReadyAfterReboot,
        staleResultProbability,
        staleResultPolls,
        transientErrorProbability,
        validateMaximumDuration,
        maximumDurationMin,
        maximumDurationMax,
        longOperationUrls,
        platformPatching,
        platformPatchLocalHour,
        platformPatchInterval,
        platformRebootsPerVmPerDay);
  }

  public SimulatorBehaviour withClockSkew(Duration value) {
    return new SimulatorBehaviour(
        seed,
        instanceViewLag,
        value,
        lostAnswerProbability,
        conflictWhileBusy,
        agentNotReadyAfterReboot,
        staleResultProbability,
        staleResultPolls,
        transientErrorProbability,
        validateMaximumDuration,
        maximumDurationMin,
        maximumDurationMax,
        longOperationUrls,
        platformPatching,
        platformPatchLocalHour,
        platformPatchInterval,
        platformRebootsPerVmPerDay);
  }

  public SimulatorBehaviour withLostAnswerProbability(double value) {
    return new SimulatorBehaviour(
        seed,
        instanceViewLag,
        clockSkew,
        value,
        conflictWhileBusy,
        agentNotReadyAfterReboot,
        staleResultProbability,
        staleResultPolls,
        transientErrorProbability,
        validateMaximumDuration,
        maximumDurationMin,
        maximumDurationMax,
        longOperationUrls,
        platformPatching,
        platformPatchLocalHour,
        platformPatchInterval,
        platformRebootsPerVmPerDay);
  }

  public SimulatorBehaviour withConflictWhileBusy(boolean value) {
    return new SimulatorBehaviour(
        seed,
        instanceViewLag,
        clockSkew,
        lostAnswerProbability,
        value,
        agentNotReadyAfterReboot,
        staleResultProbability,
        staleResultPolls,
        transientErrorProbability,
        validateMaximumDuration,
        maximumDurationMin,
        maximumDurationMax,
        longOperationUrls,
        platformPatching,
        platformPatchLocalHour,
        platformPatchInterval,
        platformRebootsPerVmPerDay);
  }

  public SimulatorBehaviour withAgentNotReadyAfterReboot(Duration value) {
    return new SimulatorBehaviour(
        seed,
        instanceViewLag,
        clockSkew,
        lostAnswerProbability,
        conflictWhileBusy,
        value,
        staleResultProbability,
        staleResultPolls,
        transientErrorProbability,
        validateMaximumDuration,
        maximumDurationMin,
        maximumDurationMax,
        longOperationUrls,
        platformPatching,
        platformPatchLocalHour,
        platformPatchInterval,
        platformRebootsPerVmPerDay);
  }

  public SimulatorBehaviour withStaleResultProbability(double value) {
    return new SimulatorBehaviour(
        seed,
        instanceViewLag,
        clockSkew,
        lostAnswerProbability,
        conflictWhileBusy,
        agentNotReadyAfterReboot,
        value,
        staleResultPolls,
        transientErrorProbability,
        validateMaximumDuration,
        maximumDurationMin,
        maximumDurationMax,
        longOperationUrls,
        platformPatching,
        platformPatchLocalHour,
        platformPatchInterval,
        platformRebootsPerVmPerDay);
  }

  public SimulatorBehaviour withStaleResultPolls(int value) {
    return new SimulatorBehaviour(
        seed,
        instanceViewLag,
        clockSkew,
        lostAnswerProbability,
        conflictWhileBusy,
        agentNotReadyAfterReboot,
        staleResultProbability,
        value,
        transientErrorProbability,
        validateMaximumDuration,
        maximumDurationMin,
        maximumDurationMax,
        longOperationUrls,
        platformPatching,
        platformPatchLocalHour,
        platformPatchInterval,
        platformRebootsPerVmPerDay);
  }

  public SimulatorBehaviour withTransientErrorProbability(double value) {
    return new SimulatorBehaviour(
        seed,
        instanceViewLag,
        clockSkew,
        lostAnswerProbability,
        conflictWhileBusy,
        agentNotReadyAfterReboot,
        staleResultProbability,
        staleResultPolls,
        value,
        validateMaximumDuration,
        maximumDurationMin,
        maximumDurationMax,
        longOperationUrls,
        platformPatching,
        platformPatchLocalHour,
        platformPatchInterval,
        platformRebootsPerVmPerDay);
  }

  public SimulatorBehaviour withValidateMaximumDuration(boolean value) {
    return new SimulatorBehaviour(
        seed,
        instanceViewLag,
        clockSkew,
        lostAnswerProbability,
        conflictWhileBusy,
        agentNotReadyAfterReboot,
        staleResultProbability,
        staleResultPolls,
        transientErrorProbability,
        value,
        maximumDurationMin,
        maximumDurationMax,
        longOperationUrls,
        platformPatching,
        platformPatchLocalHour,
        platformPatchInterval,
        platformRebootsPerVmPerDay);
  }

  public SimulatorBehaviour withMaximumDurationMin(Duration value) {
    return new SimulatorBehaviour(
        seed,
        instanceViewLag,
        clockSkew,
        lostAnswerProbability,
        conflictWhileBusy,
        agentNotReadyAfterReboot,
        staleResultProbability,
        staleResultPolls,
        transientErrorProbability,
        validateMaximumDuration,
        value,
        maximumDurationMax,
        longOperationUrls,
        platformPatching,
        platformPatchLocalHour,
        platformPatchInterval,
        platformRebootsPerVmPerDay);
  }

  public SimulatorBehaviour withMaximumDurationMax(Duration value) {
    return new SimulatorBehaviour(
        seed,
        instanceViewLag,
        clockSkew,
        lostAnswerProbability,
        conflictWhileBusy,
        agentNotReadyAfterReboot,
        staleResultProbability,
        staleResultPolls,
        transientErrorProbability,
        validateMaximumDuration,
        maximumDurationMin,
        value,
        longOperationUrls,
        platformPatching,
        platformPatchLocalHour,
        platformPatchInterval,
        platformRebootsPerVmPerDay);
  }

  public SimulatorBehaviour withLongOperationUrls(boolean value) {
    return new SimulatorBehaviour(
        seed,
        instanceViewLag,
        clockSkew,
        lostAnswerProbability,
        conflictWhileBusy,
        agentNotReadyAfterReboot,
        staleResultProbability,
        staleResultPolls,
        transientErrorProbability,
        validateMaximumDuration,
        maximumDurationMin,
        maximumDurationMax,
        value,
        platformPatching,
        platformPatchLocalHour,
        platformPatchInterval,
        platformRebootsPerVmPerDay);
  }

  public SimulatorBehaviour withPlatformPatching(boolean value) {
    return new SimulatorBehaviour(
        seed,
        instanceViewLag,
        clockSkew,
        lostAnswerProbability,
        conflictWhileBusy,
        agentNotReadyAfterReboot,
        staleResultProbability,
        staleResultPolls,
        transientErrorProbability,
        validateMaximumDuration,
        maximumDurationMin,
        maximumDurationMax,
        longOperationUrls,
        value,
        platformPatchLocalHour,
        platformPatchInterval,
        platformRebootsPerVmPerDay);
  }

  public SimulatorBehaviour withPlatformPatchLocalHour(int value) {
    return new SimulatorBehaviour(
        seed,
        instanceViewLag,
        clockSkew,
        lostAnswerProbability,
        conflictWhileBusy,
        agentNotReadyAfterReboot,
        staleResultProbability,
        staleResultPolls,
        transientErrorProbability,
        validateMaximumDuration,
        maximumDurationMin,
        maximumDurationMax,
        longOperationUrls,
        platformPatching,
        value,
        platformPatchInterval,
        platformRebootsPerVmPerDay);
  }

  public SimulatorBehaviour withPlatformPatchInterval(Duration value) {
    return new SimulatorBehaviour(
        seed,
        instanceViewLag,
        clockSkew,
        lostAnswerProbability,
        conflictWhileBusy,
        agentNotReadyAfterReboot,
        staleResultProbability,
        staleResultPolls,
        transientErrorProbability,
        validateMaximumDuration,
        maximumDurationMin,
        maximumDurationMax,
        longOperationUrls,
        platformPatching,
        platformPatchLocalHour,
        value,
        platformRebootsPerVmPerDay);
  }

  public SimulatorBehaviour withPlatformRebootsPerVmPerDay(double value) {
    return new SimulatorBehaviour(
        seed,
        instanceViewLag,
        clockSkew,
        lostAnswerProbability,
        conflictWhileBusy,
        agentNotReadyAfterReboot,
        staleResultProbability,
        staleResultPolls,
        transientErrorProbability,
        validateMaximumDuration,
        maximumDurationMin,
        maximumDurationMax,
        longOperationUrls,
        platformPatching,
        platformPatchLocalHour,
        platformPatchInterval,
        value);
  }
}
