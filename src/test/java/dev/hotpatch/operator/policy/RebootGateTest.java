package dev.hotpatch.operator.policy;

import static dev.hotpatch.operator.policy.Fixtures.schedule;
import static dev.hotpatch.operator.policy.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RebootGateTest {
  /** Saturdays 22:00-02:00 UTC. */
  static final MaintenanceSchedule SATURDAY_NIGHT = schedule(window("Sat", "22:00", "4h", "UTC"));

  static final Instant INSIDE = Instant.parse("2026-01-17T23:00:00Z");
  static final Instant OUTSIDE = Instant.parse("2026-01-14T12:00:00Z");

  @ParameterizedTest(
      name = "[{index}] {0} -> {1} at {2} paused={3} failures={4}/{5} slots={6}/{7}: {8}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      # current  | declared   | now                  | paused | failed | budget | transitioning | max | reason
      20348.2700 | 20348.2849 | 2026-01-17T23:00:00Z | false  | 0      | 1      | 0             | 1   | Allowed
      20348.2762 | 20348.2849 | 2026-01-17T22:00:00Z | false  | 2      | 3      | 2             | 3   | Allowed
      20348.2849 | 20348.2849 | 2026-01-17T23:00:00Z | false  | 0      | 1      | 0             | 1   | NotBehindBaseline
      20348.2900 | 20348.2849 | 2026-01-17T23:00:00Z | false  | 0      | 1      | 0             | 1   | NotBehindBaseline
      26100.1000 | 20348.2849 | 2026-01-17T23:00:00Z | false  | 0      | 1      | 0             | 1   | NotBehindBaseline
      20348.2700 | 26100.4946 | 2026-01-17T23:00:00Z | false  | 0      | 1      | 0             | 1   | NotBehindBaseline
      20348.2700 | 20348.2849 | 2026-01-17T23:00:00Z | true   | 0      | 1      | 0             | 1   | RolloutPaused
      20348.2700 | 20348.2849 | 2026-01-14T12:00:00Z | true   | 5      | 1      | 9             | 1   | RolloutPaused
      20348.2700 | 20348.2849 | 2026-01-17T23:00:00Z | false  | 1      | 1      | 0             | 1   | FailureBudgetSpent
      20348.2700 | 20348.2849 | 2026-01-17T23:00:00Z | false  | 0      | 0      | 0             | 1   | FailureBudgetSpent
      20348.2700 | 20348.2849 | 2026-01-14T12:00:00Z | false  | 3      | 2      | 1             | 1   | FailureBudgetSpent
      20348.2700 | 20348.2849 | 2026-01-14T12:00:00Z | false  | 0      | 1      | 0             | 1   | OutsideMaintenanceWindow
      20348.2700 | 20348.2849 | 2026-01-18T02:00:00Z | false  | 0      | 1      | 0             | 1   | OutsideMaintenanceWindow
      20348.2700 | 20348.2849 | 2026-01-17T21:59:59Z | false  | 0      | 1      | 5             | 1   | OutsideMaintenanceWindow
      20348.2700 | 20348.2849 | 2026-01-17T23:00:00Z | false  | 0      | 1      | 1             | 1   | NoRolloutSlot
      20348.2700 | 20348.2849 | 2026-01-18T01:59:59Z | false  | 0      | 1      | 3             | 3   | NoRolloutSlot
      """)
  void decides(
      String current,
      String declared,
      Instant now,
      boolean paused,
      int failed,
      int budget,
      int transitioning,
      int max,
      GateReason reason) {
    GateDecision d =
        RebootGate.decide(
            new GateInput(
                OsBuild.parse(current),
                OsBuild.parse(declared),
                now,
                SATURDAY_NIGHT,
                transitioning,
                max,
                paused,
                failed,
                budget));
    assertThat(d.reason()).isEqualTo(reason);
    assertThat(d.allowed()).isEqualTo(reason == GateReason.Allowed);
    assertThat(d.message()).isNotBlank();
    assertThat(d.nextWindow()).isPresent();
  }

  /** A stale fleet view closes the gate inside a window; pause, budget and calendar come first. */
  @ParameterizedTest(name = "[{index}] at {0} paused={1} slots={2}/1: {3}")
  @CsvSource({
    "2026-01-17T23:00:00Z, false, 0, FleetViewStale",
    "2026-01-17T23:00:00Z, false, 1, FleetViewStale",
    "2026-01-17T23:00:00Z, true, 0, RolloutPaused",
    "2026-01-14T12:00:00Z, false, 0, OutsideMaintenanceWindow"
  })
  void aStaleFleetViewClosesTheGate(
      Instant now, boolean paused, int transitioning, GateReason reason) {
    GateDecision d =
        RebootGate.decide(
            new GateInput(
                OsBuild.parse("20348.2700"),
                OsBuild.parse("20348.2849"),
                now,
                SATURDAY_NIGHT,
                transitioning,
                1,
                paused,
                0,
                1,
                java.time.Duration.ZERO,
                true));
    assertThat(d.reason()).isEqualTo(reason);
    assertThat(d.allowed()).isFalse();
  }

  @Test
  void outsideWindowNamesTheNextOpening() {
    GateDecision d = RebootGate.decide(input(OUTSIDE, SATURDAY_NIGHT));
    assertThat(d.message()).isEqualTo("waiting for maintenance window opening 2026-01-17T22:00Z");
    assertThat(d.nextWindow()).contains(Instant.parse("2026-01-17T22:00:00Z"));
    assertThat(d.windowEnd()).isEmpty();
  }

  @Test
  void allowedNamesWhenTheWindowCloses() {
    GateDecision d = RebootGate.decide(input(INSIDE, SATURDAY_NIGHT));
    assertThat(d.allowed()).isTrue();
    assertThat(d.message())
        .contains("20348.2700")
        .contains("20348.2849")
        .endsWith("window closes 2026-01-18T02:00Z");
    assertThat(d.nextWindow()).contains(Instant.parse("2026-01-17T22:00:00Z"));
    assertThat(d.windowEnd()).contains(Instant.parse("2026-01-18T02:00:00Z"));
  }

  @Test
  void noWindowsNeverAllows() {
    GateDecision d = RebootGate.decide(input(INSIDE, MaintenanceSchedule.never()));
    assertThat(d.reason()).isEqualTo(GateReason.OutsideMaintenanceWindow);
    assertThat(d.message()).contains("no maintenance windows");
    assertThat(d.nextWindow()).isEmpty();
  }

  @Test
  void messagesCarryTheNumbers() {
    MaintenanceSchedule s = SATURDAY_NIGHT;
    OsBuild from = OsBuild.parse("20348.2700");
    OsBuild to = OsBuild.parse("20348.2849");
    assertThat(RebootGate.decide(new GateInput(from, to, INSIDE, s, 2, 2, false, 0, 1)).message())
        .isEqualTo("waiting for a rollout slot: 2 of maxUnavailable 2 VMs transitioning");
    assertThat(RebootGate.decide(new GateInput(from, to, INSIDE, s, 0, 2, false, 1, 1)).message())
        .isEqualTo("rollout stopped: 1 failed transition(s), failure budget 1");
    assertThat(RebootGate.decide(new GateInput(to, to, INSIDE, s, 0, 2, false, 0, 1)).message())
        .isEqualTo("OS build 20348.2849 is already at or past baseline build 20348.2849");
  }

  @Test
  void formatsInstantsShortly() {
    assertThat(RebootGate.format(Instant.parse("2026-01-17T22:00:00Z")))
        .isEqualTo("2026-01-17T22:00Z");
    assertThat(RebootGate.format(Instant.parse("2026-01-17T22:00:30Z")))
        .isEqualTo("2026-01-17T22:00:30Z");
  }

  /** The gate's one promise: it allows only when every condition holds. */
  @Property
  void allowsOnlyWhenEveryConditionHolds(
      @ForAll @IntRange(min = 2600, max = 2900) int currentUbr,
      @ForAll @IntRange(min = 0, max = 14 * 24 * 60) int minutesIntoTwoWeeks,
      @ForAll @IntRange(min = 0, max = 5) int transitioning,
      @ForAll @IntRange(min = 1, max = 4) int max,
      @ForAll boolean paused,
      @ForAll @IntRange(min = 0, max = 3) int failed,
      @ForAll @IntRange(min = 0, max = 3) int budget) {
    Instant now = Instant.parse("2026-01-12T00:00:00Z").plusSeconds(60L * minutesIntoTwoWeeks);
    OsBuild current = new OsBuild(20348, currentUbr);
    OsBuild declared = OsBuild.parse("20348.2849");
    GateDecision d =
        RebootGate.decide(
            new GateInput(
                current,
                declared,
                now,
                SATURDAY_NIGHT,
                transitioning,
                max,
                paused,
                failed,
                budget));
    boolean expected =
        current.isOlderThan(declared)
            && SATURDAY_NIGHT.isOpen(now)
            && transitioning < max
            && !paused
            && failed < budget;
    assertThat(d.allowed()).isEqualTo(expected);
    assertThat(d.allowed()).isEqualTo(d.reason() == GateReason.Allowed);
  }

  private static GateInput input(Instant now, MaintenanceSchedule schedule) {
    return new GateInput(
        OsBuild.parse("20348.2700"), OsBuild.parse("20348.2849"), now, schedule, 0, 1, false, 0, 1);
  }

  @org.junit.jupiter.api.Test
  void transitionNeedsEnoughOfTheWindowLeftToFinishInsideIt() {
    OsBuild from = OsBuild.parse("20348.3300");
    OsBuild to = OsBuild.parse("20348.3450");
    java.time.Duration hour = java.time.Duration.ofHours(1);
    // Saturday 22:00-02:00 UTC: at 00:59 there are 61 minutes left, at 01:01 only 59.
    Instant plenty = Instant.parse("2026-01-18T00:59:00Z");
    Instant tooLate = Instant.parse("2026-01-18T01:01:00Z");
    assertThat(
            RebootGate.decide(
                    new GateInput(from, to, plenty, SATURDAY_NIGHT, 0, 1, false, 0, 1, hour))
                .allowed())
        .isTrue();
    GateDecision late =
        RebootGate.decide(
            new GateInput(from, to, tooLate, SATURDAY_NIGHT, 0, 1, false, 0, 1, hour));
    assertThat(late.allowed()).isFalse();
    assertThat(late.reason()).isEqualTo(GateReason.OutsideMaintenanceWindow);
    assertThat(late.message()).contains("59m").contains("1h").contains("2026-01-24T22:00Z");
    assertThat(late.nextWindow()).contains(Instant.parse("2026-01-24T22:00:00Z"));
  }

  @org.junit.jupiter.api.Test
  void exactlyTheNeededTimeLeftIsEnough() {
    OsBuild from = OsBuild.parse("20348.3300");
    OsBuild to = OsBuild.parse("20348.3450");
    Instant oneHourBeforeClose = Instant.parse("2026-01-18T01:00:00Z");
    assertThat(
            RebootGate.decide(
                    new GateInput(
                        from,
                        to,
                        oneHourBeforeClose,
                        SATURDAY_NIGHT,
                        0,
                        1,
                        false,
                        0,
                        1,
                        java.time.Duration.ofHours(1)))
                .allowed())
        .isTrue();
  }
}
