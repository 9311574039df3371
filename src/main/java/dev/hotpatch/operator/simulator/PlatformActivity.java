package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Azure does to VMs by itself, evaluated lazily as the injected clock passes (no timer
 * thread): automatic guest patching of AutomaticByPlatform VMs off-peak in their region, and
 * reboots of its own (host maintenance). Each is an operation of origin PLATFORM in the history.
 * Lock-guarded.
 */
final class PlatformActivity {
  private final SimContext ctx;
  private final Instant start;
  private Instant evaluatedUpTo;
  private final Map<String, Instant> nextReboot = new HashMap<>();

  PlatformActivity(SimContext ctx, Instant start) {
    this.ctx = ctx;
    this.start = start;
    this.evaluatedUpTo = start;
  }

  /**
   * Runs every patch slot and platform reboot due in (evaluatedUpTo, now], in time order per VM.
   */
  void advance(Instant now) {
    if (!now.isAfter(evaluatedUpTo)) {
      return;
    }
    Instant from = evaluatedUpTo;
    evaluatedUpTo = now; // before acting: acting reads state that may call advance again
    SimulatorBehaviour b = ctx.behaviour;
    for (SimulatedVm vm : ctx.vms.all()) {
      if (b.platformPatching()) {
        for (Instant t = nextSlot(vm, from); !t.isAfter(now); t = nextSlot(vm, t)) {
          patch(vm, t);
        }
      }
      if (b.platformRebootsPerVmPerDay() > 0) {
        Instant t = nextReboot.computeIfAbsent(vm.key(), k -> from.plus(gap()));
        for (; !t.isAfter(now); t = t.plus(gap())) {
          if ("running".equalsIgnoreCase(vm.powerState)) {
            reboot(vm, t, "hostMaintenance");
          }
        }
        nextReboot.put(vm.key(), t);
      }
    }
  }

  /** Reboots {@code vm} at {@code time} for Azure's own reason; the history record. */
  ArmOperation reboot(SimulatedVm vm, Instant time, String cause) {
    ArmOperation op = platformOperation(vm, ArmOperation.Kind.RESTART, "platformReboot", time);
    ctx.engine.reboot(vm, time, cause, op);
    op.succeed(null);
    return op;
  }

  /**
   * One automatic guest patching run: Critical and Security updates released by then. The platform
   * reboots only when the VM's rebootSetting allows it (Azure's default is IfRequired; the operator
   * sets Never), so with Never a baseline stays pending and a hotpatch moves the build.
   */
  private void patch(SimulatedVm vm, Instant t) {
    if (!"AutomaticByPlatform".equalsIgnoreCase(vm.patchMode)
        || !vm.provisionVmAgent
        || !"running".equalsIgnoreCase(vm.powerState)
        || (vm.timeCreated != null && vm.timeCreated.isAfter(t))
        || ctx.operations.busyAt(vm.id(), t)) {
      return; // a busy or stopped VM is patched at a later slot, as on Azure
    }
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.put("rebootSetting", platformRebootSetting(vm));
    params
        .putObject("windowsParameters")
        .putArray("classificationsToInclude")
        .add("Critical")
        .add("Security");
    InstallPlan plan =
        InstallPlan.plan(vm, params, ctx.catalog, LocalDate.ofInstant(t, ZoneOffset.UTC));
    List<String> kbs =
        plan.lines().stream()
            .filter(InstallPlan.Line::selected)
            .map(l -> l.release().kb())
            .toList();
    if (kbs.isEmpty()) {
      return;
    }
    ArmOperation op = platformOperation(vm, ArmOperation.Kind.INSTALL, "platformPatch", t);
    op.kbs = kbs;
    ctx.engine.finishInstall(vm, plan, op, t);
  }

  private ArmOperation platformOperation(
      SimulatedVm vm, ArmOperation.Kind kind, String action, Instant t) {
    ArmOperation op =
        ctx.operations.start(
            kind,
            vm.subscriptionId,
            vm.location,
            vm.name.toLowerCase(Locale.ROOT),
            t,
            Duration.ZERO,
            false,
            "platform",
            (o, end) -> {});
    op.describe(vm, action, null);
    op.endTime = t;
    return op;
  }

  private static String platformRebootSetting(SimulatedVm vm) {
    String s = vm.rebootSetting;
    if ("Never".equalsIgnoreCase(s)) {
      return "Never";
    }
    return "Always".equalsIgnoreCase(s) ? "Always" : "IfRequired";
  }

  /** The first patch slot strictly after {@code after}. */
  private Instant nextSlot(SimulatedVm vm, Instant after) {
    Duration every = ctx.behaviour.platformPatchInterval();
    if (every != null) {
      long k = Duration.between(start, after).toMillis() / every.toMillis() + 1;
      return start.plus(every.multipliedBy(k));
    }
    ZoneId zone = Regions.zone(vm.location);
    ZonedDateTime local = after.atZone(zone);
    ZonedDateTime slot =
        local.toLocalDate().atTime(ctx.behaviour.platformPatchLocalHour(), 0).atZone(zone);
    return slot.toInstant().isAfter(after) ? slot.toInstant() : slot.plusDays(1).toInstant();
  }

  /** Time to the next reboot of one VM: exponential with the configured daily rate. */
  private Duration gap() {
    double days =
        -Math.log(1 - ctx.random.nextDouble()) / ctx.behaviour.platformRebootsPerVmPerDay();
    return Duration.ofSeconds(Math.max(1, (long) (days * 86_400)));
  }
}
