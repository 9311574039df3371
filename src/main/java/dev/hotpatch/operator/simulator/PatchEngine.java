package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What assessPatches, installPatches and restart do to a VM when they finish: builds, installed
 * KBs, pending reboots, reboots (into the ledger) and the result bodies Azure answers.
 * Lock-guarded.
 */
final class PatchEngine {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final ReleaseCatalog catalog;
  private final Ledger ledger;
  private final FaultInjector faults;
  private final SimContext ctx;

  PatchEngine(ReleaseCatalog catalog, Ledger ledger, FaultInjector faults, SimContext ctx) {
    this.catalog = catalog;
    this.ledger = ledger;
    this.faults = faults;
    this.ctx = ctx;
  }

  /** Applies an install plan at the end of its operation; returns the InstallPatchesResult body. */
  void finishInstall(SimulatedVm vm, InstallPlan plan, ArmOperation op, Instant end) {
    vm.busyOperationId = null;
    Optional<Release> baseline = plan.selectedBaseline();
    boolean failed = baseline.isPresent() && faults.transitionFails(vm.name);
    String rebootStatus;
    if (failed) {
      rebootStatus = "NotNeeded";
    } else {
      for (Release hp : plan.selectedHotpatches()) {
        vm.installedKbs.add(hp.kb());
        if (OsBuilds.compare(hp.build(), vm.osBuild) > 0) {
          vm.osBuild = hp.build();
        }
      }
      baseline.ifPresent(
          b -> {
            vm.installedKbs.add(b.kb());
            vm.pendingBaselineKb = b.kb();
            vm.pendingBaselineBuild = b.build();
          });
      boolean reboot =
          "Always".equals(plan.rebootSetting())
              || ("IfRequired".equals(plan.rebootSetting()) && vm.rebootPending());
      if (reboot) {
        reboot(vm, end, op.origin == Origin.PLATFORM ? "platformPatch" : "installPatches", op);
        rebootStatus = "Completed";
      } else {
        rebootStatus = vm.rebootPending() ? "Required" : "NotNeeded";
      }
    }
    ObjectNode result = F.objectNode();
    result.put("status", failed ? "Failed" : "Succeeded");
    result.put("installationActivityId", op.id);
    result.put("rebootStatus", rebootStatus);
    result.put("maintenanceWindowExceeded", false);
    int[] counts = new int[5]; // excluded, notSelected, pending, installed, failed
    ArrayNode patches = F.arrayNode();
    for (InstallPlan.Line line : plan.lines()) {
      String state = line.state();
      if (line.selected()) {
        state = failed ? (line.release().isBaseline() ? "Failed" : "Pending") : "Installed";
      }
      switch (state) {
        case "Excluded" -> counts[0]++;
        case "NotSelected" -> counts[1]++;
        case "Pending" -> counts[2]++;
        case "Installed" -> counts[3]++;
        default -> counts[4]++;
      }
      ObjectNode p = patchEntry(line.release());
      p.put("installationState", state);
      patches.add(p);
    }
    result.put("excludedPatchCount", counts[0]);
    result.put("notSelectedPatchCount", counts[1]);
    result.put("pendingPatchCount", counts[2]);
    result.put("installedPatchCount", counts[3]);
    result.put("failedPatchCount", counts[4]);
    result.set("patches", patches);
    result.put("startDateTime", ctx.stamp(op.startTime));
    ObjectNode error = result.putObject("error");
    error.putArray("details");
    String message = null;
    if (failed) {
      message =
          "1 error/s reported. "
              + baseline.get().kb()
              + " failed to install: 0x800f0922 (CBS_E_INSTALLERS_FAILED).";
      error.put("code", "PatchInstallationFailed");
      error.put("message", message);
    } else {
      error.put("code", "Success");
      error.put("message", "0 error/s reported");
    }
    ObjectNode summary = F.objectNode();
    summary.put("status", result.get("status").asText());
    summary.put("installationActivityId", op.id);
    summary.put("maintenanceWindowExceeded", false);
    summary.put("notSelectedPatchCount", counts[1]);
    summary.put("excludedPatchCount", counts[0]);
    summary.put("pendingPatchCount", counts[2]);
    summary.put("installedPatchCount", counts[3]);
    summary.put("failedPatchCount", counts[4]);
    summary.put("startTime", ctx.stamp(op.startTime));
    summary.put("lastModifiedTime", ctx.stamp(end));
    vm.lastInstallationSummary = summary;
    vm.availablePatchSummary = assessment(vm, op.id, op.startTime, end).summary;
    vm.touch();
    vm.publish(end);
    if (failed) {
      op.fail("PatchInstallationFailed", message, result);
    } else {
      op.succeed(result);
    }
  }

  /** Reboots the VM: completes a pending baseline and writes the ledger. */
  void reboot(SimulatedVm vm, Instant time, String cause, ArmOperation op) {
    op.rebooted = true;
    String kb = vm.pendingBaselineKb;
    if (vm.pendingBaselineBuild != null) {
      vm.osBuild = vm.pendingBaselineBuild;
    }
    vm.pendingBaselineKb = null;
    vm.pendingBaselineBuild = null;
    vm.rebootPendingFlag = false;
    vm.powerState = "running";
    vm.agentReadyAt = time.plus(ctx.behaviour.agentNotReadyAfterReboot());
    vm.touch();
    vm.publish(time);
    ledger.reboot(new RebootRecord(vm.id(), time, cause, op.id, kb, op.origin));
  }

  void finishAssess(SimulatedVm vm, ArmOperation op, Instant end) {
    Assessment a = assessment(vm, op.id, op.startTime, end);
    vm.availablePatchSummary = a.summary;
    vm.touch();
    vm.publish(end);
    op.succeed(a.result);
  }

  /** A seeded VM with an agent starts with a platform assessment of the moment, like a live VM. */
  void initialAssessment(SimulatedVm vm, Instant now) {
    if (vm.provisionVmAgent) {
      String activity =
          UUID.nameUUIDFromBytes(("assessment-" + vm.key()).getBytes(StandardCharsets.UTF_8))
              .toString();
      vm.availablePatchSummary = assessment(vm, activity, now, now).summary;
    }
  }

  void finishRestart(SimulatedVm vm, ArmOperation op, Instant end) {
    vm.busyOperationId = null;
    reboot(vm, end, "restart", op);
    op.succeed(null);
  }

  private record Assessment(ObjectNode result, ObjectNode summary) {}

  private Assessment assessment(SimulatedVm vm, String activityId, Instant start, Instant end) {
    LocalDate today = LocalDate.ofInstant(start, ZoneOffset.UTC);
    String current = catalog.baselineOf(vm.osBuild).map(Release::kb).orElse(null);
    List<Release> missing = InstallPlan.missing(vm, catalog, today);
    Release newest = missing.stream().filter(Release::isBaseline).reduce((a, b) -> b).orElse(null);
    List<Release> available =
        missing.stream()
            .filter(
                r ->
                    r == newest
                        || (!r.isBaseline()
                            && r.baselineKb().equalsIgnoreCase(String.valueOf(current))))
            .toList();
    ObjectNode result = F.objectNode();
    result.put("status", "Succeeded");
    result.put("assessmentActivityId", activityId);
    result.put("rebootPending", vm.rebootPending());
    result.put("criticalAndSecurityPatchCount", available.size());
    result.put("otherPatchCount", 0);
    result.put("startDateTime", ctx.stamp(start));
    ArrayNode patches = result.putArray("availablePatches");
    for (Release r : available) {
      ObjectNode p = patchEntry(r);
      p.put("version", "");
      p.put("rebootBehavior", r.isBaseline() ? "CanRequestReboot" : "NeverReboots");
      p.put("activityId", activityId);
      p.put("publishedDate", r.released().atTime(17, 0).toInstant(ZoneOffset.UTC).toString());
      p.put("lastModifiedDateTime", ctx.stamp(end));
      p.put("assessmentState", "Available");
      patches.add(p);
    }
    ObjectNode summary = F.objectNode();
    summary.put("status", "Succeeded");
    summary.put("assessmentActivityId", activityId);
    summary.put("rebootPending", vm.rebootPending());
    summary.put("criticalAndSecurityPatchCount", available.size());
    summary.put("otherPatchCount", 0);
    summary.put("startTime", ctx.stamp(start));
    summary.put("lastModifiedTime", ctx.stamp(end));
    return new Assessment(result, summary);
  }

  private static ObjectNode patchEntry(Release r) {
    ObjectNode p = F.objectNode();
    p.put("patchId", UUID.nameUUIDFromBytes(r.kb().getBytes(StandardCharsets.UTF_8)).toString());
    p.put("name", r.title());
    p.put("kbId", r.kbDigits());
    p.putArray("classifications").add("Security Updates");
    return p;
  }
}
