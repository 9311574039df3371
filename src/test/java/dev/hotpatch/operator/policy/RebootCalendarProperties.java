package dev.hotpatch.operator.policy;

import static dev.hotpatch.operator.policy.CalendarFixtures.baseline;
import static dev.hotpatch.operator.policy.CalendarFixtures.transitioning;
import static dev.hotpatch.operator.policy.CalendarFixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.Rollout;
import dev.hotpatch.operator.policy.ExpectedReboot.Cause;
import dev.hotpatch.operator.reconciler.Phases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * For any windows, fleet, start and horizon: every reboot the calendar forecasts is one the reboot
 * gate would allow when it comes, and no slot takes more VMs than maxUnavailable.
 */
class RebootCalendarProperties {
  /** A fleet as the cluster reports it: some VMs on their baseline, some behind, some in flight. */
  record World(
      List<Rollout.MaintenanceWindow> windows,
      int maxUnavailable,
      List<Integer> states,
      Instant from,
      int months) {
    PatchBaseline baseline() {
      return baseline(windows.toArray(Rollout.MaintenanceWindow[]::new));
    }

    PatchBaseline baseline(Rollout.MaintenanceWindow... ws) {
      return CalendarFixtures.baseline("ws2022", maxUnavailable, ws);
    }

    List<HotpatchVM> vms() {
      List<HotpatchVM> vms = new ArrayList<>();
      for (int i = 0; i < states.size(); i++) {
        String name = String.format("vm-%02d", i);
        HotpatchVM vm =
            switch (states.get(i)) {
              case 0 -> vm(name, "ws2022");
              case 1 -> vm(name, "ws2022", "20348.3300", Phases.CONVERGED);
              case 2 -> vm(name, "ws2022", "20348.3250", Phases.WAITING);
              case 3 -> {
                HotpatchVM told = vm(name, "ws2022", "20348.3250", Phases.WAITING);
                told.getStatus().nextReboot = from.plus(Duration.ofHours(7L * i)).toString();
                yield told;
              }
              default ->
                  transitioning(
                      vm(name, "ws2022", "20348.3250", Phases.TRANSITIONING),
                      from.minus(Duration.ofMinutes(10)).toString());
            };
        vms.add(vm);
      }
      return vms;
    }
  }

  /** Windows the validator accepts: 2h or longer, not overlapping, in zones with odd DST rules. */
  @Provide
  Arbitrary<List<Rollout.MaintenanceWindow>> validWindows() {
    Arbitrary<Rollout.MaintenanceWindow> one =
        Combinators.combine(
                Arbitraries.of(MaintenanceScheduleProperties.DAYS),
                Arbitraries.integers().between(0, 23),
                Arbitraries.of(0, 15, 30, 45),
                Arbitraries.integers().between(120, 60 * 20),
                Arbitraries.of(MaintenanceScheduleProperties.ZONES))
            .as(
                (days, h, m, minutes, zone) ->
                    Fixtures.window(days, String.format("%02d:%02d", h, m), minutes + "m", zone));
    return one.list()
        .ofMinSize(1)
        .ofMaxSize(2)
        .filter(
            ws ->
                SpecValidator.validate(
                        baseline("ws2022", 1, ws.toArray(Rollout.MaintenanceWindow[]::new))
                            .getSpec())
                    .isEmpty());
  }

  @Provide
  Arbitrary<World> worlds() {
    MaintenanceScheduleProperties windows = new MaintenanceScheduleProperties();
    return Combinators.combine(
            validWindows(),
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(0, 4).list().ofMinSize(1).ofMaxSize(25),
            windows.instants(),
            Arbitraries.integers().between(0, 9))
        .as(World::new);
  }

  @Property(tries = 300)
  void everyForecastRebootStartsInsideAWindowWithTheTimeTheGateNeeds(
      @ForAll("worlds") World world) {
    MaintenanceSchedule schedule = MaintenanceSchedule.of(world.windows());
    Duration needs = RebootCalendar.Assumptions.defaults().transitionNeeds();
    var forecast = forecast(world);
    boolean any = forecast.vms().stream().anyMatch(v -> !v.reboots().isEmpty());
    Statistics.collect(any ? "some reboots" : "none");
    // Not vacuous: most worlds forecast reboots (all but those of months 0 or no wave).
    Statistics.coverage(c -> c.check("some reboots").percentage(p -> p > 50));

    for (VmCalendar vm : forecast.vms()) {
      for (ExpectedReboot r : vm.reboots()) {
        if (r.cause() == Cause.IN_FLIGHT) {
          continue; // started before the forecast did
        }
        assertThat(r.at())
            .as("%s %s", vm.name(), r.why())
            .isBetween(world.from(), forecast.until());
        // The gate's own answer at that instant, for a VM behind its baseline with a free slot.
        GateDecision gate =
            RebootGate.decide(
                new GateInput(
                    OsBuild.parse("20348.3250"),
                    OsBuild.parse("20348.3300"),
                    r.at(),
                    schedule,
                    0,
                    world.maxUnavailable(),
                    false,
                    0,
                    1,
                    needs));
        assertThat(gate.allowed())
            .as("gate at %s for %s: %s", r.at(), r.why(), gate.message())
            .isTrue();
        assertThat(r.window()).isEqualTo(schedule.windowAt(r.at()).orElseThrow());
        if (r.cause() == Cause.PLANNED_BASELINE) {
          assertThat(r.at()).isAfterOrEqualTo(r.committed());
        }
      }
    }
  }

  @Property(tries = 300)
  void noSlotTakesMoreThanMaxUnavailableVms(@ForAll("worlds") World world) {
    var forecast = forecast(world);
    Duration needs = RebootCalendar.Assumptions.defaults().transitionNeeds();

    // Every transition in flight, or starting at t, runs for a slot's length: count, at each
    // start, those running.
    List<Instant> starts = new ArrayList<>();
    forecast.vms().forEach(v -> v.reboots().forEach(r -> starts.add(r.at())));
    Map<Instant, Integer> runningAt = new HashMap<>();
    for (Instant t : starts) {
      int n = 0;
      for (Instant other : starts) {
        // The model: a transition in flight holds its slot in the first row, if that row starts
        // at the forecast's start; elsewhere it is assumed over before the next window opens.
        boolean inFlight = other.isBefore(world.from());
        boolean runs =
            inFlight ? t.equals(world.from()) : !other.isAfter(t) && other.plus(needs).isAfter(t);
        if (runs) {
          n++;
        }
      }
      runningAt.put(t, n);
    }
    long inFlight = world.states().stream().filter(s -> s == 4).count();
    int bound = (int) Math.max(world.maxUnavailable(), inFlight);
    assertThat(runningAt)
        .allSatisfy((t, n) -> assertThat(n).as("running at %s", t).isLessThanOrEqualTo(bound));
  }

  @Property(tries = 200)
  void eachVmRebootsAtMostOncePerBaselineAndInOrder(@ForAll("worlds") World world) {
    var forecast = forecast(world);

    for (VmCalendar vm : forecast.vms()) {
      assertThat(vm.reboots()).extracting(ExpectedReboot::onto).doesNotHaveDuplicates();
      assertThat(vm.reboots()).extracting(ExpectedReboot::at).isSorted();
      if (vm.reboots().isEmpty()) {
        assertThat(vm.notes()).as("why %s has none", vm.name()).isNotEmpty();
      }
    }
  }

  @Property(tries = 100)
  void aLongerForecastOnlyAddsReboots(
      @ForAll("worlds") World world, @ForAll @IntRange(min = 1, max = 6) int more) {
    var shorter = forecast(world);
    var longer =
        RebootCalendar.forecast(
            List.of(world.baseline()),
            world.vms(),
            world.from(),
            world.months() + more,
            RebootCalendar.Assumptions.defaults());

    for (int i = 0; i < shorter.vms().size(); i++) {
      List<ExpectedReboot> a = shorter.vms().get(i).reboots();
      List<ExpectedReboot> b = longer.vms().get(i).reboots();
      // A wave cut short by the horizon may only gain VMs; earlier waves are the same.
      assertThat(b.size()).isGreaterThanOrEqualTo(a.size());
      for (int j = 0; j < a.size(); j++) {
        if (!a.get(j).onto().equals(b.get(j).onto())) {
          break; // a VM not placed before a commit moved on: same count, later wave
        }
        assertThat(b.get(j).at()).isEqualTo(a.get(j).at());
      }
    }
  }

  private static RebootCalendar.Forecast forecast(World world) {
    return RebootCalendar.forecast(
        List.of(world.baseline()),
        world.vms(),
        world.from(),
        world.months(),
        RebootCalendar.Assumptions.defaults());
  }
}
