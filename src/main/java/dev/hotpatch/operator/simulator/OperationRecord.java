package dev.hotpatch.operator.simulator;

import java.time.Instant;
import java.util.List;

/**
 * One operation on a VM as Azure really ran it, for safety checkers: started even when the client
 * never saw the answer. Times are the simulator's true clock, never skewed.
 *
 * @param operationId the Azure operation id (= installationActivityId for installs)
 * @param vmId the VM's ARM resource ID, spelled as {@link RebootRecord#vmId()}
 * @param action "installPatches", "restart", "assessPatches", "update" (VM PATCH), "create",
 *     "delete", "platformPatch" or "platformReboot"
 * @param rebootSetting installPatches' rebootSetting as sent, null for other actions
 * @param kbs the requested kbNumbersToInclude, or the KBs the platform installed
 * @param started when Azure started it
 * @param ended when it reached a terminal state, null while running
 * @param status InProgress, Succeeded, Failed or Canceled
 * @param rebooted whether the operation rebooted the VM
 * @param clientRequestId the request's x-ms-client-request-id header, null for the platform
 */
public record OperationRecord(
    String operationId,
    String vmId,
    String action,
    String rebootSetting,
    List<String> kbs,
    Origin origin,
    Instant started,
    Instant ended,
    String status,
    boolean rebooted,
    String clientRequestId) {

  public OperationRecord {
    kbs = kbs == null ? List.of() : List.copyOf(kbs);
  }

  /** installPatches with a rebootSetting other than Never, or restart (invariant I1). */
  public boolean rebootCapable() {
    return "restart".equals(action)
        || ("installPatches".equals(action)
            && rebootSetting != null
            && !"Never".equalsIgnoreCase(rebootSetting));
  }

  public boolean running() {
    return ended == null;
  }

  /** The VM name: the last segment of {@link #vmId}. */
  public String vmName() {
    return vmId.substring(vmId.lastIndexOf('/') + 1);
  }
}
