package dev.hotpatch.operator.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer has teeth. The defects it was first written against (an Orphan delete freeing a slot
 * mid-transition, a bad enum stopping the operator) are fixed, so their schedules no longer break a
 * rule; the teeth are now proven on the checker side, on the Azure histories those defects left
 * (recorded as the simulator records them), and end to end by a defect that is still open ({@link
 * FoundDefectsTest} holds the replayable schedules; enable them there when fixed).
 */
class FuzzerTeethTest extends SafetyCheckerTest {
  static final Duration HOUR = Duration.ofHours(1);

  /**
   * What the Orphan-delete defect left in Azure's history: web-1's transition still running (its
   * HotpatchVM deleted, its slot freed), web-2's starting 5 minutes later, maxUnavailable 1.
   */
  @Test
  void theOrphanDeleteHistoryBreaksTheRolloutBudget() {
    install(WEB1, OPEN.plusSeconds(60), HOUR, "Succeeded");
    world.vmDeleted(OPEN.plus(Duration.ofMinutes(3)), "a/web-1");
    install(WEB2, OPEN.plus(Duration.ofMinutes(6)), HOUR, "Succeeded");
    assertThat(check().violations()).extracting(Violation::invariant).contains(Invariant.I2);
  }

  /** A lost answer resent by the pipeline: a second reboot-capable call for the same transition. */
  @Test
  void aResentInstallBreaksOncePerTransition() {
    install(WEB1, OPEN.plusSeconds(60), HOUR, "Succeeded");
    install(WEB1, OPEN.plusSeconds(61), HOUR, "Succeeded");
    CheckResult r = check();
    assertThat(r.violations()).extracting(Violation::invariant).contains(Invariant.I3);
    assertThat(r.doubleCalls()).isPositive();
  }

  /** A transition started on a Tuesday afternoon, outside the Saturday/Sunday window. */
  @Test
  void aRebootOutsideTheWindowBreaksTheGate() {
    install(WEB1, OPEN.plus(Duration.ofDays(3)).minus(Duration.ofHours(5)), HOUR, "Succeeded");
    assertThat(check().violations()).extracting(Violation::invariant).contains(Invariant.I1);
  }

  /** A bad enum that stopped the operator: the end state says so (I6). */
  @Test
  void aStoppedOperatorBreaksIsolation() {
    CheckResult r =
        checkEnd(
            new EndState(
                OPEN.plus(Duration.ofDays(7)),
                List.of(hpvm("a", "web-2", "True", "Converged")),
                List.of(),
                true,
                "informer stopped: InvalidFormatException: Cannot deserialize value of type Type",
                Set.of("a/bad-1")));
    assertThat(r.violations()).extracting(Violation::invariant).contains(Invariant.I6);
  }

  @Test
  void aScheduleRoundTripsThroughItsText() {
    Schedule s = ScheduleGenerator.generate(42, Profile.LOSSY);
    assertThat(Schedule.parse(s.toText())).isEqualTo(s);
    assertThat(ScheduleGenerator.generate(42, Profile.LOSSY)).isEqualTo(s);
  }
}
