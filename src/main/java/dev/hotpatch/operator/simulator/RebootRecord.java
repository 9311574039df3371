package dev.hotpatch.operator.simulator;

import java.time.Instant;

/**
 * One reboot of a simulated VM.
 *
 * @param vmId the VM's ARM resource ID ("/subscriptions/{s}/resourceGroups/{rg}/providers/
 *     Microsoft.Compute/virtualMachines/{name}", as {@code VmRef.id()} spells it; compare ignoring
 *     case)
 * @param time when it rebooted, on the simulator's true clock (never skewed)
 * @param cause "installPatches" or "restart" (origin CLIENT); for origin PLATFORM the cause given
 *     to {@link ArmSimulator#rebootByPlatform} (e.g. "hostMaintenance")
 * @param operationId the Azure operation that rebooted it (= installationActivityId for installs)
 * @param kb the baseline KB ("KB5250004") the reboot completed, null when none was pending
 * @param origin CLIENT when an HTTP call rebooted it, PLATFORM when Azure or the guest did
 */
public record RebootRecord(
    String vmId, Instant time, String cause, String operationId, String kb, Origin origin) {

  /** A reboot a client's call caused. */
  public RebootRecord(String vmId, Instant time, String cause, String operationId, String kb) {
    this(vmId, time, cause, operationId, kb, Origin.CLIENT);
  }

  /** The VM name: the last segment of {@link #vmId}. */
  public String vmName() {
    return vmId.substring(vmId.lastIndexOf('/') + 1);
  }
}
