package dev.hotpatch.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.TolerantReading;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The per-baseline rollout gauges, counted from the caches as the reboot gate counts: a transition
 * holds a slot on the baseline recorded with it, maxUnavailable's percentage is of the VMs counted
 * on the baseline, and a failed or in-flight VM is not a reboot still to come.
 */
class RolloutGaugesTest {
  private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization YAML =
      TolerantReading.serialization();
  private final List<HotpatchVM> vms = new CopyOnWriteArrayList<>();
  private final List<PatchBaseline> baselines = new CopyOnWriteArrayList<>();

  @Test
  void eachBaselineShowsItsSlotsBudgetAndTheRebootsToCome() {
    baselines.add(baseline("fleet", "ws2022", "KB5260001", "20348.3300", "\"50%\"", 2));
    baselines.add(baseline("fleet", "ws2025", "KB5261001", "26100.3300", "\"50%\"", 1));
    baselines.add(baseline("fleet", "broken", "KB5260001", "20348.3300", "0", 1)); // InvalidSpec
    vms.add(vm("fleet", "web-1", "ws2022", "20348.3300", "")); // on its baseline
    vms.add(vm("fleet", "web-2", "ws2022", "20348.3200", "")); // behind: a reboot to come
    vms.add(vm("fleet", "web-3", "ws2022", "20348.3200", transition("fleet/ws2022")));
    vms.add(vm("fleet", "web-4", "ws2022", "20348.3200", "failedTransition: KB5260001\n"));
    // Its spec moved to ws2025 while its transition onto ws2022 runs: the slot stays on ws2022.
    vms.add(vm("fleet", "web-5", "ws2025", "20348.3200", transition("fleet/ws2022")));
    vms.add(vm("fleet", "legacy", "ws2022", "17763.6000", "")); // another OS: never moves
    vms.add(vm("fleet-b", "web-1", "ws2022", "20348.3200", "")); // no such baseline there

    try (OperatorMetrics metrics = new OperatorMetrics(false)) {
      metrics.resources(vms::stream, baselines::stream);
      String text = metrics.scrape();

      // ws2022 counts six VMs (web-5 by its slot): 50% of 6 is 3.
      assertThat(text)
          .contains("# TYPE hotpatch_baseline_transitions_in_flight gauge")
          .contains(row("hotpatch_baseline_transitions_in_flight", "ws2022", 2))
          .contains(row("hotpatch_baseline_max_unavailable", "ws2022", 3))
          .contains(row("hotpatch_baseline_failure_budget_remaining", "ws2022", 1))
          .contains(row("hotpatch_baseline_reboots_pending", "ws2022", 1))
          // ws2025 counts web-5 only: 50% of 1, rounded up.
          .contains(row("hotpatch_baseline_transitions_in_flight", "ws2025", 0))
          .contains(row("hotpatch_baseline_max_unavailable", "ws2025", 1))
          .contains(row("hotpatch_baseline_failure_budget_remaining", "ws2025", 1))
          .contains(row("hotpatch_baseline_reboots_pending", "ws2025", 0))
          .doesNotContainPattern(
              "hotpatch_baseline_(transitions|max|reboots|failure_budget_rem).*broken")
          .doesNotContainPattern("hotpatch_baseline_\\w+\\{[^}]*fleet-b");

      // web-3's transition ends on the baseline; web-2 fails: the budget is spent.
      vms.set(2, vm("fleet", "web-3", "ws2022", "20348.3300", ""));
      vms.set(1, vm("fleet", "web-2", "ws2022", "20348.3200", "failedTransition: KB5260001\n"));
      text = metrics.scrape();
      assertThat(text)
          .contains(row("hotpatch_baseline_transitions_in_flight", "ws2022", 1))
          .contains(row("hotpatch_baseline_failure_budget_remaining", "ws2022", 0))
          .contains(row("hotpatch_baseline_reboots_pending", "ws2022", 0));

      baselines.remove(1);
      assertThat(metrics.scrape()).doesNotContain("baseline=\"ws2025\"");
    }
  }

  /** One pass over the cache: 10,000 VMs on one baseline count in one scrape, quickly. */
  @Test
  void tenThousandVmsCountInOneScrape() {
    baselines.add(baseline("fleet", "ws2022", "KB5260001", "20348.3300", "\"10%\"", 5));
    List<HotpatchVM> many = new ArrayList<>();
    IntStream.range(0, 10_000)
        .forEach(
            i ->
                many.add(
                    vm(
                        "fleet",
                        "vm-" + i,
                        "ws2022",
                        i % 2 == 0 ? "20348.3300" : "20348.3200",
                        i < 7 ? transition("fleet/ws2022") : "")));
    try (OperatorMetrics metrics = new OperatorMetrics(false)) {
      metrics.resources(many::stream, baselines::stream);
      long start = System.nanoTime();
      String text = metrics.scrape();
      // Generous for a shared 2-core machine; a count per VM per baseline would take far longer.
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(java.time.Duration.ofSeconds(5));
      assertThat(text)
          .contains(row("hotpatch_baseline_max_unavailable", "ws2022", 1000))
          .contains(row("hotpatch_baseline_transitions_in_flight", "ws2022", 7))
          // 5,000 behind, of which vm-1, vm-3 and vm-5 are in flight.
          .contains(row("hotpatch_baseline_reboots_pending", "ws2022", 4997))
          .contains("hotpatch_vms_ready{resource_namespace=\"fleet\",status=\"Unknown\"} 10000.0");
    }
  }

  private static String row(String metric, String baseline, int value) {
    return metric + "{baseline=\"" + baseline + "\",resource_namespace=\"fleet\"} " + value + ".0";
  }

  private static String transition(String baselineKey) {
    return "pendingOperation: {kind: BaselineTransition, baselineKey: " + baselineKey + "}\n";
  }

  static PatchBaseline baseline(
      String namespace,
      String name,
      String kb,
      String build,
      String maxUnavailable,
      int failureBudget) {
    return YAML.unmarshal(
        """
            apiVersion: hotpatch.dev/v1alpha1
            kind: PatchBaseline
            metadata: {namespace: %s, name: %s}
            spec:
              os: %s
              type: Planned
              kb: %s
              build: "%s"
              released: "2026-01-13"
              rollout:
                maxUnavailable: %s
                failureBudget: %d
                maintenanceWindows:
                  - {days: [Sat], start: "22:00", duration: 4h, timeZone: Europe/Berlin}
            """
            .formatted(
                namespace,
                name,
                build.startsWith("26100")
                    ? "WindowsServer2025AzureEdition"
                    : "WindowsServer2022AzureEdition",
                kb,
                build,
                maxUnavailable,
                failureBudget),
        PatchBaseline.class);
  }

  static HotpatchVM vm(
      String namespace, String name, String baseline, String osBuild, String status) {
    return YAML.unmarshal(
        """
            apiVersion: hotpatch.dev/v1alpha1
            kind: HotpatchVM
            metadata: {namespace: %s, name: %s}
            spec:
              azure: {subscriptionId: 00000000-0000-0000-0000-000000000001, resourceGroup: rg, name: %s}
              baselineRef: {name: %s}
            status:
              osBuild: "%s"
            """
                .formatted(namespace, name, name, baseline, osBuild)
            + status.lines().map(l -> "  " + l + "\n").reduce("", String::concat),
        HotpatchVM.class);
  }
}
