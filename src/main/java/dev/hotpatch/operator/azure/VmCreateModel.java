package dev.hotpatch.operator.azure;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.CachingTypes;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
import com.azure.resourcemanager.compute.models.DiskDeleteOptionTypes;
import com.azure.resourcemanager.compute.models.HardwareProfile;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.compute.models.NetworkProfile;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.OperatingSystemTypes;
import com.azure.resourcemanager.compute.models.PatchSettings;
import com.azure.resourcemanager.compute.models.SecurityProfile;
import com.azure.resourcemanager.compute.models.SecurityTypes;
import com.azure.resourcemanager.compute.models.StorageAccountTypes;
import com.azure.resourcemanager.compute.models.StorageProfile;
import com.azure.resourcemanager.compute.models.UefiSettings;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import com.azure.resourcemanager.compute.models.WindowsConfiguration;
import com.azure.resourcemanager.compute.models.WindowsPatchAssessmentMode;
import com.azure.resourcemanager.compute.models.WindowsVMGuestPatchAutomaticByPlatformRebootSetting;
import com.azure.resourcemanager.compute.models.WindowsVMGuestPatchAutomaticByPlatformSettings;
import com.azure.resourcemanager.compute.models.WindowsVMGuestPatchMode;
import java.util.List;

/**
 * The SDK model of a VM created Azure-orchestrated from the start, as the portal's Management tab
 * does.
 */
final class VmCreateModel {
  /** Windows computer names stop at 15 characters. */
  private static final int COMPUTER_NAME_MAX = 15;

  private VmCreateModel() {}

  /** The patch settings the operator wants on every VM (also sent by the orchestration PATCH). */
  static PatchSettings orchestrated() {
    return new PatchSettings()
        .withPatchMode(WindowsVMGuestPatchMode.AUTOMATIC_BY_PLATFORM)
        .withEnableHotpatching(true)
        .withAssessmentMode(WindowsPatchAssessmentMode.AUTOMATIC_BY_PLATFORM)
        .withAutomaticByPlatformSettings(
            new WindowsVMGuestPatchAutomaticByPlatformSettings()
                .withRebootSetting(WindowsVMGuestPatchAutomaticByPlatformRebootSetting.NEVER)
                .withBypassPlatformSafetyChecksOnUserSchedule(false));
  }

  static VirtualMachineInner of(VmCreateRequest r) {
    OSDisk osDisk =
        new OSDisk()
            .withName(r.osDiskName())
            .withOsType(OperatingSystemTypes.WINDOWS)
            .withCreateOption(DiskCreateOptionTypes.FROM_IMAGE)
            .withCaching(CachingTypes.READ_WRITE)
            .withDiskSizeGB(r.osDiskSizeGb())
            // The disk and NIC live and die with the VM, as the portal's default "Delete with VM".
            .withDeleteOption(DiskDeleteOptionTypes.DELETE);
    if (r.osDiskStorageType() != null) {
      osDisk.withManagedDisk(
          new ManagedDiskParameters()
              .withStorageAccountType(StorageAccountTypes.fromString(r.osDiskStorageType())));
    }
    String name = r.ref().name();
    VirtualMachineInner vm =
        new VirtualMachineInner()
            .withHardwareProfile(
                new HardwareProfile().withVmSize(VirtualMachineSizeTypes.fromString(r.size())))
            .withStorageProfile(
                new StorageProfile()
                    .withImageReference(
                        new ImageReference()
                            .withPublisher(r.image().publisher())
                            .withOffer(r.image().offer())
                            .withSku(r.image().sku())
                            .withVersion(
                                r.image().version() == null ? "latest" : r.image().version()))
                    .withOsDisk(osDisk))
            .withOsProfile(
                new OSProfile()
                    .withComputerName(
                        name.length() > COMPUTER_NAME_MAX
                            ? name.substring(0, COMPUTER_NAME_MAX)
                            : name)
                    .withAdminUsername(r.adminUsername())
                    .withAdminPassword(r.adminPassword())
                    .withWindowsConfiguration(
                        // enableAutomaticUpdates can only be set at creation, and orchestration
                        // needs it.
                        new WindowsConfiguration()
                            .withProvisionVMAgent(true)
                            .withEnableAutomaticUpdates(true)
                            .withPatchSettings(orchestrated())))
            .withNetworkProfile(
                new NetworkProfile()
                    .withNetworkInterfaces(
                        List.of(
                            new NetworkInterfaceReference()
                                .withId(r.networkInterfaceId())
                                .withPrimary(true)
                                .withDeleteOption(DeleteOptions.DELETE))));
    if (r.securityType() == null || "TrustedLaunch".equals(r.securityType())) {
      vm.withSecurityProfile(
          new SecurityProfile()
              .withSecurityType(SecurityTypes.TRUSTED_LAUNCH)
              .withUefiSettings(
                  new UefiSettings().withSecureBootEnabled(true).withVTpmEnabled(true)));
    }
    if (r.zone() != null && !r.zone().isBlank()) {
      vm.withZones(List.of(r.zone()));
    }
    vm.withLocation(r.location());
    vm.withTags(r.tags());
    return vm;
  }
}
