package dev.hotpatch.operator.policy;

import static dev.hotpatch.operator.policy.Fixtures.schedule;
import static dev.hotpatch.operator.policy.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaintenanceScheduleTest {

  @ParameterizedTest(name = "[{index}] {0} {1} {2} {3} at {4} -> open={5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      # days  | start | duration | zone                | instant (UTC)         | open
      # Boundaries: open at start, closed at end; the day is the day the window starts.
      Sat     | 22:00 | 4h       | UTC                 | 2026-01-17T21:59:59Z  | false
      Sat     | 22:00 | 4h       | UTC                 | 2026-01-17T22:00:00Z  | true
      Sat     | 22:00 | 4h       | UTC                 | 2026-01-18T01:00:00Z  | true
      Sat     | 22:00 | 4h       | UTC                 | 2026-01-18T01:59:59Z  | true
      Sat     | 22:00 | 4h       | UTC                 | 2026-01-18T02:00:00Z  | false
      Sat     | 22:00 | 4h       | UTC                 | 2026-01-18T22:30:00Z  | false
      Sun     | 22:00 | 4h       | UTC                 | 2026-01-18T01:00:00Z  | false
      Sun     | 22:00 | 4h       | UTC                 | 2026-01-19T01:00:00Z  | true
      saturday| 22:00 | 4h       | UTC                 | 2026-01-17T23:00:00Z  | true
      SAT     | 22:00 | 4h       | UTC                 | 2026-01-17T23:00:00Z  | true
      Mon,Wed | 09:00 | 90m      | UTC                 | 2026-01-21T10:29:00Z  | true
      Mon,Wed | 09:00 | 90m      | UTC                 | 2026-01-21T10:30:00Z  | false
      Mon,Wed | 09:00 | 90m      | UTC                 | 2026-01-20T09:30:00Z  | false
      # Empty days: every day.
      ''      | 03:00 | 1h       | UTC                 | 2026-01-20T03:30:00Z  | true
      ''      | 03:00 | 1h       | UTC                 | 2026-01-24T03:59:00Z  | true
      ''      | 03:00 | 1h       | UTC                 | 2026-01-24T04:00:00Z  | false
      # Europe/Berlin, winter (+01:00): Sat 22:00 local = 21:00Z.
      Sat     | 22:00 | 4h       | Europe/Berlin       | 2026-01-17T21:00:00Z  | true
      Sat     | 22:00 | 4h       | Europe/Berlin       | 2026-01-17T20:59:59Z  | false
      Sat     | 22:00 | 4h       | Europe/Berlin       | 2026-01-18T01:00:00Z  | false
      # Berlin spring forward 2026-03-29 02:00 -> 03:00 (01:00Z). Sat 22:00 CET = 21:00Z; 4 real hours -> 01:00Z.
      Sat     | 22:00 | 4h       | Europe/Berlin       | 2026-03-28T21:00:00Z  | true
      Sat     | 22:00 | 4h       | Europe/Berlin       | 2026-03-29T00:59:59Z  | true
      Sat     | 22:00 | 4h       | Europe/Berlin       | 2026-03-29T01:00:00Z  | false
      # Start inside the gap: opens at the first instant after it (03:00 CEST = 01:00Z).
      Sun     | 02:30 | 1h       | Europe/Berlin       | 2026-03-29T00:59:59Z  | false
      Sun     | 02:30 | 1h       | Europe/Berlin       | 2026-03-29T01:00:00Z  | true
      Sun     | 02:30 | 1h       | Europe/Berlin       | 2026-03-29T01:59:59Z  | true
      Sun     | 02:30 | 1h       | Europe/Berlin       | 2026-03-29T02:00:00Z  | false
      Sun     | 02:00 | 1h       | Europe/Berlin       | 2026-03-29T01:00:00Z  | true
      # A week later the same window is plain 02:30 CEST = 00:30Z.
      Sun     | 02:30 | 1h       | Europe/Berlin       | 2026-04-05T00:30:00Z  | true
      Sun     | 02:30 | 1h       | Europe/Berlin       | 2026-04-05T01:30:00Z  | false
      # Berlin fall back 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z). Sun 00:00 CEST = Sat 22:00Z; 4 real hours.
      Sun     | 00:00 | 4h       | Europe/Berlin       | 2026-10-24T22:00:00Z  | true
      Sun     | 00:00 | 4h       | Europe/Berlin       | 2026-10-25T01:59:59Z  | true
      Sun     | 00:00 | 4h       | Europe/Berlin       | 2026-10-25T02:00:00Z  | false
      # Start inside the overlap: the earlier 02:30 (CEST, 00:30Z), not the later one (CET, 01:30Z).
      Sun     | 02:30 | 1h       | Europe/Berlin       | 2026-10-25T00:29:59Z  | false
      Sun     | 02:30 | 1h       | Europe/Berlin       | 2026-10-25T00:30:00Z  | true
      Sun     | 02:30 | 1h       | Europe/Berlin       | 2026-10-25T01:29:59Z  | true
      Sun     | 02:30 | 1h       | Europe/Berlin       | 2026-10-25T01:30:00Z  | false
      # America/New_York spring forward 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z).
      Sun     | 02:30 | 2h       | America/New_York    | 2026-03-08T06:59:59Z  | false
      Sun     | 02:30 | 2h       | America/New_York    | 2026-03-08T07:00:00Z  | true
      Sun     | 02:30 | 2h       | America/New_York    | 2026-03-08T08:59:59Z  | true
      Sun     | 02:30 | 2h       | America/New_York    | 2026-03-08T09:00:00Z  | false
      Sat     | 23:00 | 4h       | America/New_York    | 2026-03-08T04:00:00Z  | true
      Sat     | 23:00 | 4h       | America/New_York    | 2026-03-08T07:59:59Z  | true
      Sat     | 23:00 | 4h       | America/New_York    | 2026-03-08T08:00:00Z  | false
      # New York fall back 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z): 01:30 opens at the EDT one (05:30Z).
      Sun     | 01:30 | 1h       | America/New_York    | 2026-11-01T05:29:59Z  | false
      Sun     | 01:30 | 1h       | America/New_York    | 2026-11-01T05:30:00Z  | true
      Sun     | 01:30 | 1h       | America/New_York    | 2026-11-01T06:29:59Z  | true
      Sun     | 01:30 | 1h       | America/New_York    | 2026-11-01T06:30:00Z  | false
      # Asia/Kolkata (+05:30, no DST): Mon 01:00 local = Sun 19:30Z, so the UTC day differs.
      Mon     | 01:00 | 2h       | Asia/Kolkata        | 2026-01-18T19:29:59Z  | false
      Mon     | 01:00 | 2h       | Asia/Kolkata        | 2026-01-18T19:30:00Z  | true
      Mon     | 01:00 | 2h       | Asia/Kolkata        | 2026-01-18T21:29:59Z  | true
      Mon     | 01:00 | 2h       | Asia/Kolkata        | 2026-01-18T21:30:00Z  | false
      Mon     | 01:00 | 2h       | Asia/Kolkata        | 2026-01-19T19:30:00Z  | false
      # Australia/Lord_Howe: 30-minute DST. Gap 2026-10-04 02:00 -> 02:30 (+10:30 -> +11) at 15:30Z on the 3rd.
      Sun     | 02:15 | 1h       | Australia/Lord_Howe | 2026-10-03T15:29:59Z  | false
      Sun     | 02:15 | 1h       | Australia/Lord_Howe | 2026-10-03T15:30:00Z  | true
      Sun     | 02:15 | 1h       | Australia/Lord_Howe | 2026-10-03T16:29:59Z  | true
      Sun     | 02:15 | 1h       | Australia/Lord_Howe | 2026-10-03T16:30:00Z  | false
      # Overlap 2026-04-05 02:00 -> 01:30 (+11 -> +10:30): 01:45 opens at the +11 one (14:45Z on the 4th).
      Sun     | 01:45 | 30m      | Australia/Lord_Howe | 2026-04-04T14:44:59Z  | false
      Sun     | 01:45 | 30m      | Australia/Lord_Howe | 2026-04-04T14:45:00Z  | true
      Sun     | 01:45 | 30m      | Australia/Lord_Howe | 2026-04-04T15:14:59Z  | true
      Sun     | 01:45 | 30m      | Australia/Lord_Howe | 2026-04-04T15:15:00Z  | false
      """)
  void isOpen(String days, String start, String duration, String zone, Instant at, boolean open) {
    MaintenanceSchedule s = schedule(window(days, start, duration, zone));
    assertThat(s.isOpen(at)).isEqualTo(open);
    assertThat(s.openWindowEnd(at).isPresent()).isEqualTo(open);
    assertThat(s.windowAt(at).isPresent()).isEqualTo(open);
  }

  @ParameterizedTest(name = "[{index}] {0} {1} {2} {3} at {4}: opens {5}, closes {6}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      # days | start | duration | zone                | now                   | next opening          | its end
      Sat    | 22:00 | 4h       | UTC                 | 2026-01-14T12:00:00Z  | 2026-01-17T22:00:00Z  | 2026-01-18T02:00:00Z
      Sat    | 22:00 | 4h       | UTC                 | 2026-01-17T22:00:00Z  | 2026-01-17T22:00:00Z  | 2026-01-18T02:00:00Z
      Sat    | 22:00 | 4h       | UTC                 | 2026-01-18T01:00:00Z  | 2026-01-17T22:00:00Z  | 2026-01-18T02:00:00Z
      Sat    | 22:00 | 4h       | UTC                 | 2026-01-18T02:00:00Z  | 2026-01-24T22:00:00Z  | 2026-01-25T02:00:00Z
      Sun    | 02:30 | 1h       | Europe/Berlin       | 2026-03-28T12:00:00Z  | 2026-03-29T01:00:00Z  | 2026-03-29T02:00:00Z
      Sun    | 02:30 | 1h       | Europe/Berlin       | 2026-10-24T12:00:00Z  | 2026-10-25T00:30:00Z  | 2026-10-25T01:30:00Z
      Sat    | 22:00 | 4h       | Europe/Berlin       | 2026-03-28T12:00:00Z  | 2026-03-28T21:00:00Z  | 2026-03-29T01:00:00Z
      Sat    | 22:00 | 4h       | Europe/Berlin       | 2026-03-29T01:00:00Z  | 2026-04-04T20:00:00Z  | 2026-04-05T00:00:00Z
      Mon    | 01:00 | 2h       | Asia/Kolkata        | 2026-01-18T12:00:00Z  | 2026-01-18T19:30:00Z  | 2026-01-18T21:30:00Z
      Sun    | 02:15 | 1h       | Australia/Lord_Howe | 2026-10-01T00:00:00Z  | 2026-10-03T15:30:00Z  | 2026-10-03T16:30:00Z
      Sun    | 02:30 | 2h       | America/New_York    | 2026-03-02T00:00:00Z  | 2026-03-08T07:00:00Z  | 2026-03-08T09:00:00Z
      """)
  void nextWindow(
      String days,
      String start,
      String duration,
      String zone,
      Instant now,
      Instant opens,
      Instant closes) {
    MaintenanceSchedule s = schedule(window(days, start, duration, zone));
    assertThat(s.nextOpening(now)).contains(opens);
    assertThat(s.nextWindow(now)).contains(new Interval(opens, closes));
    assertThat(s.openWindowEnd(now))
        .isEqualTo(s.isOpen(now) ? Optional.of(closes) : Optional.empty());
  }

  @Test
  void noWindowsMeansNeverOpen() {
    MaintenanceSchedule s = MaintenanceSchedule.of(List.of());
    Instant now = Instant.parse("2026-01-17T22:00:00Z");
    assertThat(s.isEmpty()).isTrue();
    assertThat(s.isOpen(now)).isFalse();
    assertThat(s.nextOpening(now)).isEmpty();
    assertThat(s.openWindowEnd(now)).isEmpty();
    assertThat(MaintenanceSchedule.of(null).isEmpty()).isTrue();
    assertThat(MaintenanceSchedule.never().isOpen(now)).isFalse();
  }

  @Test
  void touchingWindowsAreOneOpenPeriod() {
    MaintenanceSchedule s =
        schedule(window("Sat", "22:00", "4h", "UTC"), window("Sun", "02:00", "2h", "UTC"));
    Instant sunday0200 = Instant.parse("2026-01-18T02:00:00Z");
    assertThat(s.isOpen(sunday0200)).isTrue();
    assertThat(s.openWindowEnd(Instant.parse("2026-01-17T23:00:00Z")))
        .contains(Instant.parse("2026-01-18T04:00:00Z"));
    assertThat(s.nextOpening(sunday0200)).contains(Instant.parse("2026-01-17T22:00:00Z"));
  }

  @Test
  void windowsInDifferentZonesCombine() {
    MaintenanceSchedule s =
        schedule(
            window("Sat", "22:00", "2h", "Europe/Berlin"),
            window("Sat", "22:00", "2h", "America/New_York"));
    assertThat(s.isOpen(Instant.parse("2026-01-17T21:30:00Z"))).isTrue(); // Berlin
    assertThat(s.isOpen(Instant.parse("2026-01-18T03:30:00Z"))).isTrue(); // New York
    assertThat(s.isOpen(Instant.parse("2026-01-18T01:00:00Z"))).isFalse();
    assertThat(s.nextOpening(Instant.parse("2026-01-17T23:00:00Z")))
        .contains(Instant.parse("2026-01-18T03:00:00Z"));
  }

  @Test
  void longWindowStillOpenDaysLater() {
    MaintenanceSchedule s = schedule(window("Fri", "18:00", "60h", "UTC"));
    assertThat(s.isOpen(Instant.parse("2026-01-19T05:59:00Z"))).isTrue(); // Monday morning
    assertThat(s.isOpen(Instant.parse("2026-01-19T06:00:00Z"))).isFalse();
  }

  @Test
  void invalidWindowsAreRejectedWithEveryProblem() {
    assertThatThrownBy(() -> schedule(window("Caturday", "25:00", "0h", "Mars/Olympus")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maintenanceWindows[0].days[0]: unknown day \"Caturday\"")
        .hasMessageContaining("maintenanceWindows[0].start")
        .hasMessageContaining("maintenanceWindows[0].duration")
        .hasMessageContaining("unknown time zone \"Mars/Olympus\"");
  }
}
