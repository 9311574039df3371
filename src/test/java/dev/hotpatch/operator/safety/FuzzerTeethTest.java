package dev.hotpatch.operator.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The fuzzer has teeth: schedules that break today's operator end to end (real operator, mock API
 * server, simulator) are caught by the checker. When the operator team fixes a defect, flip its
 * assertion here into a regression test that the schedule now passes.
 */
class FuzzerTeethTest {
  /**
   * Deleting a transitioning HotpatchVM (Orphan) frees its slot while Azure still installs and
   * reboots the VM; the other VM of the baseline starts at once: two in a reboot-capable operation
   * with maxUnavailable 1 (I2). The window is always open; web-1 starts at +20m, is deleted at
   * +25m.
   */
  static final String ORPHAN_DELETE_MID_TRANSITION =
      """
      seed 0
      profile FRIENDLY
      active 1d00h00m
      baseline a/ws2022 os=2022 max=1 budget=1 start=latest windows=|00:00|24h|UTC
      vm a/web-1 os=2022 baseline=ws2022 create=false secret=false
      vm a/web-2 os=2022 baseline=ws2022 create=false secret=false
      at 0d00h00m suspend a/web-2
      at 0d00h05m unsuspend a/web-2
      at 0d00h10m deleteVm a/web-1
      """;

  /** A PatchBaseline with a bad enum value stops the whole operator (I6). */
  static final String BAD_ENUM =
      """
      seed 0
      profile FRIENDLY
      active 1d00h00m
      baseline a/ws2022 os=2022 max=1 budget=1 start=latest windows=|00:00|24h|UTC
      vm a/web-1 os=2022 baseline=ws2022 create=false secret=false
      at 0d00h05m badEnum a
      """;

  @Test
  void anOrphanDeleteMidTransitionOverfillsTheRollout() {
    CheckResult r = new SafetyFuzzer(false).replay(ORPHAN_DELETE_MID_TRANSITION);
    assertThat(r.violations()).extracting(Violation::invariant).contains(Invariant.I2);
  }

  @Test
  void aBadEnumStopsTheOperator() {
    CheckResult r = new SafetyFuzzer(false).replay(BAD_ENUM);
    assertThat(r.violations()).extracting(Violation::invariant).contains(Invariant.I6);
  }

  @Test
  void aScheduleRoundTripsThroughItsText() {
    Schedule s = ScheduleGenerator.generate(42, Profile.LOSSY);
    assertThat(Schedule.parse(s.toText())).isEqualTo(s);
    assertThat(ScheduleGenerator.generate(42, Profile.LOSSY)).isEqualTo(s);
  }
}
