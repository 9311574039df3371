package dev.hotpatch.operator.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo as `demo` runs it, on the examples bundled in the jar: the fleet settles, then a year in
 * which reboots match transitions, and what it prints on the way says what each month committed.
 */
class DemoTest {

  @Test
  void demoYearRebootsOncePerTransitionAndOnlyInsideWindows() throws Exception {
    DemoReport report;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream live = new PrintStream(printed, true, StandardCharsets.UTF_8);
    try (Demo demo = Demo.start(null, live)) {
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

    // Each month: what was committed, and who skipped a new baseline and why.
    assertThat(report.months()).hasSize(11);
    DemoReport.Month may = report.months().get(3);
    assertThat(may.month()).isEqualTo("May 2026");
    assertThat(may.committedOn()).isEqualTo("2026-05-13");
    assertThat(may.commits())
        .extracting(DemoReport.Commit::patchBaseline, DemoReport.Commit::change, c -> c.kb())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ws2022", "unplanned baseline", Demo.UNPLANNED_KB),
            org.assertj.core.groups.Tuple.tuple("ws2025", "hotpatch", "KB5261005"));
    assertThat(may.commits().get(0).moved())
        .extracting(DemoReport.Moved::vm)
        .contains("web-1", "web-2", "web-3");
    assertThat(may.skipped())
        .filteredOn(s -> s.vm().startsWith("api-"))
        .extracting(DemoReport.Skip::vm)
        .containsExactly("api-1", "api-2");
    assertThat(may.skipped())
        .filteredOn(s -> s.vm().equals("legacy-1"))
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo(byName.get("legacy-1").reason()));
    DemoReport.Month april = report.months().get(2);
    assertThat(april.commits())
        .extracting(DemoReport.Commit::change)
        .containsOnly("planned baseline");
    assertThat(april.skipped()).extracting(DemoReport.Skip::vm).doesNotContain("api-1");

    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith("Started Fabric8's mock API server at ")
        .contains(BundledExamples.DESCRIPTION)
        .contains("== May 2026: committed on 2026-05-13")
        .contains(
            "ws2022  Windows Server 2022 Azure Edition, unplanned baseline "
                + Demo.UNPLANNED_KB
                + " (build 20348.3501)")
        .contains("ws2025  Windows Server 2025 Azure Edition, hotpatch KB5261005")
        .contains(
            "api-1, api-2 skip "
                + Demo.UNPLANNED_KB
                + ": "
                + Demo.UNPLANNED_KB
                + " is a Windows Server 2022 Azure Edition baseline; PatchBaseline ws2025 is"
                + " Windows Server 2025 Azure Edition (another OS family)")
        .contains("legacy-1 skips " + Demo.UNPLANNED_KB + ": ")
        .contains("== April 2026")
        .contains("planned baseline KB5260004");
    assertThat(text).as("no literal null").doesNotContainPattern("\\bnull\\b");
    // Every row of every table has all its columns: no blank phase.
    List<String> rows = text.lines().filter(l -> l.matches("^[a-z]+-\\d+ .*")).toList();
    assertThat(rows).isNotEmpty();
    assertThat(rows).allSatisfy(r -> assertThat(r.trim().split("\\s+")).as(r).hasSize(7));
    String firstFrame = text.substring(text.indexOf("== orchestration, minute 1"));
    assertThat(firstFrame.lines().skip(2).findFirst().orElseThrow())
        .as("a VM's row in the first frame")
        .matches("^[a-z]+-\\d+ +\\S+ +\\S+ +\\S+ +\\S+ +\\d+ +\\d+$");
  }
}
