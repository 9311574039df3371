package dev.hotpatch.operator.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.cli.ForecastReport;
import dev.hotpatch.operator.policy.ExpectedReboot;
import dev.hotpatch.operator.policy.MaintenanceSchedule;
import dev.hotpatch.operator.policy.PlannedBaselines;
import dev.hotpatch.operator.policy.RebootCalendar;
import dev.hotpatch.operator.policy.VmCalendar;
import dev.hotpatch.operator.reconciler.Phases;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * `demo --months 1 --forecast 6 [--json]`: once the fleet has settled, each VM's status says when
 * it reboots next and why, and the forecast places each VM's next reboots in its baseline's windows
 * after the next planned baseline's commit.
 */
class DemoForecastTest {

  @Test
  void aSettledDemoSaysWhenEachVmRebootsNextAndForecastsThePlannedBaselines() throws Exception {
    DemoReport report;
    RebootCalendar.Forecast forecast;
    Map<String, MaintenanceSchedule> windows = new HashMap<>();
    Map<String, String> baselineOf = new HashMap<>();
    try (Demo demo = Demo.start(null, null)) {
      assertThat(demo.orchestrate(Duration.ofSeconds(60))).isTrue();
      forecast = demo.forecast(6);
      report = demo.report(true, 0).withForecast(ForecastReport.json(forecast));
      for (PatchBaseline b :
          demo.cluster()
              .client()
              .resources(PatchBaseline.class)
              .inNamespace(Demo.NAMESPACE)
              .list()
              .getItems()) {
        windows.put(
            b.getMetadata().getName(),
            MaintenanceSchedule.of(b.getSpec().rollout.maintenanceWindows));
      }
      demo.cluster()
          .client()
          .resources(dev.hotpatch.operator.api.HotpatchVM.class)
          .inNamespace(Demo.NAMESPACE)
          .list()
          .getItems()
          .forEach(v -> baselineOf.put(v.getMetadata().getName(), v.getSpec().baselineRef.name));
    }

    // The status: a converged VM has no reboot due, and says so; every VM says why. Regression: an
    // ineligible or blocked VM stops before the build comparison and had no reason at all.
    for (DemoReport.VmLine vm : report.vms()) {
      assertThat(vm.nextRebootReason()).as("%s's nextRebootReason", vm.name()).isNotBlank();
      if (java.util.Set.of(Phases.INELIGIBLE, Phases.BLOCKED).contains(vm.phase())) {
        assertThat(vm.nextReboot()).as("%s's nextReboot", vm.name()).isNull();
        assertThat(vm.nextRebootReason()).as(vm.name()).startsWith("no reboot is due while");
        continue;
      }
      if (Phases.CONVERGED.equals(vm.phase())) {
        assertThat(vm.nextReboot()).as("%s's nextReboot", vm.name()).isNull();
        assertThat(vm.nextRebootReason())
            .startsWith("on baseline " + vm.baseline())
            .contains("none is due until a newer baseline is declared");
      } else if (vm.nextReboot() != null) {
        // Behind its baseline: the reboot is in one of its baseline's windows.
        Instant at = Instant.parse(vm.nextReboot());
        assertThat(windows.get(baselineOf.get(vm.name())).isOpen(at)).as(vm.name()).isTrue();
      }
    }
    assertThat(report.vms())
        .filteredOn(v -> Phases.CONVERGED.equals(v.phase()))
        .hasSizeGreaterThan(3);

    // The forecast: the demo starts on 2026-01-20, so the next planned baseline is April's, out
    // on the 14th; each converged VM reboots for it in its baseline's first window after the
    // commit or, with maxUnavailable spent, a later one.
    Instant commit =
        RebootCalendar.Assumptions.defaults()
            .commitOf(PlannedBaselines.patchTuesday(YearMonth.of(2026, 4)));
    Map<String, VmCalendar> byName = new HashMap<>();
    forecast.vms().forEach(v -> byName.put(v.name(), v));
    for (DemoReport.VmLine vm : report.vms()) {
      VmCalendar calendar = byName.get(vm.name());
      MaintenanceSchedule schedule = windows.get(calendar.baseline());
      if (!Phases.CONVERGED.equals(vm.phase())) {
        continue;
      }
      ExpectedReboot first = calendar.reboots().get(0);
      assertThat(first.onto()).isEqualTo("2026-04 planned baseline");
      assertThat(first.committed()).isEqualTo(commit);
      assertThat(schedule.windowAt(first.at()))
          .as("%s: %s", vm.name(), first.why())
          .contains(first.window());
      assertThat(first.window().start())
          .isAfterOrEqualTo(schedule.nextOpening(commit).orElseThrow());
    }
    // The first VM of each baseline, by name, takes the very first window after the commit.
    assertThat(byName.get("app-1").reboots().get(0).at())
        .isEqualTo(windows.get("ws2022").nextOpening(commit).orElseThrow())
        .isEqualTo(Instant.parse("2026-04-18T20:00:00Z"));
    assertThat(byName.get("legacy-1").reboots()).isEmpty();
    assertThat(byName.get("legacy-1").notes())
        .singleElement()
        .asString()
        .startsWith("phase Ineligible");

    // demo --json: the status fields per VM and the forecast document.
    JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(report));
    for (JsonNode vm : json.path("vms")) {
      assertThat(vm.has("nextReboot")).as(vm.toString()).isTrue();
      assertThat(vm.has("nextRebootReason")).as(vm.toString()).isTrue();
    }
    assertThat(json.path("vms").get(0).path("name").asText()).isEqualTo("api-1");
    assertThat(json.path("vms").get(0).path("nextRebootReason").asText()).startsWith("on baseline");
    assertThat(json.path("forecast").path("months").asInt()).isEqualTo(6);
    assertThat(json.path("forecast").path("vms")).hasSize(report.vms().size());
  }
}
