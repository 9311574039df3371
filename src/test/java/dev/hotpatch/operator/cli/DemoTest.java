package dev.hotpatch.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The demo as `demo --json` runs it: the fleet settles, then a year in which reboots match
 * transitions.
 */
class DemoTest {

  @Test
  void demoYearRebootsOncePerTransitionAndOnlyInsideWindows() throws Exception {
    DemoReport report;
    try (Demo demo = Demo.start(Path.of("examples"), null)) {
      boolean settled = demo.orchestrate(Duration.ofSeconds(60));
      assertThat(settled).as("fleet settled: %s", demo.report(false, 0).vms()).isTrue();
      demo.playYear(12);
      report = demo.report(true, 0);
    }
    var byName = new java.util.HashMap<String, DemoReport.VmLine>();
    report.vms().forEach(v -> byName.put(v.name(), v));
    for (DemoReport.VmLine vm : report.vms()) {
      assertThat(vm.reboots()).as("reboots of %s", vm.name()).hasSameSizeAs(vm.transitions());
      assertThat(vm.reboots()).allMatch(DemoReport.Reboot::insideWindow);
    }
    assertThat(byName.get("web-1").transitions())
        .extracting(DemoReport.Transition::baseline)
        .containsExactly("KB5260004", Demo.UNPLANNED_KB, "KB5260007", "KB5260010");
    assertThat(byName.get("api-1").transitions()).hasSize(3);
    assertThat(byName.get("legacy-1").eligible()).isFalse();
    assertThat(byName.get("legacy-1").reboots()).isEmpty();
    assertThat(byName.get("batch-1").reason()).startsWith("AutomaticUpdatesDisabled");
    assertThat(report.reboots())
        .isEqualTo(report.vms().stream().mapToLong(v -> v.transitions().size()).sum());
    assertThat(report.armRequests()).containsKeys("GET list", "PATCH vm", "POST installPatches");
  }
}
