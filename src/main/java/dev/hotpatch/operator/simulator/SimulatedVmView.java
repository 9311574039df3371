package dev.hotpatch.operator.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An immutable snapshot of one simulated VM, for tests and the demo. */
public record SimulatedVmView(
    String id,
    String subscriptionId,
    String resourceGroup,
    String name,
    String location,
    String size,
    Image image,
    String osBuild,
    PatchSettings patchSettings,
    List<String> installedKbs,
    boolean rebootPending,
    String pendingBaselineKb,
    Map<String, String> tags,
    String provisioningState,
    String powerState,
    String createdBy,
    Instant timeCreated,
    String etag) {

  public record Image(
      String publisher, String offer, String sku, String version, String exactVersion) {}

  /** osProfile.windowsConfiguration fields that decide orchestration. */
  public record PatchSettings(
      boolean provisionVmAgent,
      boolean enableAutomaticUpdates,
      String patchMode,
      Boolean enableHotpatching,
      String assessmentMode,
      String rebootSetting,
      Boolean bypassPlatformSafetyChecksOnUserSchedule) {}

  /** "10.0." + osBuild, as the instance view reports it. */
  public String osVersion() {
    return OsBuilds.osVersion(osBuild);
  }
}
