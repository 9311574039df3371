package dev.hotpatch.operator.azure;

import java.util.Map;

/**
 * A VM to create, Azure-orchestrated from the start. Holds the admin password only for the one PUT
 * that needs it; {@link #toString()} never shows it, so no log or exception message can.
 */
public record VmCreateRequest(
    VmRef ref,
    String location,
    String size,
    VmSnapshot.Image image,
    String adminUsername,
    String adminPassword,
    String networkInterfaceId,
    String osDiskName,
    String osDiskStorageType,
    Integer osDiskSizeGb,
    String zone,
    String securityType,
    Map<String, String> tags) {

  @Override
  public String toString() {
    return "VmCreateRequest["
        + ref
        + ", "
        + location
        + ", "
        + size
        + ", "
        + image
        + ", adminUsername="
        + adminUsername
        + ", adminPassword=(redacted), nic="
        + networkInterfaceId
        + ", osDisk="
        + osDiskName
        + ", zone="
        + zone
        + "]";
  }
}
