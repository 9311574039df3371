package dev.hotpatch.operator.simulator;

import java.time.Instant;

/**
 * One reboot of a simulated VM.
 *
 * @param vmId the VM's ARM resource ID ("/subscriptions/{s}/resourceGroups/{rg}/providers/
 *     Microsoft.Compute/virtualMachines/{name}", as {@code VmRef.id()} spells it; compare ignoring
 *     case)
 * @param cause "installPatches" or "restart"
 * @param operationId the Azure operation that rebooted it (= installationActivityId for installs)
 * @param kb the baseline KB ("KB5250004") the reboot completed, null when none was pending
 */
public record RebootRecord(String vmId, Instant time, String cause, String operationId, String kb) {

  /** The VM name: the last segment of {@link #vmId}. */
  public String vmName() {
    return vmId.substring(vmId.lastIndexOf('/') + 1);
  }
}
