package dev.hotpatch.operator.safety;

import java.time.Instant;

/**
 * One broken promise, as the checker saw it from Azure's side.
 *
 * @param subject the VM (ARM id), HotpatchVM (namespace/name) or baseline it is about
 * @param time the simulated instant it happened, or the end of the run for end-state checks
 */
public record Violation(Invariant invariant, String subject, Instant time, String message) {
  @Override
  public String toString() {
    return invariant + " at " + time + " " + subject + ": " + message;
  }
}
