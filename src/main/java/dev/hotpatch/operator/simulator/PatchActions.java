package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * POST assessPatches, installPatches and restart: validation, throttling (guest patch policy), then
 * 202 with Azure-AsyncOperation and Location; effects happen when the operation finishes.
 */
final class PatchActions {
  private final SimContext ctx;
  private final VmHandlers vms;

  PatchActions(SimContext ctx, VmHandlers vms) {
    this.ctx = ctx;
    this.vms = vms;
  }

  void register(Router router) {
    router.route("POST", VmHandlers.VM + "/assessPatches", "assessPatches", this::assess);
    router.route("POST", VmHandlers.VM + "/installPatches", "installPatches", this::install);
    router.route("POST", VmHandlers.VM + "/restart", "restart", this::restart);
  }

  private ArmResponse assess(ArmRequest r) {
    SimulatedVm vm = vms.vm(r);
    String remaining = throttle(vm, r);
    requireRunning(vm, "assessPatches");
    if (ctx.behaviour.conflictWhileBusy()) {
      requireIdle(vm, "assessPatches");
    }
    ArmOperation op =
        start(
            vm,
            r,
            ArmOperation.Kind.ASSESS,
            ctx.timings.assess(),
            (o, end) -> ifPresent(vm, o, () -> ctx.engine.finishAssess(vm, o, end)));
    op.describe(vm, "assessPatches", r);
    return accepted(op, remaining);
  }

  private ArmResponse install(ArmRequest r) {
    SimulatedVm vm = vms.vm(r);
    String remaining = throttle(vm, r);
    JsonNode params = r.json();
    InstallPlan.validate(params);
    if (ctx.behaviour.validateMaximumDuration()) {
      MaximumDuration.validate(
          params.get("maximumDuration"),
          ctx.behaviour.maximumDurationMin(),
          ctx.behaviour.maximumDurationMax());
    }
    requireRunning(vm, "installPatches");
    requireIdle(vm, "installPatches");
    InstallPlan plan =
        InstallPlan.plan(vm, params, ctx.catalog, LocalDate.ofInstant(r.now, ZoneOffset.UTC));
    Duration duration =
        plan.selectedBaseline().isPresent()
            ? ctx.timings.installBaseline()
            : ctx.timings.installHotpatch();
    ArmOperation op =
        start(
            vm,
            r,
            ArmOperation.Kind.INSTALL,
            duration,
            (o, end) -> ifPresent(vm, o, () -> ctx.engine.finishInstall(vm, plan, o, end)));
    op.describe(vm, "installPatches", r);
    op.rebootSetting = params.path("rebootSetting").asText(null);
    op.kbs = InstallPlan.kbs(params.path("windowsParameters").path("kbNumbersToInclude"));
    vm.busyOperationId = op.id;
    ObjectNode summary = JsonNodeFactory.instance.objectNode();
    summary.put("status", "InProgress");
    summary.put("installationActivityId", op.id);
    summary.put("maintenanceWindowExceeded", false);
    summary.put("startTime", ctx.stamp(r.now));
    summary.put("lastModifiedTime", ctx.stamp(r.now));
    vm.lastInstallationSummary = summary;
    vm.publish(r.now);
    return accepted(op, remaining);
  }

  private ArmResponse restart(ArmRequest r) {
    SimulatedVm vm = vms.vm(r);
    requireIdle(vm, "restart");
    ArmOperation op =
        start(
            vm,
            r,
            ArmOperation.Kind.RESTART,
            ctx.timings.restart(),
            (o, end) -> ifPresent(vm, o, () -> ctx.engine.finishRestart(vm, o, end)));
    op.describe(vm, "restart", r);
    vm.busyOperationId = op.id;
    return Lro.withHeaders(ctx, ArmResponse.empty(202), op);
  }

  private ArmOperation start(
      SimulatedVm vm,
      ArmRequest r,
      ArmOperation.Kind kind,
      Duration d,
      ArmOperation.Finisher finisher) {
    return ctx.operations.start(
        kind,
        vm.subscriptionId,
        vm.location,
        vm.name.toLowerCase(Locale.ROOT),
        r.now,
        d,
        true,
        r.apiVersion(),
        finisher);
  }

  private ArmResponse accepted(ArmOperation op, String remaining) {
    return Lro.withHeaders(ctx, ArmResponse.empty(202), op)
        .header("x-ms-ratelimit-remaining-resource", remaining);
  }

  /** Fails the operation when the VM was deleted meanwhile. */
  private void ifPresent(SimulatedVm vm, ArmOperation op, Runnable action) {
    if (ctx.vms.find(vm.subscriptionId, vm.resourceGroup, vm.name).orElse(null) != vm) {
      op.fail("ResourceNotFound", "The virtual machine '" + vm.name + "' no longer exists.", null);
      return;
    }
    action.run();
  }

  /** Guest patch policy: per VM and per subscription in a sliding minute; 429 beyond. */
  private String throttle(SimulatedVm vm, ArmRequest r) {
    Throttler.Limits l = ctx.limits;
    String vmKey = "patch/vm/" + vm.key();
    String subKey = "patch/sub/" + vm.subscriptionId;
    boolean vmFull = ctx.throttler.remaining(vmKey, l.patchPerVm(), r.now) == 0;
    boolean subFull = ctx.throttler.remaining(subKey, l.patchPerSubscription(), r.now) == 0;
    if (vmFull || subFull) {
      throw new ArmResponse.Failure(
          ArmResponse.error(
                  429,
                  "OperationNotAllowed",
                  "The server rejected the request because too many requests have been received for this "
                      + (vmFull ? "resource" : "subscription")
                      + ". Policy: Microsoft.Compute/"
                      + (vmFull
                          ? "VMGuestPatchOperationResource"
                          : "VMGuestPatchOperationSubscriptionMaximum")
                      + ". Retry after "
                      + l.retryAfterSeconds()
                      + " second(s).")
              .header("Retry-After", Integer.toString(l.retryAfterSeconds()))
              .header("x-ms-ratelimit-remaining-resource", remaining(vmKey, subKey, r)));
    }
    ctx.throttler.tryAcquire(vmKey, l.patchPerVm(), r.now);
    ctx.throttler.tryAcquire(subKey, l.patchPerSubscription(), r.now);
    return remaining(vmKey, subKey, r);
  }

  private String remaining(String vmKey, String subKey, ArmRequest r) {
    return "Microsoft.Compute/VMGuestPatchOperationSubscriptionMaximum;"
        + ctx.throttler.remaining(subKey, ctx.limits.patchPerSubscription(), r.now)
        + ",Microsoft.Compute/VMGuestPatchOperationResource;"
        + ctx.throttler.remaining(vmKey, ctx.limits.patchPerVm(), r.now);
  }

  private static void requireRunning(SimulatedVm vm, String operation) {
    if (!"running".equalsIgnoreCase(vm.powerState)) {
      throw new ArmResponse.Failure(
          ArmResponse.error(
              409,
              "OperationNotAllowed",
              "Operation '"
                  + operation
                  + "' is not allowed on VM '"
                  + vm.name
                  + "' since the VM is "
                  + vm.powerState
                  + "."));
    }
  }

  /**
   * 409 OperationNotAllowed while another operation changes the VM: installs and restarts among
   * themselves (friendly), or any running operation (conflictWhileBusy).
   */
  void requireIdle(SimulatedVm vm, String operation) {
    if (ctx.behaviour.conflictWhileBusy()) {
      ctx.operations
          .runningOn(vm.id())
          .ifPresent(
              o -> {
                throw new ArmResponse.Failure(
                    ArmResponse.error(
                        409,
                        "OperationNotAllowed",
                        "An operation is in progress on the VM '"
                            + vm.name
                            + "': operation '"
                            + o.id
                            + "' ("
                            + o.action
                            + ") must complete before '"
                            + operation
                            + "' can start."));
              });
      return;
    }
    if (vm.busyOperationId != null) {
      ctx.operations
          .find(vm.busyOperationId)
          .filter(o -> !o.done())
          .ifPresent(
              o -> {
                throw new ArmResponse.Failure(
                    ArmResponse.error(
                        409,
                        "OperationNotAllowed",
                        "Operation '"
                            + operation
                            + "' is not allowed on VM '"
                            + vm.name
                            + "' since the VM is already running operation '"
                            + o.id
                            + "'."));
              });
    }
  }
}
