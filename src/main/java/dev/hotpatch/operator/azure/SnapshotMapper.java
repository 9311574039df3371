package dev.hotpatch.operator.azure;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInstanceViewInner;
import com.azure.resourcemanager.compute.models.AvailablePatchSummary;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.LastPatchInstallationSummary;
import com.azure.resourcemanager.compute.models.PatchSettings;
import com.azure.resourcemanager.compute.models.WindowsConfiguration;
import com.azure.resourcemanager.compute.models.WindowsVMGuestPatchAutomaticByPlatformSettings;
import java.util.Map;

/** Turns the SDK's VM model and instance view into our {@link VmSnapshot}. */
final class SnapshotMapper {
  private SnapshotMapper() {}

  /**
   * @param model the VM model; @param view its instance view (may be null, then taken from the
   *     model)
   */
  static VmSnapshot toSnapshot(VirtualMachineInner model, VirtualMachineInstanceViewInner view) {
    if (view == null) {
      view = model.instanceView();
    }
    return toSnapshot(
        model,
        view == null ? null : view.osName(),
        view == null ? null : view.osVersion(),
        view == null ? null : powerState(view),
        patchStatus(view));
  }

  /** The model, with run-time fields read elsewhere (Resource Graph keeps no instance view). */
  static VmSnapshot toSnapshot(
      VirtualMachineInner model,
      String osName,
      String osVersion,
      String powerState,
      VmSnapshot.PatchStatus patchStatus) {
    VmRef ref = VmRef.parse(model.id());
    VmSnapshot.Image image = null;
    if (model.storageProfile() != null && model.storageProfile().imageReference() != null) {
      ImageReference i = model.storageProfile().imageReference();
      image = new VmSnapshot.Image(i.publisher(), i.offer(), i.sku(), i.version());
    }
    return new VmSnapshot(
        ref,
        model.location(),
        model.provisioningState(),
        image,
        patchSettings(model),
        osName,
        osVersion,
        powerState,
        patchStatus,
        model.tags() == null ? Map.of() : Map.copyOf(model.tags()));
  }

  private static VmSnapshot.PatchSettings patchSettings(VirtualMachineInner model) {
    if (model.osProfile() == null || model.osProfile().windowsConfiguration() == null) {
      return null;
    }
    WindowsConfiguration w = model.osProfile().windowsConfiguration();
    PatchSettings p = w.patchSettings();
    WindowsVMGuestPatchAutomaticByPlatformSettings a =
        p == null ? null : p.automaticByPlatformSettings();
    return new VmSnapshot.PatchSettings(
        w.provisionVMAgent(),
        w.enableAutomaticUpdates(),
        p == null || p.patchMode() == null ? null : p.patchMode().toString(),
        p == null ? null : p.enableHotpatching(),
        p == null || p.assessmentMode() == null ? null : p.assessmentMode().toString(),
        a == null || a.rebootSetting() == null ? null : a.rebootSetting().toString(),
        a == null ? null : a.bypassPlatformSafetyChecksOnUserSchedule());
  }

  private static String powerState(VirtualMachineInstanceViewInner view) {
    if (view.statuses() == null) {
      return null;
    }
    for (InstanceViewStatus s : view.statuses()) {
      if (s.code() != null && s.code().startsWith("PowerState/")) {
        return s.code().substring("PowerState/".length());
      }
    }
    return null;
  }

  private static VmSnapshot.PatchStatus patchStatus(VirtualMachineInstanceViewInner view) {
    if (view == null || view.patchStatus() == null) {
      return VmSnapshot.PatchStatus.NONE;
    }
    AvailablePatchSummary a = view.patchStatus().availablePatchSummary();
    LastPatchInstallationSummary i = view.patchStatus().lastPatchInstallationSummary();
    return new VmSnapshot.PatchStatus(
        a == null ? null : a.rebootPending(),
        a == null || a.status() == null ? null : a.status().toString(),
        a == null ? null : a.assessmentActivityId(),
        a == null ? null : text(a.startTime()),
        a == null ? null : a.criticalAndSecurityPatchCount(),
        a == null ? null : a.otherPatchCount(),
        i == null || i.status() == null ? null : i.status().toString(),
        i == null ? null : i.installationActivityId(),
        i == null ? null : text(i.startTime()),
        i == null ? null : i.installedPatchCount(),
        i == null ? null : i.failedPatchCount());
  }

  private static String text(java.time.OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
