package dev.hotpatch.operator.simulator;

import java.time.Duration;

/**
 * How long each kind of simulated long-running operation takes on the injected clock, and how the
 * simulator answers pollers. An operation finishes once its duration has elapsed AND it has been
 * polled at least once while in progress, so a client always sees the in-progress state first.
 *
 * @param synchronousUpdates answer a VM PATCH with 200 {@code provisioningState: Succeeded} at once
 *     instead of "Updating" plus an Azure-AsyncOperation to poll
 * @param pollRetryAfterSeconds the {@code Retry-After} sent with 202s and in-progress polls; keep
 *     it 0 or 1 (the SDK really sleeps on it; 0 makes the SDK fall back to its default poll
 *     interval)
 */
public record OperationTimings(
    Duration update,
    Duration create,
    Duration delete,
    Duration assess,
    Duration installHotpatch,
    Duration installBaseline,
    Duration restart,
    boolean synchronousUpdates,
    int pollRetryAfterSeconds) {

  /**
   * update 0 s, create 2 min, delete 1 min, assess 0 s, hotpatch 10 min, baseline 20 min, restart 5
   * min.
   */
  public static OperationTimings defaults() {
    return new OperationTimings(
        Duration.ZERO,
        Duration.ofMinutes(2),
        Duration.ofMinutes(1),
        Duration.ZERO,
        Duration.ofMinutes(10),
        Duration.ofMinutes(20),
        Duration.ofMinutes(5),
        false,
        0);
  }

  /** Every operation is done at its first poll after the start. */
  public static OperationTimings instant() {
    Duration z = Duration.ZERO;
    return new OperationTimings(z, z, z, z, z, z, z, false, 0);
  }

  public OperationTimings withSynchronousUpdates(boolean value) {
    return new OperationTimings(
        update,
        create,
        delete,
        assess,
        installHotpatch,
        installBaseline,
        restart,
        value,
        pollRetryAfterSeconds);
  }

  public OperationTimings withPollRetryAfterSeconds(int seconds) {
    return new OperationTimings(
        update,
        create,
        delete,
        assess,
        installHotpatch,
        installBaseline,
        restart,
        synchronousUpdates,
        seconds);
  }

  public OperationTimings withInstallDurations(Duration hotpatch, Duration baseline) {
    return new OperationTimings(
        update,
        create,
        delete,
        assess,
        hotpatch,
        baseline,
        restart,
        synchronousUpdates,
        pollRetryAfterSeconds);
  }

  public OperationTimings withRestart(Duration value) {
    return new OperationTimings(
        update,
        create,
        delete,
        assess,
        installHotpatch,
        installBaseline,
        value,
        synchronousUpdates,
        pollRetryAfterSeconds);
  }

  public OperationTimings withUpdate(Duration value) {
    return new OperationTimings(
        value,
        create,
        delete,
        assess,
        installHotpatch,
        installBaseline,
        restart,
        synchronousUpdates,
        pollRetryAfterSeconds);
  }

  public OperationTimings withCreate(Duration value) {
    return new OperationTimings(
        update,
        value,
        delete,
        assess,
        installHotpatch,
        installBaseline,
        restart,
        synchronousUpdates,
        pollRetryAfterSeconds);
  }

  public OperationTimings withDelete(Duration value) {
    return new OperationTimings(
        update,
        create,
        value,
        assess,
        installHotpatch,
        installBaseline,
        restart,
        synchronousUpdates,
        pollRetryAfterSeconds);
  }

  public OperationTimings withAssess(Duration value) {
    return new OperationTimings(
        update,
        create,
        delete,
        value,
        installHotpatch,
        installBaseline,
        restart,
        synchronousUpdates,
        pollRetryAfterSeconds);
  }
}
