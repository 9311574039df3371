package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;

/**
 * VM and instance view JSON in the shapes azure-resourcemanager-compute 2.55.1 parses
 * (VirtualMachineInner, VirtualMachineInstanceViewInner). Never writes adminPassword.
 */
final class VmJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final String AGENT_VERSION = "2.7.41491.1102";

  private VmJson() {}

  static ObjectNode vm(SimContext ctx, SimulatedVm vm, boolean withInstanceView) {
    ObjectNode root = F.objectNode();
    root.put("name", vm.name);
    root.put("id", vm.id());
    root.put("type", "Microsoft.Compute/virtualMachines");
    root.put("location", vm.location);
    ObjectNode tags = root.putObject("tags");
    vm.tags.forEach(tags::put);
    root.put("etag", "\"" + vm.etag + "\"");
    ObjectNode props = root.putObject("properties");
    props.put("vmId", vm.vmId);
    props.putObject("hardwareProfile").put("vmSize", vm.size);
    ObjectNode storage = props.putObject("storageProfile");
    ObjectNode image = storage.putObject("imageReference");
    image.put("publisher", vm.publisher);
    image.put("offer", vm.offer);
    image.put("sku", vm.sku);
    image.put("version", vm.imageVersion);
    image.put("exactVersion", vm.exactVersion);
    ObjectNode osDisk = storage.putObject("osDisk");
    osDisk.put("osType", "Windows");
    osDisk.put("name", vm.osDiskName);
    osDisk.put("createOption", "FromImage");
    osDisk.put("caching", "ReadWrite");
    ObjectNode managed = osDisk.putObject("managedDisk");
    managed.put("storageAccountType", "Premium_LRS");
    managed.put("id", vm.osDiskId);
    osDisk.put("deleteOption", "Detach");
    osDisk.put("diskSizeGB", 127);
    storage.putArray("dataDisks");
    storage.put("diskControllerType", "SCSI");
    props.set("osProfile", osProfile(vm));
    ObjectNode security = props.putObject("securityProfile");
    ObjectNode uefi = security.putObject("uefiSettings");
    uefi.put("secureBootEnabled", true);
    uefi.put("vTpmEnabled", true);
    security.put("securityType", "TrustedLaunch");
    ArrayNode nics = props.putObject("networkProfile").putArray("networkInterfaces");
    if (vm.nicId != null) {
      nics.addObject().put("id", vm.nicId);
    }
    props.put("provisioningState", vm.provisioningState);
    props.put("timeCreated", ctx.stamp(vm.timeCreated));
    if (withInstanceView) {
      props.set("instanceView", instanceView(ctx, vm));
    }
    return root;
  }

  private static ObjectNode osProfile(SimulatedVm vm) {
    ObjectNode os = F.objectNode();
    os.put("computerName", vm.computerName);
    os.put("adminUsername", vm.adminUsername);
    ObjectNode win = os.putObject("windowsConfiguration");
    win.put("provisionVMAgent", vm.provisionVmAgent);
    win.put("enableAutomaticUpdates", vm.enableAutomaticUpdates);
    ObjectNode ps = win.putObject("patchSettings");
    if (vm.patchMode != null) {
      ps.put("patchMode", vm.patchMode);
    }
    if (vm.enableHotpatching != null) {
      ps.put("enableHotpatching", vm.enableHotpatching);
    }
    if (vm.assessmentMode != null) {
      ps.put("assessmentMode", vm.assessmentMode);
    }
    if (vm.rebootSetting != null
        || vm.bypassPlatformSafetyChecks != null
        || "AutomaticByPlatform".equalsIgnoreCase(vm.patchMode)) {
      ObjectNode abp = ps.putObject("automaticByPlatformSettings");
      if (vm.rebootSetting != null) {
        abp.put("rebootSetting", vm.rebootSetting);
      }
      abp.put(
          "bypassPlatformSafetyChecksOnUserSchedule",
          Boolean.TRUE.equals(vm.bypassPlatformSafetyChecks));
    }
    win.put("enableVMAgentPlatformUpdates", true);
    os.putArray("secrets");
    os.put("allowExtensionOperations", true);
    os.put("requireGuestProvisionSignal", true);
    return os;
  }

  /**
   * The instance view. Without a VM agent there is no osName, osVersion, vmAgent or patchStatus, as
   * on Azure; neither while the agent is Not Ready after a reboot. Build and patch status are what
   * the agent reported {@link SimulatorBehaviour#instanceViewLag()} ago.
   */
  static ObjectNode instanceView(SimContext ctx, SimulatedVm vm) {
    Instant now = ctx.now();
    SimulatedVm.Report seen = vm.reported(now, ctx.behaviour.instanceViewLag());
    ObjectNode iv = F.objectNode();
    iv.put("computerName", vm.computerName);
    boolean running = "running".equalsIgnoreCase(vm.powerState);
    boolean ready = running && vm.agentReady(now);
    if (vm.provisionVmAgent && ready) {
      iv.put("osName", OsBuilds.osName(seen.osBuild()));
      iv.put("osVersion", OsBuilds.osVersion(seen.osBuild()));
    }
    iv.put("hyperVGeneration", "V2");
    if (vm.provisionVmAgent) {
      ObjectNode agent = iv.putObject("vmAgent");
      agent.put("vmAgentVersion", ready ? AGENT_VERSION : "Unknown");
      ArrayNode st = agent.putArray("statuses");
      if (ready) {
        status(
            ctx,
            st,
            "ProvisioningState/succeeded",
            "Ready",
            "GuestAgent is running and processing the extensions.",
            vm.timeCreated);
      } else {
        status(
                ctx,
                st,
                "ProvisioningState/Unavailable",
                "Not Ready",
                "VM status blob is found but not yet populated.",
                running ? now : vm.timeCreated)
            .put("level", "Warning");
      }
      if (running
          == ready) { // a VM not running keeps its last patch status; a rebooting one has none
        iv.set("patchStatus", patchStatus(ctx, vm, seen));
      }
    }
    ArrayNode disks = iv.putArray("disks");
    ObjectNode disk = disks.addObject();
    disk.put("name", vm.osDiskName);
    status(
        ctx,
        disk.putArray("statuses"),
        "ProvisioningState/succeeded",
        "Provisioning succeeded",
        null,
        vm.timeCreated);
    ArrayNode statuses = iv.putArray("statuses");
    String ps = vm.provisioningState.toLowerCase(Locale.ROOT);
    status(ctx, statuses, "ProvisioningState/" + ps, "Provisioning " + ps, null, vm.timeCreated);
    status(ctx, statuses, "PowerState/" + vm.powerState, "VM " + vm.powerState, null, null);
    return iv;
  }

  private static ObjectNode patchStatus(SimContext ctx, SimulatedVm vm, SimulatedVm.Report seen) {
    ObjectNode ps = F.objectNode();
    if (seen.availablePatchSummary() != null) {
      ObjectNode summary = seen.availablePatchSummary().deepCopy();
      summary.put("rebootPending", seen.rebootPending());
      ps.set("availablePatchSummary", summary);
    }
    if (seen.lastInstallationSummary() != null) {
      ps.set("lastPatchInstallationSummary", seen.lastInstallationSummary().deepCopy());
    }
    ArrayNode conf = ps.putArray("configurationStatuses");
    status(
        ctx,
        conf,
        "PatchModeConfigurationState/Ready",
        "Status_PatchModeConfigurationState_Ready",
        null,
        vm.timeCreated);
    status(
        ctx,
        conf,
        "AssessmentModeConfigurationState/Ready",
        "Status_AssessmentModeConfigurationState_Ready",
        null,
        vm.timeCreated);
    return ps;
  }

  private static ObjectNode status(
      SimContext ctx, ArrayNode into, String code, String display, String message, Instant time) {
    ObjectNode s = into.addObject();
    s.put("code", code);
    s.put("level", "Info");
    s.put("displayStatus", display);
    if (message != null) {
      s.put("message", message);
    }
    if (time != null) {
      s.put("time", ctx.stamp(time));
    }
    return s;
  }
}
