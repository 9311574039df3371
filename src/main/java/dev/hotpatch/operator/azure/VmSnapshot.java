package dev.hotpatch.operator.azure;

import java.util.Map;

/**
 * A VM as Azure last reported it: the model (image, patch settings) and the run-time instance view
 * (OS build, patch status). Our own value, so nothing outside azure/ sees SDK types.
 */
public record VmSnapshot(
    VmRef ref,
    String location,
    String provisioningState,
    Image image,
    PatchSettings patchSettings,
    String osName,
    String osVersion,
    String powerState,
    PatchStatus patchStatus,
    Map<String, String> tags) {

  /** A fleet repeats these values on every VM: one instance each (see {@link Canonical}). */
  public VmSnapshot {
    location = Canonical.of(location);
    provisioningState = Canonical.of(provisioningState);
    osName = Canonical.of(osName);
    osVersion = Canonical.of(osVersion);
    powerState = Canonical.of(powerState);
  }

  /** instanceView.patchStatus: the platform's last assessment and last installation. */
  public record PatchStatus(
      Boolean rebootPending,
      String assessmentStatus,
      String assessmentActivityId,
      String assessmentTime,
      Integer criticalAndSecurityCount,
      Integer otherCount,
      String installationStatus,
      String installationActivityId,
      String installationStarted,
      Integer installedCount,
      Integer failedCount) {
    public PatchStatus {
      assessmentStatus = Canonical.of(assessmentStatus);
      installationStatus = Canonical.of(installationStatus);
    }

    public static final PatchStatus NONE =
        new PatchStatus(null, null, null, null, null, null, null, null, null, null, null);
  }

  public boolean rebootPending() {
    return patchStatus != null && Boolean.TRUE.equals(patchStatus.rebootPending());
  }

  public record Image(String publisher, String offer, String sku, String version) {
    public Image {
      publisher = Canonical.of(publisher);
      offer = Canonical.of(offer);
      sku = Canonical.of(sku);
      version = Canonical.of(version);
    }
  }

  /** The fields of osProfile.windowsConfiguration that decide orchestration. */
  public record PatchSettings(
      Boolean provisionVmAgent,
      Boolean enableAutomaticUpdates,
      String patchMode,
      Boolean enableHotpatching,
      String assessmentMode,
      String rebootSetting,
      Boolean bypassPlatformSafetyChecksOnUserSchedule) {
    public PatchSettings {
      patchMode = Canonical.of(patchMode);
      assessmentMode = Canonical.of(assessmentMode);
      rebootSetting = Canonical.of(rebootSetting);
    }
  }
}
