package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One row of the operator's fleet query ({@link ResourceGraphHandlers#FLEET_QUERY}) in Resource
 * Graph's objectArray shape: the {@code resources} table's VM columns (id, name, location, tags,
 * properties with {@code extended.instanceView}), the {@code patchassessmentresources} summary
 * (assessmentId, assessment) and the latest {@code patchinstallationresources} summary
 * (installation), null where the VM has none. Property names follow Update Manager's log structure.
 */
final class ResourceGraphRowJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ResourceGraphRowJson() {}

  /** The VM as ARM shows it now; Resource Graph serves it after its lag. */
  static ObjectNode row(SimContext ctx, SimulatedVm vm) {
    ObjectNode model = VmJson.vm(ctx, vm, false);
    ObjectNode row = F.objectNode();
    row.put("id", vm.id());
    row.put("name", vm.name);
    row.put("location", vm.location);
    row.set("tags", model.get("tags"));
    ObjectNode properties = (ObjectNode) model.get("properties");
    properties.putObject("extended").set("instanceView", extendedInstanceView(ctx, vm));
    row.set("properties", properties);
    SimulatedVm.Report seen = vm.reported(ctx.now(), ctx.behaviour.instanceViewLag());
    JsonNode assessment = seen.availablePatchSummary();
    row.set(
        "assessmentId", assessment == null ? F.nullNode() : assessment.get("assessmentActivityId"));
    row.set("assessment", assessment == null ? F.nullNode() : assessment(assessment, seen));
    JsonNode installation = seen.lastInstallationSummary();
    row.set("installation", installation == null ? F.nullNode() : installation(installation));
    return row;
  }

  /**
   * What Resource Graph keeps of the instance view: names and power state. The agent's osName and
   * osVersion are there only while the agent reports (as in the instance view itself).
   */
  private static ObjectNode extendedInstanceView(SimContext ctx, SimulatedVm vm) {
    ObjectNode full = VmJson.instanceView(ctx, vm);
    ObjectNode iv = F.objectNode();
    iv.put("computerName", vm.computerName);
    if (full.has("osName")) {
      iv.set("osName", full.get("osName"));
      iv.set("osVersion", full.get("osVersion"));
    }
    iv.put("hyperVGeneration", "V2");
    ObjectNode power = iv.putObject("powerState");
    power.put("code", "PowerState/" + vm.powerState);
    power.put("level", "Info");
    power.put("displayStatus", "VM " + vm.powerState);
    return iv;
  }

  /** patchassessmentresults' properties, from the instance view's availablePatchSummary. */
  private static ObjectNode assessment(JsonNode summary, SimulatedVm.Report seen) {
    ObjectNode p = F.objectNode();
    p.set("status", summary.get("status"));
    p.put("rebootPending", seen.rebootPending());
    p.put("patchServiceUsed", "WU");
    p.put("osType", "Windows");
    p.set("startDateTime", summary.get("startTime"));
    p.set("lastModifiedDateTime", summary.get("lastModifiedTime"));
    p.put("startedBy", "User");
    ObjectNode counts = p.putObject("availablePatchCountByClassification");
    counts.put("critical", 0);
    counts.put("security", summary.path("criticalAndSecurityPatchCount").asInt());
    counts.put("updateRollup", 0);
    counts.put("featurePack", 0);
    counts.put("servicePack", 0);
    counts.put("definition", 0);
    counts.put("tools", 0);
    counts.put("updates", 0);
    counts.put("other", summary.path("otherPatchCount").asInt());
    return p;
  }

  /** patchinstallationresults' properties, from lastPatchInstallationSummary. */
  private static ObjectNode installation(JsonNode summary) {
    ObjectNode p = F.objectNode();
    p.set("installationActivityId", summary.get("installationActivityId"));
    p.set("status", summary.get("status"));
    p.set("maintenanceWindowExceeded", summary.get("maintenanceWindowExceeded"));
    p.set("installedPatchCount", summary.get("installedPatchCount"));
    p.set("failedPatchCount", summary.get("failedPatchCount"));
    p.set("pendingPatchCount", summary.get("pendingPatchCount"));
    p.set("excludedPatchCount", summary.get("excludedPatchCount"));
    p.set("notSelectedPatchCount", summary.get("notSelectedPatchCount"));
    p.set("startDateTime", summary.get("startTime"));
    p.set("lastModifiedDateTime", summary.get("lastModifiedTime"));
    p.put("patchServiceUsed", "WU");
    p.put("osType", "Windows");
    p.put("startedBy", "User");
    return p;
  }
}
