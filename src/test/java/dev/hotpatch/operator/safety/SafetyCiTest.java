package dev.hotpatch.operator.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CI's fixed set of fuzz schedules: every invariant (I1-I6) holds in every schedule, with no double
 * call, no slot held at the end and every VM converged or saying why not. A failing seed prints
 * with a paste-able schedule; `bench safety --replay FILE` runs one again.
 */
@Tag("safety-ci")
class SafetyCiTest {
  /** About 4 to 5 minutes on the 2-core machine. */
  static final int SCHEDULES = 200;

  static final long SEED = 20261201L;

  @Test
  void aFixedSetOfSchedulesKeepsThePromise() {
    List<String> broken = new ArrayList<>();
    Stats stats =
        new SafetyFuzzer(false)
            .run(
                SCHEDULES,
                SEED,
                f ->
                    broken.add(
                        "seed "
                            + f.schedule().seed()
                            + " "
                            + f.result().violations().get(0)
                            + "\n"
                            + f.schedule().toText()));
    System.out.println(BenchReport.text(stats));
    assertThat(stats.harnessErrors).isZero();
    assertThat(stats.schedules).isEqualTo(SCHEDULES);
    assertThat(broken).as("schedules that broke an invariant").isEmpty();
    assertThat(stats.totalViolations()).isZero();
    assertThat(stats.doubleCalls).isZero();
    assertThat(stats.leakedSlots).isZero();
    assertThat(stats.notConverged).isZero();
  }
}
