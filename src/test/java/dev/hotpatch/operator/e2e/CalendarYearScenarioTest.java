package dev.hotpatch.operator.e2e;

import static dev.hotpatch.operator.e2e.OperatorHarness.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.PatchBaselineSpec.OsFamily;
import dev.hotpatch.operator.devtools.CalendarRun;
import dev.hotpatch.operator.devtools.HotpatchCalendar;
import dev.hotpatch.operator.policy.MaintenanceSchedule;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.simulator.OperationTimings;
import dev.hotpatch.operator.simulator.RebootRecord;
import dev.hotpatch.operator.simulator.Release;
import dev.hotpatch.operator.simulator.ReleaseCatalog;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A simulated year for 20 VMs on two baselines, with an unplanned baseline in May. One run, then
 * each promise of the reboot gate is checked against the simulator's reboot ledger.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarYearScenarioTest {
  private OperatorHarness h;
  private final Map<String, Integer> maxTransitioning = new ConcurrentHashMap<>();
  private final Map<String, List<String>> baselinesSeen = new HashMap<>();
  private Release unplanned;

  @BeforeAll
  void playTheYear() throws Exception {
    h =
        OperatorHarness.start(
            ScenarioFleet.seed(), ScenarioFleet.START, OperationTimings.defaults(), true);
    unplanned =
        h.simulator
            .catalog()
            .addUnplanned(
                OsFamily.WindowsServer2022AzureEdition,
                ReleaseCatalog.secondTuesday(2026, 5),
                "KB5269005",
                "20348.3501");
    h.applyYaml(ScenarioFleet.baselines(false, 2));
    h.applyYaml(ScenarioFleet.vms());
    CalendarRun run =
        new CalendarRun(
            h.driver, h.client(), NAMESPACE, new HotpatchCalendar(h.simulator.catalog()));
    run.onStep(this::record);
    run.driveUntilConverged(ScenarioFleet.START.plus(java.time.Duration.ofDays(1)));
    for (int month = 2; month <= 12; month++) {
      run.playMonth(2026, month);
    }
  }

  private void record(List<HotpatchVM> vms) {
    Map<String, Integer> transitioning = new HashMap<>();
    for (HotpatchVM vm : vms) {
      var s = vm.getStatus();
      if (s == null) {
        continue;
      }
      if (s.pendingOperation != null && "BaselineTransition".equals(s.pendingOperation.kind)) {
        transitioning.merge(vm.getSpec().baselineRef.name, 1, Integer::sum);
      }
      if (s.baseline != null) {
        List<String> seen =
            baselinesSeen.computeIfAbsent(
                vm.getMetadata().getName(), k -> new java.util.ArrayList<>());
        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(s.baseline)) {
          seen.add(s.baseline);
        }
      }
    }
    transitioning.forEach((b, n) -> maxTransitioning.merge(b, n, Math::max));
  }

  @AfterAll
  void stop() throws Exception {
    // A record of the year for whoever reads a failure: each VM's end state and the reboot ledger.
    StringBuilder b = new StringBuilder();
    for (HotpatchVM vm :
        h.client().resources(HotpatchVM.class).inNamespace(NAMESPACE).list().getItems()) {
      var s = vm.getStatus();
      b.append(vm.getMetadata().getName())
          .append(' ')
          .append(s.phase)
          .append(' ')
          .append(s.osBuild)
          .append(' ')
          .append(
              Conditions.find(s.conditions, Conditions.READY)
                  .map(c -> c.getReason() + ": " + c.getMessage())
                  .orElse(""))
          .append(" seen=")
          .append(baselinesSeen.get(vm.getMetadata().getName()))
          .append('\n');
    }
    h.simulator.rebootLedger().forEach(r -> b.append(r).append('\n'));
    // Next to the test classes, i.e. in the build folder, whatever it is called.
    java.nio.file.Path classes =
        java.nio.file.Path.of(
            getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
    java.nio.file.Files.writeString(classes.resolveSibling("calendar-year.txt"), b);
    h.close();
  }

  @Test
  void everyVmRebootsExactlyOncePerBaselineTransition() {
    Map<String, Long> reboots = rebootsByVm();
    for (HotpatchVM vm :
        h.client().resources(HotpatchVM.class).inNamespace(NAMESPACE).list().getItems()) {
      String name = vm.getMetadata().getName();
      int transitions = baselinesSeen.get(name).size() - 1;
      int expected =
          name.startsWith("app-")
              ? 4
              : 3; // 2022: Apr, May (unplanned), Jul, Oct; 2025: Apr, Jul, Oct
      assertThat(transitions)
          .as("baseline transitions of %s (%s)", name, baselinesSeen.get(name))
          .isEqualTo(expected);
      assertThat(reboots.getOrDefault(name, 0L))
          .as(
              "reboots of %s: %s",
              name,
              h.simulator.rebootLedger().stream().filter(r -> r.vmName().equals(name)).toList())
          .isEqualTo(transitions);
    }
  }

  @Test
  void everyRebootFallsInsideAMaintenanceWindowOfItsBaseline() {
    assertThat(h.simulator.rebootLedger()).isNotEmpty();
    for (RebootRecord r : h.simulator.rebootLedger()) {
      String baseline = r.vmName().startsWith("app-") ? "ws2022" : "ws2025";
      PatchBaseline b = h.baseline(baseline);
      assertThat(MaintenanceSchedule.of(b.getSpec().rollout.maintenanceWindows).isOpen(r.time()))
          .as("reboot of %s at %s inside a window of %s", r.vmName(), r.time(), baseline)
          .isTrue();
    }
  }

  @Test
  void neverMoreThanMaxUnavailableTransitionAtOnce() {
    assertThat(maxTransitioning.get("ws2022")).isEqualTo(ScenarioFleet.WS2022_MAX_UNAVAILABLE);
    assertThat(maxTransitioning.get("ws2025")).isBetween(1, ScenarioFleet.WS2025_MAX_UNAVAILABLE);
  }

  @Test
  void hotpatchMonthsCauseNoReboot() {
    for (RebootRecord r : h.simulator.rebootLedger()) {
      Release release = h.simulator.catalog().byKb(r.kb()).orElseThrow();
      assertThat(release.isBaseline()).as("reboot of %s caused by %s", r.vmName(), r.kb()).isTrue();
      int month = LocalDate.ofInstant(r.time(), java.time.ZoneOffset.UTC).getMonthValue();
      assertThat(List.of(4, 5, 7, 10)).as("month of reboot %s", r).contains(month);
    }
  }

  @Test
  void theFleetEndsTheYearConvergedWithDecembersHotpatches() {
    for (HotpatchVM vm :
        h.client().resources(HotpatchVM.class).inNamespace(NAMESPACE).list().getItems()) {
      var s = vm.getStatus();
      assertThat(Conditions.isTrue(s.conditions, Conditions.READY))
          .as("%s ready: %s", vm.getMetadata().getName(), s.conditions)
          .isTrue();
      String expectedBaseline =
          vm.getMetadata().getName().startsWith("app-") ? "KB5260010" : "KB5261010";
      assertThat(s.baseline).isEqualTo(expectedBaseline);
      assertThat(s.hotpatches).hasSize(2); // November and December
    }
    // The baseline's counts follow the VMs' status writes through its own informer.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              PatchBaseline ws2022 = h.baseline("ws2022");
              assertThat(ws2022.getStatus().targeted).isEqualTo(ScenarioFleet.WS2022_VMS);
              assertThat(ws2022.getStatus().converged).isEqualTo(ScenarioFleet.WS2022_VMS);
            });
    assertThat(unplanned.type()).isEqualTo(Release.Type.Unplanned);
  }

  private Map<String, Long> rebootsByVm() {
    Map<String, Long> counts = new HashMap<>();
    for (RebootRecord r : h.simulator.rebootLedger()) {
      counts.merge(r.vmName(), 1L, Long::sum);
    }
    return counts;
  }
}
