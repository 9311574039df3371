package dev.hotpatch.operator.policy;

import static dev.hotpatch.operator.policy.CalendarFixtures.baseline;
import static dev.hotpatch.operator.policy.CalendarFixtures.ready;
import static dev.hotpatch.operator.policy.CalendarFixtures.saturdayNight;
import static dev.hotpatch.operator.policy.CalendarFixtures.transitioning;
import static dev.hotpatch.operator.policy.CalendarFixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.policy.ExpectedReboot.Cause;
import dev.hotpatch.operator.reconciler.Phases;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RebootCalendarTest {
  /** The demo's start: a week after the January 2026 baseline. */
  static final Instant JAN_20 = Instant.parse("2026-01-20T09:00:00Z");

  static Map<String, VmCalendar> forecast(
      Instant from, int months, List<PatchBaseline> baselines, List<HotpatchVM> vms) {
    return forecast(from, months, baselines, vms, RebootCalendar.Assumptions.defaults());
  }

  static Map<String, VmCalendar> forecast(
      Instant from,
      int months,
      List<PatchBaseline> baselines,
      List<HotpatchVM> vms,
      RebootCalendar.Assumptions assumptions) {
    return RebootCalendar.forecast(baselines, vms, from, months, assumptions).vms().stream()
        .collect(Collectors.toMap(VmCalendar::name, Function.identity()));
  }

  static List<HotpatchVM> vms(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> vm(String.format("web-%02d", i), "ws2022"))
        .toList();
  }

  @Test
  void aConvergedFleetRebootsOncePerPlannedBaselineInTheFirstWindowAfterItsCommit() {
    var byName = forecast(JAN_20, 6, List.of(baseline("ws2022", 1, saturdayNight())), vms(4));

    // April 2026: released Tuesday 14th, committed 18:00 UTC; Saturday 18th 22:00 CEST = 20:00Z.
    assertThat(byName.get("web-01").reboots())
        .extracting(ExpectedReboot::cause, ExpectedReboot::onto, r -> r.at().toString())
        .containsExactly(
            tuple(Cause.PLANNED_BASELINE, "2026-04 planned baseline", "2026-04-18T20:00:00Z"),
            tuple(Cause.PLANNED_BASELINE, "2026-07 planned baseline", "2026-07-18T20:00:00Z"));
    ExpectedReboot april = byName.get("web-01").reboots().get(0);
    assertThat(april.released()).isEqualTo(LocalDate.parse("2026-04-14"));
    assertThat(april.committed()).isEqualTo(Instant.parse("2026-04-14T18:00:00Z"));
    assertThat(april.window())
        .isEqualTo(
            new Interval(
                Instant.parse("2026-04-18T20:00:00Z"), Instant.parse("2026-04-19T00:00:00Z")));
    assertThat(april.why())
        .isEqualTo(
            "2026-04 planned baseline (commit 2026-04-14), window Sat 22:00 Europe/Berlin, slot 1"
                + " of 4");
    // maxUnavailable 1 and a 4h window: four one-hour slots, in name order.
    assertThat(List.of("web-01", "web-02", "web-03", "web-04"))
        .extracting(n -> byName.get(n).reboots().get(0))
        .extracting(r -> r.at().toString(), ExpectedReboot::slot, ExpectedReboot::slotsInWindow)
        .containsExactly(
            tuple("2026-04-18T20:00:00Z", 1, 4),
            tuple("2026-04-18T21:00:00Z", 2, 4),
            tuple("2026-04-18T22:00:00Z", 3, 4),
            tuple("2026-04-18T23:00:00Z", 4, 4));
    assertThat(byName.values()).allSatisfy(v -> assertThat(v.notes()).isEmpty());
  }

  @ParameterizedTest(
      name = "[{index}] {0} VMs, maxUnavailable {1}: the last at {2}, slot {3} of {4}")
  @CsvSource({
    // Four slots a Saturday: the fifth and sixth VMs slip to the next Saturday.
    "6, 1,   2026-04-25T21:00:00Z, 2, 4",
    // Two a slot: eight a window.
    "5, 2,   2026-04-18T22:00:00Z, 5, 8",
    "8, 2,   2026-04-18T23:00:00Z, 8, 8",
    "9, 2,   2026-04-25T20:00:00Z, 1, 8",
    // 50% of 3, rounded up: two a slot.
    "3, 50%, 2026-04-18T21:00:00Z, 3, 8",
    // 10% of 30 is three: twelve a window, so the 30th VM is the sixth of the third Saturday.
    "30, 10%, 2026-05-02T21:00:00Z, 6, 12",
  })
  void laterVmsSlipToLaterSlotsAndWindows(
      int count, String maxUnavailable, String lastAt, int slot, int of) {
    Object max = maxUnavailable.endsWith("%") ? maxUnavailable : Integer.valueOf(maxUnavailable);
    var byName = forecast(JAN_20, 6, List.of(baseline("ws2022", max, saturdayNight())), vms(count));

    ExpectedReboot last = byName.get(String.format("web-%02d", count)).reboots().get(0);
    assertThat(last.at()).isEqualTo(Instant.parse(lastAt));
    assertThat(last.slot()).isEqualTo(slot);
    assertThat(last.slotsInWindow()).isEqualTo(of);
  }

  @Test
  void aVmBehindItsBaselineNowRebootsInTheWindowItsStatusNamesThenForEachPlannedBaseline() {
    HotpatchVM behind = vm("web-1", "ws2022", "20348.3250", Phases.WAITING);
    behind.getStatus().nextReboot = "2026-03-07T21:00:00Z";
    var byName =
        forecast(
            Instant.parse("2026-03-02T09:00:00Z"),
            2,
            List.of(baseline("ws2022", 1, saturdayNight())),
            List.of(behind, vm("web-2", "ws2022", "20348.3300", Phases.CONVERGED)));

    assertThat(byName.get("web-1").reboots())
        .extracting(ExpectedReboot::cause, ExpectedReboot::onto, r -> r.at().toString())
        .containsExactly(
            tuple(Cause.BEHIND_BASELINE, "KB5260001", "2026-03-07T21:00:00Z"),
            tuple(Cause.PLANNED_BASELINE, "2026-04 planned baseline", "2026-04-18T20:00:00Z"));
    assertThat(byName.get("web-1").reboots().get(0).why())
        .isEqualTo(
            "behind baseline KB5260001 now (status.nextReboot 2026-03-07T21:00Z), window Sat"
                + " 22:00 Europe/Berlin, slot 1 of 4");
    assertThat(byName.get("web-2").reboots())
        .extracting(ExpectedReboot::cause)
        .containsExactly(Cause.PLANNED_BASELINE);
    // The second VM of the April wave takes the second slot.
    assertThat(byName.get("web-2").reboots().get(0).at())
        .isEqualTo(Instant.parse("2026-04-18T21:00:00Z"));
  }

  @ParameterizedTest(name = "[{index}] from {0}: reboot at {1}, slot {2} of {3}")
  @CsvSource({
    // Inside the window (21:00Z to 01:00Z in winter) with 3h30 left: now, first of three.
    "2026-03-07T21:30:00Z, 2026-03-07T21:30:00Z, 1, 3",
    // Exactly one hour left: one slot, now.
    "2026-03-08T00:00:00Z, 2026-03-08T00:00:00Z, 1, 1",
    // Less than the hour a transition needs: the next Saturday.
    "2026-03-08T00:30:00Z, 2026-03-14T21:00:00Z, 1, 4",
    // Outside a window: the next one.
    "2026-03-02T09:00:00Z, 2026-03-07T21:00:00Z, 1, 4",
  })
  void aVmBehindWithoutANextRebootTakesTheFirstSlotWithTheTimeTheGateNeeds(
      String from, String at, int slot, int of) {
    var byName =
        forecast(
            Instant.parse(from),
            1,
            List.of(baseline("ws2022", 1, saturdayNight())),
            List.of(vm("web-1", "ws2022", "20348.3250", Phases.WAITING)));

    ExpectedReboot first = byName.get("web-1").reboots().get(0);
    assertThat(first.cause()).isEqualTo(Cause.BEHIND_BASELINE);
    assertThat(first.at()).isEqualTo(Instant.parse(at));
    assertThat(first.slot()).isEqualTo(slot);
    assertThat(first.slotsInWindow()).isEqualTo(of);
  }

  @Test
  void aTransitionInFlightHoldsTheFirstSlotOfTheOpenWindow() {
    Instant from = Instant.parse("2026-03-07T21:30:00Z");
    var byName =
        forecast(
            from,
            1,
            List.of(baseline("ws2022", 1, saturdayNight())),
            List.of(
                transitioning(
                    vm("web-1", "ws2022", "20348.3250", Phases.TRANSITIONING),
                    "2026-03-07T21:10:00Z"),
                vm("web-2", "ws2022", "20348.3250", Phases.WAITING)));

    assertThat(byName.get("web-1").reboots())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.cause()).isEqualTo(Cause.IN_FLIGHT);
              assertThat(r.at()).isEqualTo(Instant.parse("2026-03-07T21:10:00Z"));
              assertThat(r.why()).contains("in flight since 2026-03-07T21:10Z");
            });
    assertThat(byName.get("web-2").reboots().get(0).at())
        .isEqualTo(Instant.parse("2026-03-07T22:30:00Z"));
    assertThat(byName.get("web-2").reboots().get(0).slot()).isEqualTo(2);
  }

  @Test
  void aTransitionInFlightIsListedWhateverStopsNewOnes() {
    PatchBaseline paused = baseline("ws2022", 1, saturdayNight());
    paused.getSpec().rollout.paused = true;
    HotpatchVM running =
        transitioning(
            vm("web-1", "ws2022", "20348.3250", Phases.TRANSITIONING), "2026-03-07T21:10:00Z");
    running.getStatus().pendingOperation.targetBaseline = "KB5260001";
    running.getSpec().suspend = true;
    var byName =
        forecast(Instant.parse("2026-03-07T21:30:00Z"), 6, List.of(paused), List.of(running));

    // The operator follows it to its end: it may reboot the VM now, and nothing comes after.
    assertThat(byName.get("web-1").reboots())
        .extracting(ExpectedReboot::cause, ExpectedReboot::onto, ExpectedReboot::windowLabel)
        .containsExactly(tuple(Cause.IN_FLIGHT, "KB5260001", "Sat 22:00 Europe/Berlin"));
    assertThat(byName.get("web-1").notes()).singleElement().asString().contains("spec.suspend");
  }

  @Test
  void aVmThatFindsNoSlotBeforeTheNextCommitMovesOntoThatBaselineDirectly() {
    // Two one-hour slots a Saturday, ten VMs behind from Monday 23 March: three Saturdays (28
    // March,
    // 4 and 11 April) before the April baseline is committed on the 14th place six of them.
    PatchBaseline b = baseline("ws2022", 1, Fixtures.window("Sat", "22:00", "2h", "UTC"));
    List<HotpatchVM> behind =
        IntStream.rangeClosed(1, 10)
            .mapToObj(i -> vm(String.format("web-%02d", i), "ws2022", "20348.3250", Phases.WAITING))
            .toList();
    var byName = forecast(Instant.parse("2026-03-23T00:00:00Z"), 2, List.of(b), behind);

    assertThat(byName.get("web-06").reboots())
        .extracting(ExpectedReboot::cause, r -> r.at().toString())
        .containsExactly(
            tuple(Cause.BEHIND_BASELINE, "2026-04-11T23:00:00Z"),
            tuple(Cause.PLANNED_BASELINE, "2026-05-02T23:00:00Z"));
    assertThat(byName.get("web-07").reboots())
        .extracting(ExpectedReboot::cause, r -> r.at().toString())
        .containsExactly(tuple(Cause.PLANNED_BASELINE, "2026-05-09T22:00:00Z"));
    assertThat(byName.get("web-07").notes())
        .containsExactly(
            "behind baseline KB5260001, with no free window slot before 2026-04-14T18:00Z: it"
                + " moves onto the 2026-04 planned baseline directly");
  }

  @Test
  void aSpentFailureBudgetOrAFailedTransitionStopsTheRebootDueNowButNotTheNextBaseline() {
    HotpatchVM failed = vm("web-1", "ws2022", "20348.3250", Phases.FAILED);
    failed.getStatus().failedTransition = "KB5260001";
    HotpatchVM waiting = vm("web-2", "ws2022", "20348.3250", Phases.WAITING);
    var byName =
        forecast(
            Instant.parse("2026-03-02T09:00:00Z"),
            2,
            List.of(baseline("ws2022", 1, saturdayNight())),
            List.of(failed, waiting));

    assertThat(byName.get("web-1").notes())
        .containsExactly(
            "the transition to baseline KB5260001 failed on this VM and is not retried");
    assertThat(byName.get("web-2").notes())
        .singleElement()
        .asString()
        .contains("failure budget is spent (1 failed, budget 1)");
    // A new baseline starts a budget of its own and retries the failed VM.
    assertThat(byName.values())
        .allSatisfy(
            v ->
                assertThat(v.reboots())
                    .extracting(ExpectedReboot::cause)
                    .containsExactly(Cause.PLANNED_BASELINE));
  }

  @Test
  void theCommitLagMovesTheRebootToTheFirstWindowAfterTheLaterCommit() {
    var byName =
        forecast(
            JAN_20,
            6,
            List.of(baseline("ws2022", 1, saturdayNight())),
            vms(1),
            RebootCalendar.Assumptions.defaults().withCommitLagDays(7));

    ExpectedReboot april = byName.get("web-01").reboots().get(0);
    assertThat(april.committed()).isEqualTo(Instant.parse("2026-04-21T18:00:00Z"));
    assertThat(april.at()).isEqualTo(Instant.parse("2026-04-25T20:00:00Z"));
    assertThat(april.why()).startsWith("2026-04 planned baseline (commit 2026-04-21)");
  }

  @ParameterizedTest(name = "[{index}] released {0}, from {1}, {2} months: {3} reboots")
  @CsvSource({
    // Already on the April baseline when its commit is due: nothing new until July.
    "2026-04-14, 2026-04-14T10:00:00Z, 1, 0",
    // July's commit, 14 July 18:00 UTC, is past three months from 14 April 10:00: four it takes.
    "2026-04-14, 2026-04-14T10:00:00Z, 3, 0",
    "2026-04-14, 2026-04-14T10:00:00Z, 4, 1",
    // Not committed yet, and the commit is still ahead.
    "2026-01-13, 2026-04-14T10:00:00Z, 1, 1",
    // Past the April commit already: the calendar does not chase a late team.
    "2026-01-13, 2026-04-15T00:00:00Z, 2, 0",
    "2026-01-13, 2026-01-20T09:00:00Z, 0, 0",
    "2026-01-13, 2026-01-20T09:00:00Z, 12, 4",
  })
  void onlyPlannedBaselinesNewerThanTheDeclaredOneAndCommittedAheadCount(
      String released, String from, int months, int reboots) {
    PatchBaseline b = baseline("ws2022", 1, saturdayNight());
    b.getSpec().released = released;
    var byName = forecast(Instant.parse(from), months, List.of(b), vms(1));

    VmCalendar only = byName.get("web-01");
    assertThat(only.reboots()).hasSize(reboots);
    if (reboots == 0) {
      assertThat(only.notes())
          .singleElement()
          .asString()
          .startsWith(
              "not behind its baseline (no status: assumed on it), and no planned baseline");
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      paused             | the rollout of PatchBaseline ws2022 is paused (spec.rollout.paused)
      no windows         | PatchBaseline ws2022 has no maintenance windows: the rollout never reboots
      missing baseline   | PatchBaseline fleet/ws2099 not found
      invalid baseline   | PatchBaseline fleet/ws2022 is invalid (spec.rollout.maintenanceWindows[0].timeZone
      suspended          | spec.suspend is true
      ineligible         | phase Ineligible (Ineligible: Windows Server 2019 cannot hotpatch)
      blocked            | phase Blocked (AutomaticUpdatesDisabled: recreate the VM)
      other OS           | OS build 26100.3300 is not the OS of PatchBaseline fleet/ws2022
      invalid VM spec    | spec is invalid (spec.azure
      being deleted      | being deleted
      """)
  void aVmTheOperatorWouldNotRebootGetsNoDatesAndTheReason(String situation, String reason) {
    PatchBaseline b = baseline("ws2022", 1, saturdayNight());
    HotpatchVM subject = vm("web-1", "ws2022");
    switch (situation) {
      case "paused" -> b.getSpec().rollout.paused = true;
      case "no windows" -> b.getSpec().rollout.maintenanceWindows.clear();
      case "missing baseline" -> subject.getSpec().baselineRef.name = "ws2099";
      case "invalid baseline" ->
          b.getSpec().rollout.maintenanceWindows.get(0).timeZone = "Mars/Olympus";
      case "suspended" -> subject.getSpec().suspend = true;
      case "ineligible" ->
          subject =
              ready(
                  vm("web-1", "ws2022", "17763.6000", Phases.INELIGIBLE),
                  "Ineligible",
                  "Windows Server 2019 cannot hotpatch");
      case "blocked" ->
          subject =
              ready(
                  vm("web-1", "ws2022", "20348.3300", Phases.BLOCKED),
                  "AutomaticUpdatesDisabled",
                  "recreate the VM");
      case "other OS" -> subject = vm("web-1", "ws2022", "26100.3300", Phases.CONVERGED);
      case "invalid VM spec" -> subject.getSpec().azure = null;
      case "being deleted" -> subject.getMetadata().setDeletionTimestamp("2026-01-20T08:00:00Z");
      default -> throw new IllegalArgumentException(situation);
    }
    var byName = forecast(JAN_20, 12, List.of(b), List.of(subject, vm("web-2", "ws2022")));

    assertThat(byName.get("web-1").reboots()).isEmpty();
    assertThat(byName.get("web-1").notes()).singleElement().asString().contains(reason);
    boolean wholeRollout =
        situation.equals("paused")
            || situation.endsWith(" baseline")
            || situation.equals("no windows");
    if (!wholeRollout) {
      // The others go on as before, and the left-out VM takes no slot from them.
      assertThat(byName.get("web-2").reboots()).hasSize(4);
      assertThat(byName.get("web-2").reboots().get(0).slot()).isEqualTo(1);
    }
  }

  @Test
  void aVmLeftOutStillCountsForAPercentageAsTheGateCountsTargetedVms() {
    HotpatchVM suspended = vm("web-1", "ws2022");
    suspended.getSpec().suspend = true;
    var byName =
        forecast(
            JAN_20,
            3,
            List.of(baseline("ws2022", "50%", saturdayNight())),
            List.of(suspended, vm("web-2", "ws2022"), vm("web-3", "ws2022")));

    // 50% of the three VMs naming the baseline is two a slot: both eligible VMs in the first.
    assertThat(byName.get("web-2").reboots().get(0).at())
        .isEqualTo(byName.get("web-3").reboots().get(0).at());
  }

  @Test
  void baselinesOfOneNameInTwoNamespacesAreSeparateRollouts() {
    PatchBaseline other = baseline("ws2022", 1, saturdayNight());
    other.getMetadata().setNamespace("team-b");
    HotpatchVM theirs = vm("web-01", "ws2022");
    theirs.getMetadata().setNamespace("team-b");
    var forecast =
        RebootCalendar.forecast(
            List.of(baseline("ws2022", 1, saturdayNight()), other),
            List.of(vm("web-01", "ws2022"), theirs),
            JAN_20,
            3,
            RebootCalendar.Assumptions.defaults());

    assertThat(forecast.vms())
        .extracting(VmCalendar::key, v -> v.reboots().get(0).slot())
        .containsExactly(tuple("fleet/web-01", 1), tuple("team-b/web-01", 1));
  }

  @Test
  void aWindowIsLabelledInTheZoneOfTheRuleThatOpensIt() {
    MaintenanceSchedule schedule =
        Fixtures.schedule(saturdayNight(), Fixtures.window("Wed", "03:00", "3h", "Asia/Kolkata"));
    Interval wednesday = schedule.nextWindow(Instant.parse("2026-03-02T09:00:00Z")).orElseThrow();

    assertThat(RebootCalendar.windowLabel(schedule, wednesday)).isEqualTo("Wed 03:00 Asia/Kolkata");
    Interval saturday = schedule.nextWindow(wednesday.end()).orElseThrow();
    assertThat(RebootCalendar.windowLabel(schedule, saturday)).isEqualTo("Sat 22:00 Europe/Berlin");
  }

  @Test
  void thePhasesItLeavesAloneAreTheOperatorsOwn() {
    assertThat(RebootCalendar.LEFT_ALONE)
        .containsExactlyInAnyOrder(
            Phases.INVALID, Phases.INELIGIBLE, Phases.BLOCKED, Phases.NOT_FOUND);
  }

  @Test
  void thePlannedCalendarIsTheSimulatorsReleaseCatalog() {
    var catalog = dev.hotpatch.operator.simulator.ReleaseCatalog.generateYears(2026, 2028);
    List<LocalDate> fromCatalog =
        catalog.all().stream()
            .filter(r -> r.type() == dev.hotpatch.operator.simulator.Release.Type.Planned)
            .map(dev.hotpatch.operator.simulator.Release::released)
            .distinct()
            .sorted()
            .toList();

    assertThat(
            PlannedBaselines.releasedBetween(
                LocalDate.parse("2026-01-01"), LocalDate.parse("2028-12-31")))
        .isEqualTo(fromCatalog)
        .hasSize(12)
        .startsWith(LocalDate.parse("2026-01-13"), LocalDate.parse("2026-04-14"));
  }
}
