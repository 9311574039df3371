package dev.hotpatch.operator.simulator;

import dev.hotpatch.operator.simulator.FleetSeed.VmSeed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The simulated VMs, keyed case-insensitively by subscription, resource group and name. */
final class VmStore {
  private final Map<String, SimulatedVm> vms = new LinkedHashMap<>();

  Optional<SimulatedVm> find(String subscriptionId, String resourceGroup, String name) {
    return Optional.ofNullable(vms.get(SimulatedVm.key(subscriptionId, resourceGroup, name)));
  }

  void put(SimulatedVm vm) {
    vms.put(vm.key(), vm);
  }

  boolean remove(String subscriptionId, String resourceGroup, String name) {
    return vms.remove(SimulatedVm.key(subscriptionId, resourceGroup, name)) != null;
  }

  /** VMs of a subscription (and resource group when not null), in creation order. */
  List<SimulatedVm> list(String subscriptionId, String resourceGroup) {
    List<SimulatedVm> out = new ArrayList<>();
    for (SimulatedVm vm : vms.values()) {
      if (vm.subscriptionId.equalsIgnoreCase(subscriptionId)
          && (resourceGroup == null || vm.resourceGroup.equalsIgnoreCase(resourceGroup))) {
        out.add(vm);
      }
    }
    return out;
  }

  List<SimulatedVm> all() {
    return new ArrayList<>(vms.values());
  }

  /** A VM from a seed entry; KBs up to its build count as installed. */
  static SimulatedVm fromSeed(VmSeed seed, ReleaseCatalog catalog, Instant now) {
    SimulatedVm vm = new SimulatedVm();
    vm.subscriptionId = seed.subscriptionId;
    vm.resourceGroup = seed.resourceGroup;
    vm.name = seed.name;
    vm.location = seed.location;
    vm.size = seed.size;
    vm.adminUsername = seed.adminUsername;
    vm.publisher = seed.image.publisher;
    vm.offer = seed.image.offer;
    vm.sku = seed.image.sku;
    vm.imageVersion = seed.image.version;
    vm.osBuild = seed.osBuild;
    vm.provisionVmAgent = seed.provisionVMAgent;
    vm.enableAutomaticUpdates = seed.enableAutomaticUpdates;
    vm.patchMode = seed.patchSettings.patchMode;
    vm.enableHotpatching = seed.patchSettings.enableHotpatching;
    vm.assessmentMode = seed.patchSettings.assessmentMode;
    vm.rebootSetting = seed.patchSettings.rebootSetting;
    vm.bypassPlatformSafetyChecks = seed.patchSettings.bypassPlatformSafetyChecksOnUserSchedule;
    vm.powerState = seed.powerState;
    vm.rebootPendingFlag = seed.rebootPending;
    vm.tags = new LinkedHashMap<>(seed.tags);
    vm.createdBy = "seed";
    initDerived(vm, catalog, now);
    return vm;
  }

  /** Fills ids, names and installed KBs from the identity fields and the build. */
  static void initDerived(SimulatedVm vm, ReleaseCatalog catalog, Instant now) {
    UUID uuid = UUID.nameUUIDFromBytes(vm.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    vm.vmId = uuid.toString();
    if (vm.computerName == null) {
      vm.computerName = vm.name.length() > 15 ? vm.name.substring(0, 15) : vm.name;
    }
    String rgPrefix = "/subscriptions/" + vm.subscriptionId + "/resourceGroups/" + vm.resourceGroup;
    if (vm.osDiskName == null) {
      vm.osDiskName = vm.name + "_OsDisk_1_" + uuid.toString().replace("-", "");
    }
    vm.osDiskId = rgPrefix + "/providers/Microsoft.Compute/disks/" + vm.osDiskName;
    if (vm.nicId == null) {
      vm.nicId = rgPrefix + "/providers/Microsoft.Network/networkInterfaces/" + vm.name + "-nic";
    }
    if (vm.exactVersion == null) {
      vm.exactVersion = vm.osBuild + ".250101";
    }
    vm.timeCreated = now;
    for (Release r : catalog.all()) {
      if (r.os() == OsBuilds.osOf(vm.osBuild) && OsBuilds.compare(r.build(), vm.osBuild) <= 0) {
        vm.installedKbs.add(r.kb());
      }
    }
  }
}
