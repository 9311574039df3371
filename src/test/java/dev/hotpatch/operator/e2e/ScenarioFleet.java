package dev.hotpatch.operator.e2e;

import static dev.hotpatch.operator.e2e.OperatorHarness.SUBSCRIPTION;

import java.time.Instant;

/**
 * The calendar scenarios' fleet: 12 Windows Server 2022 and 8 Windows Server 2025 VMs, already
 * Azure-orchestrated, on the January 2026 baselines of the simulator's catalog.
 */
final class ScenarioFleet {
  static final Instant START = Instant.parse("2026-01-20T09:00:00Z");
  static final int WS2022_VMS = 12;
  static final int WS2025_VMS = 8;
  static final int WS2022_MAX_UNAVAILABLE = 2;
  static final int WS2025_MAX_UNAVAILABLE = 2; // 25% of 8

  private ScenarioFleet() {}

  static String seed() {
    return """
        vms:
          - {subscriptionId: %1$s, resourceGroup: rg-app, name: "app-{i}", count: %2$d, osBuild: "20348.3300",
             image: {publisher: MicrosoftWindowsServer, offer: WindowsServer, sku: 2022-datacenter-azure-edition-hotpatch, version: latest},
             patchSettings: {patchMode: AutomaticByPlatform, enableHotpatching: true, assessmentMode: AutomaticByPlatform, rebootSetting: Never}}
          - {subscriptionId: %1$s, resourceGroup: rg-db, name: "db-{i}", count: %3$d, osBuild: "26100.3300",
             image: {publisher: MicrosoftWindowsServer, offer: WindowsServer, sku: 2025-datacenter-azure-edition-core, version: latest},
             patchSettings: {patchMode: AutomaticByPlatform, enableHotpatching: true, assessmentMode: AutomaticByPlatform, rebootSetting: Never}}
        """
        .formatted(SUBSCRIPTION, WS2022_VMS, WS2025_VMS);
  }

  static String baselines(boolean paused, int failureBudget) {
    return """
        apiVersion: hotpatch.dev/v1alpha1
        kind: PatchBaseline
        metadata: {name: ws2022}
        spec:
          os: WindowsServer2022AzureEdition
          type: Planned
          kb: KB5260001
          build: "20348.3300"
          released: "2026-01-13"
          rollout:
            maxUnavailable: %1$d
            failureBudget: %3$d
            paused: %2$s
            maintenanceWindows:
              - {days: [Sat], start: "22:00", duration: 4h, timeZone: Europe/Berlin}
              - {days: [Sun], start: "22:00", duration: 4h, timeZone: Europe/Berlin}
        ---
        apiVersion: hotpatch.dev/v1alpha1
        kind: PatchBaseline
        metadata: {name: ws2025}
        spec:
          os: WindowsServer2025AzureEdition
          type: Planned
          kb: KB5261001
          build: "26100.3300"
          released: "2026-01-13"
          rollout:
            maxUnavailable: "25%%"
            failureBudget: %3$d
            paused: %2$s
            maintenanceWindows:
              - {days: [Wed], start: "01:00", duration: 3h, timeZone: America/New_York}
        """
        .formatted(WS2022_MAX_UNAVAILABLE, paused, failureBudget);
  }

  static String vms() {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= WS2022_VMS; i++) {
      b.append(vm("app-" + i, "rg-app", "ws2022"));
    }
    for (int i = 1; i <= WS2025_VMS; i++) {
      b.append(vm("db-" + i, "rg-db", "ws2025"));
    }
    return b.toString();
  }

  private static String vm(String name, String rg, String baseline) {
    return """
        ---
        apiVersion: hotpatch.dev/v1alpha1
        kind: HotpatchVM
        metadata: {name: %s}
        spec:
          azure: {subscriptionId: %s, resourceGroup: %s, name: %s}
          baselineRef: {name: %s}
        """
        .formatted(name, SUBSCRIPTION, rg, name, baseline);
  }
}
