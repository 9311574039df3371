package dev.hotpatch.operator.policy;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMStatus;
import dev.hotpatch.operator.api.LocalRef;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.PatchBaselineSpec;
import dev.hotpatch.operator.api.Rollout;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * PatchBaselines and HotpatchVMs, as the cluster or a Git checkout holds them, for the calendar.
 */
final class CalendarFixtures {
  static final String NS = "fleet";

  private CalendarFixtures() {}

  /** A Windows Server 2022 baseline released 2026-01-13, with the given rollout. */
  static PatchBaseline baseline(
      String name, Object maxUnavailable, Rollout.MaintenanceWindow... w) {
    PatchBaseline b = new PatchBaseline();
    b.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    PatchBaselineSpec spec = new PatchBaselineSpec();
    spec.os = PatchBaselineSpec.OsFamily.WindowsServer2022AzureEdition;
    spec.type = PatchBaselineSpec.BaselineType.Planned;
    spec.kb = "KB5260001";
    spec.build = "20348.3300";
    spec.released = "2026-01-13";
    spec.rollout = new Rollout();
    spec.rollout.maxUnavailable =
        maxUnavailable instanceof Integer i
            ? new IntOrString(i)
            : new IntOrString((String) maxUnavailable);
    spec.rollout.maintenanceWindows = new ArrayList<>(List.of(w));
    b.setSpec(spec);
    return b;
  }

  /** Saturday 22:00 in Berlin for 4h: 20:00 to 24:00 UTC in summer, 21:00 to 01:00 in winter. */
  static Rollout.MaintenanceWindow saturdayNight() {
    return Fixtures.window("Sat", "22:00", "4h", "Europe/Berlin");
  }

  /** A HotpatchVM naming {@code baseline}, without status (as in Git). */
  static HotpatchVM vm(String name, String baseline) {
    HotpatchVM vm = new HotpatchVM();
    vm.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    vm.setSpec(Fixtures.vm());
    vm.getSpec().azure.name = name;
    vm.getSpec().baselineRef = new LocalRef(baseline);
    return vm;
  }

  /** A HotpatchVM the operator reported on: its build and phase. */
  static HotpatchVM vm(String name, String baseline, String osBuild, String phase) {
    HotpatchVM vm = vm(name, baseline);
    vm.setStatus(new HotpatchVMStatus());
    vm.getStatus().osBuild = osBuild;
    vm.getStatus().phase = phase;
    return vm;
  }

  static HotpatchVM ready(HotpatchVM vm, String reason, String message) {
    vm.getStatus()
        .conditions
        .add(
            new ConditionBuilder()
                .withType("Ready")
                .withStatus("False")
                .withReason(reason)
                .withMessage(message)
                .build());
    return vm;
  }

  static HotpatchVM transitioning(HotpatchVM vm, String started) {
    vm.getStatus().pendingOperation = new HotpatchVMStatus.PendingOperation();
    vm.getStatus().pendingOperation.kind = "BaselineTransition";
    vm.getStatus().pendingOperation.started = started;
    vm.getStatus().nextReboot = started;
    return vm;
  }
}
