package dev.hotpatch.operator.policy;

import dev.hotpatch.operator.api.AzureVmRef;
import dev.hotpatch.operator.api.HotpatchVMSpec;
import dev.hotpatch.operator.api.LocalRef;
import dev.hotpatch.operator.api.PatchBaselineSpec;
import dev.hotpatch.operator.api.Rollout;
import dev.hotpatch.operator.api.SecretKeyRef;
import dev.hotpatch.operator.api.VmCreateTemplate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Spec builders shared by the policy tests. */
final class Fixtures {
  static final String SUBSCRIPTION = "00000000-1111-2222-3333-444444444444";

  private Fixtures() {}

  /** days: comma-separated ("Sat,Sun"), or "" for every day. */
  static Rollout.MaintenanceWindow window(String days, String start, String duration, String zone) {
    Rollout.MaintenanceWindow w = new Rollout.MaintenanceWindow();
    w.days =
        days == null || days.isBlank()
            ? new ArrayList<>()
            : new ArrayList<>(Arrays.asList(days.split(",")));
    w.start = start;
    w.duration = duration;
    w.timeZone = zone;
    return w;
  }

  static MaintenanceSchedule schedule(Rollout.MaintenanceWindow... windows) {
    return MaintenanceSchedule.of(List.of(windows));
  }

  static PatchBaselineSpec.Hotpatch hotpatch(String kb, String build) {
    PatchBaselineSpec.Hotpatch h = new PatchBaselineSpec.Hotpatch();
    h.kb = kb;
    h.build = build;
    h.released = "2026-02-10";
    return h;
  }

  /** A valid 2022 baseline with two hotpatches and a Saturday-night window in Berlin. */
  static PatchBaselineSpec baseline() {
    PatchBaselineSpec s = new PatchBaselineSpec();
    s.os = PatchBaselineSpec.OsFamily.WindowsServer2022AzureEdition;
    s.type = PatchBaselineSpec.BaselineType.Planned;
    s.kb = "KB5062572";
    s.build = "20348.2700";
    s.released = "2026-01-13";
    s.hotpatches =
        new ArrayList<>(
            List.of(hotpatch("KB5063001", "20348.2762"), hotpatch("KB5064002", "20348.2800")));
    s.rollout = new Rollout();
    s.rollout.maintenanceWindows =
        new ArrayList<>(List.of(window("Sat", "22:00", "4h", "Europe/Berlin")));
    return s;
  }

  static BaselineTarget target() {
    return BaselineTarget.from(baseline());
  }

  /** A valid HotpatchVM spec adopting a VM by subscription, group and name. */
  static HotpatchVMSpec vm() {
    HotpatchVMSpec s = new HotpatchVMSpec();
    s.azure = new AzureVmRef();
    s.azure.subscriptionId = SUBSCRIPTION;
    s.azure.resourceGroup = "rg-web";
    s.azure.name = "web-01";
    s.baselineRef = new LocalRef("ws2022-2026-01");
    return s;
  }

  static VmCreateTemplate createTemplate() {
    VmCreateTemplate t = new VmCreateTemplate();
    t.location = "westeurope";
    t.size = "Standard_D2s_v5";
    t.adminUsername = "azureuser";
    t.adminPasswordSecretRef = new SecretKeyRef();
    t.adminPasswordSecretRef.name = "web-01-admin";
    t.adminPasswordSecretRef.key = "password";
    t.network = new VmCreateTemplate.NetworkTemplate();
    t.network.subnetId =
        "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s";
    t.image = new VmCreateTemplate.ImageRef();
    t.image.publisher = "MicrosoftWindowsServer";
    t.image.offer = "WindowsServer";
    t.image.sku = "2022-datacenter-azure-edition-hotpatch";
    return t;
  }
}
