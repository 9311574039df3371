package dev.hotpatch.operator.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CI's fixed set of fuzz schedules: zero violations of I1-I6 allowed.
 *
 * <p>EXPECTED TO FAIL on today's operator (the operator team is fixing the reconciler; see issue
 * 8): it is the acceptance test of that work, not a broken test. Failing seeds print with a
 * paste-able schedule; `bench safety --schedules 1 --seed S` runs one again.
 */
@Tag("safety-ci")
class SafetyCiTest {
  /**
   * About 2-3 minutes on the shared 2-core machine today; the target is 200 once steps are cheaper.
   */
  static final int SCHEDULES = 40;

  static final long SEED = 20261201L;

  @Test
  void aFixedSetOfSchedulesKeepsThePromise() {
    List<String> failures = new ArrayList<>();
    Stats stats =
        new SafetyFuzzer(false)
            .run(
                SCHEDULES,
                SEED,
                f ->
                    failures.add(
                        "seed "
                            + f.schedule().seed()
                            + " "
                            + f.result().violations().get(0)
                            + "\n"
                            + f.schedule().toText()));
    System.out.println(BenchReport.text(stats));
    assertThat(stats.harnessErrors).isZero();
    assertThat(failures).isEmpty();
  }
}
