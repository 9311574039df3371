package dev.hotpatch.operator.azure;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Iterator;

/**
 * Turns a row of {@link ResourceGraphQuery#FLEET} into the same {@link VmSnapshot} the Compute list
 * gives for that VM: the model through the SDK's own VirtualMachineInner (so image and patch
 * settings are read exactly as from Compute), the run-time fields from {@code
 * properties.extended.instanceView} and the patch summaries from Update Manager's rows.
 */
final class ResourceGraphRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResourceGraphRows() {}

  static VmSnapshot toSnapshot(Object row) {
    JsonNode r = JSON.valueToTree(row);
    if (!r.path("id").isTextual()) {
      throw new AzureException(200, "InvalidResponse", "a Resource Graph row without an id", null);
    }
    JsonNode view = r.path("properties").path("extended").path("instanceView");
    String power = text(view.path("powerState").path("code"));
    return SnapshotMapper.toSnapshot(
        model(r),
        text(view.path("osName")),
        text(view.path("osVersion")),
        power != null && power.startsWith("PowerState/")
            ? power.substring("PowerState/".length())
            : null,
        patchStatus(r.path("assessmentId"), r.path("assessment"), r.path("installation")));
  }

  private static VirtualMachineInner model(JsonNode r) {
    ObjectNode vm = JSON.createObjectNode();
    vm.set("id", r.get("id"));
    vm.set("name", r.path("name"));
    vm.set("location", r.path("location"));
    if (r.path("tags").isObject()) {
      vm.set("tags", r.get("tags"));
    }
    vm.set("properties", r.path("properties"));
    try (JsonReader reader = JsonProviders.createReader(JSON.writeValueAsString(vm))) {
      return VirtualMachineInner.fromJson(reader);
    } catch (IOException e) {
      throw new AzureException(200, "InvalidResponse", "an unreadable Resource Graph row", e);
    }
  }

  private static VmSnapshot.PatchStatus patchStatus(
      JsonNode assessmentId, JsonNode assessment, JsonNode installation) {
    boolean assessed = assessment.isObject();
    boolean installed = installation.isObject();
    if (!assessed && !installed) {
      return VmSnapshot.PatchStatus.NONE;
    }
    JsonNode counts = assessment.path("availablePatchCountByClassification");
    return new VmSnapshot.PatchStatus(
        assessed && assessment.path("rebootPending").isBoolean()
            ? assessment.get("rebootPending").asBoolean()
            : null,
        assessed ? text(assessment.path("status")) : null,
        assessed ? text(assessmentId) : null,
        assessed ? instant(assessment.path("startDateTime")) : null,
        assessed ? sum(counts, true) : null,
        assessed ? sum(counts, false) : null,
        installed ? text(installation.path("status")) : null,
        installed ? text(installation.path("installationActivityId")) : null,
        installed ? instant(installation.path("startDateTime")) : null,
        installed ? integer(installation.path("installedPatchCount")) : null,
        installed ? integer(installation.path("failedPatchCount")) : null);
  }

  /**
   * Update Manager counts by classification; the instance view has critical-and-security and the
   * rest. Classification keys come lower- or upper-camel-case (Arc and Azure VMs differ).
   */
  private static Integer sum(JsonNode counts, boolean criticalAndSecurity) {
    if (!counts.isObject()) {
      return null;
    }
    int total = 0;
    for (Iterator<String> names = counts.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      boolean severe = name.equalsIgnoreCase("critical") || name.equalsIgnoreCase("security");
      if (severe == criticalAndSecurity) {
        total += counts.get(name).asInt();
      }
    }
    return total;
  }

  private static String text(JsonNode n) {
    return n.isTextual() ? n.asText() : null;
  }

  private static Integer integer(JsonNode n) {
    return n.isNumber() ? n.asInt() : null;
  }

  /** As SnapshotMapper writes the instance view's times: the instant, in UTC. */
  private static String instant(JsonNode n) {
    return n.isTextual() ? OffsetDateTime.parse(n.asText()).toInstant().toString() : null;
  }
}
