package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The mutable state of one simulated VM. Guarded by the simulator's lock; never leaves it. */
final class SimulatedVm {
  String subscriptionId;
  String resourceGroup;
  String name;
  String location;
  String size;
  String vmId;
  String computerName;
  String adminUsername;
  String publisher;
  String offer;
  String sku;
  String imageVersion;
  String exactVersion;
  String osDiskName;
  String osDiskId;
  String nicId;

  /** deleteOption Delete at creation: the OS disk and NIC go with the VM, as in Azure. */
  boolean osDiskDeletedWithVm;

  boolean nicDeletedWithVm;
  boolean provisionVmAgent = true;
  boolean enableAutomaticUpdates = true;
  String patchMode;
  Boolean enableHotpatching;
  String assessmentMode;
  String rebootSetting;
  Boolean bypassPlatformSafetyChecks;
  String osBuild;
  final Set<String> installedKbs = new LinkedHashSet<>();
  String pendingBaselineKb;
  String pendingBaselineBuild;
  boolean rebootPendingFlag;
  Map<String, String> tags = new LinkedHashMap<>();
  String provisioningState = "Succeeded";
  String powerState = "running";
  String createdBy;
  Instant timeCreated;
  long etag = 1;

  /** instanceView.patchStatus.availablePatchSummary, once there was an assessment. */
  ObjectNode availablePatchSummary;

  /** instanceView.patchStatus.lastPatchInstallationSummary, once there was an install. */
  ObjectNode lastInstallationSummary;

  /** The operation currently changing the VM (install, restart, ...), if any. */
  String busyOperationId;

  /** Until then the VM agent reports Not Ready (after a reboot or a creation); null = ready. */
  Instant agentReadyAt;

  /** What the VM agent reported, and when: the instance view shows these after a lag. */
  private final ArrayDeque<Report> reports = new ArrayDeque<>();

  /** The patch-visible state the agent reports: build, pending reboot, summaries. */
  record Report(
      Instant at,
      String osBuild,
      boolean rebootPending,
      ObjectNode availablePatchSummary,
      ObjectNode lastInstallationSummary) {}

  /** Notes the current patch-visible state as reported at {@code at}. Call after each change. */
  void publish(Instant at) {
    reports.addLast(
        new Report(
            at,
            osBuild,
            rebootPending(),
            availablePatchSummary == null ? null : availablePatchSummary.deepCopy(),
            lastInstallationSummary == null ? null : lastInstallationSummary.deepCopy()));
  }

  /**
   * What the instance view shows at {@code now}: the newest report at least {@code lag} old. With
   * no lag (or nothing published) it is the live state.
   */
  Report reported(Instant now, Duration lag) {
    Report live =
        new Report(now, osBuild, rebootPending(), availablePatchSummary, lastInstallationSummary);
    if (lag.isZero() || reports.isEmpty()) {
      return live;
    }
    Instant cutoff = now.minus(lag);
    Report visible = null;
    for (Report r : reports) {
      if (r.at().isAfter(cutoff)) {
        break;
      }
      visible = r;
    }
    while (visible != null && reports.peekFirst() != visible) {
      reports.removeFirst(); // older ones can never be shown again
    }
    return visible == null ? reports.peekFirst() : visible;
  }

  boolean agentReady(Instant now) {
    return agentReadyAt == null || !now.isBefore(agentReadyAt);
  }

  String id() {
    return "/subscriptions/"
        + subscriptionId
        + "/resourceGroups/"
        + resourceGroup
        + "/providers/Microsoft.Compute/virtualMachines/"
        + name;
  }

  String key() {
    return key(subscriptionId, resourceGroup, name);
  }

  static String key(String subscriptionId, String resourceGroup, String name) {
    return (subscriptionId + "/" + resourceGroup + "/" + name).toLowerCase(Locale.ROOT);
  }

  boolean rebootPending() {
    return pendingBaselineKb != null || rebootPendingFlag;
  }

  boolean hotpatchImage() {
    return MarketplaceImages.isHotpatchCompatible(publisher, offer, sku);
  }

  void touch() {
    etag++;
  }

  SimulatedVmView view() {
    return new SimulatedVmView(
        id(),
        subscriptionId,
        resourceGroup,
        name,
        location,
        size,
        new SimulatedVmView.Image(publisher, offer, sku, imageVersion, exactVersion),
        osBuild,
        new SimulatedVmView.PatchSettings(
            provisionVmAgent,
            enableAutomaticUpdates,
            patchMode,
            enableHotpatching,
            assessmentMode,
            rebootSetting,
            bypassPlatformSafetyChecks),
        List.copyOf(installedKbs),
        rebootPending(),
        pendingBaselineKb,
        Map.copyOf(tags),
        provisioningState,
        powerState,
        createdBy,
        timeCreated,
        "\"" + etag + "\"");
  }
}
