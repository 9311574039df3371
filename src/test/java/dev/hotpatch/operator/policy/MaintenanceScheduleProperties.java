package dev.hotpatch.operator.policy;

import static dev.hotpatch.operator.policy.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Open, end and next-opening answers agree with each other for any windows and any instant. */
class MaintenanceScheduleProperties {
  static final List<String> ZONES =
      List.of(
          "UTC",
          "Europe/Berlin",
          "America/New_York",
          "Asia/Kolkata",
          "Australia/Lord_Howe",
          "America/St_Johns");
  static final List<String> DAYS =
      List.of("", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Sat,Sun", "Mon,Wed,Fri");
  static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  @Provide
  Arbitrary<dev.hotpatch.operator.api.Rollout.MaintenanceWindow> windows() {
    return Combinators.combine(
            Arbitraries.of(DAYS),
            Arbitraries.integers().between(0, 23),
            Arbitraries.of(0, 15, 30, 45),
            Arbitraries.integers().between(1, 60 * 30),
            Arbitraries.of(ZONES))
        .as(
            (days, h, m, minutes, zone) ->
                window(days, String.format("%02d:%02d", h, m), minutes + "m", zone));
  }

  @Provide
  Arbitrary<List<dev.hotpatch.operator.api.Rollout.MaintenanceWindow>> windowLists() {
    return windows().list().ofMinSize(1).ofMaxSize(3);
  }

  @Provide
  Arbitrary<Instant> instants() {
    // Two years from 2026, to the minute: crosses every DST change of the zones above.
    return Arbitraries.longs().between(0, 2L * 366 * 24 * 60).map(m -> BASE.plusSeconds(60 * m));
  }

  @Property(tries = 300)
  void openExactlyWhenAnEndIsKnownAndNextOpeningIsNotLater(
      @ForAll("windowLists") List<dev.hotpatch.operator.api.Rollout.MaintenanceWindow> ws,
      @ForAll("instants") Instant now) {
    MaintenanceSchedule s = MaintenanceSchedule.of(ws);
    boolean open = s.isOpen(now);
    Optional<Instant> end = s.openWindowEnd(now);
    Optional<Instant> next = s.nextOpening(now);
    assertThat(end.isPresent()).isEqualTo(open);
    assertThat(next).isPresent(); // every window opens at least weekly
    if (open) {
      assertThat(end.get()).isAfter(now);
      assertThat(next.get()).isBeforeOrEqualTo(now);
      assertThat(s.isOpen(end.get().minusSeconds(1))).isTrue();
      // Closed at the end, unless windows chain back to back past the look-ahead (e.g. every day
      // for 24h).
      if (end.get().isBefore(now.plus(Duration.ofDays(7)))) {
        assertThat(s.isOpen(end.get()))
            .as("open at the end %s of %s", end.get(), describe(ws))
            .isFalse();
      }
    } else {
      assertThat(next.get()).isAfter(now);
      assertThat(next.get()).isBefore(now.plus(Duration.ofDays(8)));
      assertThat(s.isOpen(next.get())).isTrue();
      assertThat(s.isOpen(next.get().minusSeconds(1))).isFalse();
    }
  }

  @Property(tries = 200)
  void windowLastsItsDurationInRealTime(
      @ForAll("windows") dev.hotpatch.operator.api.Rollout.MaintenanceWindow w,
      @ForAll("instants") Instant now) {
    MaintenanceSchedule s = MaintenanceSchedule.of(List.of(w));
    Duration length = GoDuration.parse(w.duration);
    Interval next = s.nextWindow(now).orElseThrow();
    // A single window's open period is one occurrence, or several merged when they touch or
    // overlap.
    assertThat(next.length()).isGreaterThanOrEqualTo(length);
    if (length.compareTo(Duration.ofHours(23)) < 0) {
      assertThat(next.length()).isEqualTo(length);
    }
  }

  @Property(tries = 100)
  void everyDayWindowOpensOncePerLocalDay(
      @ForAll @IntRange(min = 0, max = 23) int hour,
      @ForAll("zone") String zone,
      @ForAll("instants") Instant now) {
    MaintenanceSchedule s =
        MaintenanceSchedule.of(List.of(window("", String.format("%02d:00", hour), "1h", zone)));
    Instant next = s.nextOpening(now).orElseThrow();
    assertThat(Duration.between(now, next)).isLessThanOrEqualTo(Duration.ofHours(26));
  }

  static String describe(List<dev.hotpatch.operator.api.Rollout.MaintenanceWindow> ws) {
    return ws.stream()
        .map(w -> w.days + " " + w.start + " " + w.duration + " " + w.timeZone)
        .toList()
        .toString();
  }

  @Provide
  Arbitrary<String> zone() {
    return Arbitraries.of(ZONES);
  }
}
