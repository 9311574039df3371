package dev.hotpatch.operator.simulator;

import java.time.Instant;

/**
 * One reboot of a simulated VM. {@code cause} is "installPatches" or "restart"; {@code kb} is the
 * baseline the reboot completed, null when none. {@code vmId} is Azure's GUID for the VM;
 * {@code resourceId} its ARM ID, whose last segment is the VM's name.
 */
public record RebootRecord(String vmId, Instant time, String cause, String operationId, String kb, String resourceId) {
  public String vmName() {
    return resourceId.substring(resourceId.lastIndexOf('/') + 1);
  }
}
