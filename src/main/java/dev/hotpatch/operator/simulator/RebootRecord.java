package dev.hotpatch.operator.simulator;

import java.time.Instant;

/**
 * One reboot of a simulated VM. {@code cause} is "installPatches" or "restart"; {@code kb} is the
 * baseline the reboot completed, null when none.
 */
public record RebootRecord(String vmId, Instant time, String cause, String operationId, String kb) {}
