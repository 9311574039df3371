package dev.hotpatch.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FollowIntervalTest {
  @ParameterizedTest(name = "base {0}s, max {1}s, age {2}s -> {3}s")
  @CsvSource({
    "15, 60, -30, 15", // Azure's clock ahead of ours: as young
    "15, 60, 0, 15",
    "15, 60, 119, 15",
    "15, 60, 120, 15", // an eighth of two minutes is the base
    "15, 60, 200, 25",
    "15, 60, 240, 30",
    "15, 60, 480, 60",
    "15, 60, 3600, 60", // capped
    "1, 60, 600, 60",
    "30, 10, 3600, 30", // a max below the base: the base
    "1, 4, 200, 4"
  })
  void growsWithTheAgeBetweenTheBaseAndTheMax(long base, long max, long age, long expected) {
    assertThat(
            FollowInterval.after(
                Duration.ofSeconds(base), Duration.ofSeconds(max), Duration.ofSeconds(age)))
        .isEqualTo(Duration.ofSeconds(expected));
  }

  @ParameterizedTest(name = "base {0}s, max {1}s, age {2}s, soonest end {3}s -> {4}s")
  @CsvSource({
    "15, 60, 15, , 15", // nothing ended yet: as above
    "15, 60, 200, , 25",
    "15, 60, 15, 600, 180", // towards the soonest end, three max intervals at a time
    "15, 60, -30, 600, 180", // Azure's clock ahead of ours: as young
    "15, 60, 375, 600, 180",
    "15, 60, 555, 600, 30", // to one base interval before it
    "15, 60, 580, 600, 15", // never less than the base
    "15, 60, 585, 600, 15", // there: the base, for two minutes
    "15, 60, 705, 600, 15",
    "15, 60, 825, 600, 30", // then growing again, an eighth of the time past it
    "15, 60, 7200, 600, 60",
    "15, 60, 0, 10, 15", // an end sooner than the base interval
    "30, 10, 0, 600, 90", // a max below the base: three base intervals
    "15, 60, 0, 100, 85"
  })
  void sleepsTowardsTheSoonestEndSeenLately(
      long base, long max, long age, Long soonest, long expected) {
    assertThat(
            FollowInterval.after(
                Duration.ofSeconds(base),
                Duration.ofSeconds(max),
                Duration.ofSeconds(age),
                Optional.ofNullable(soonest).map(Duration::ofSeconds)))
        .isEqualTo(Duration.ofSeconds(expected));
  }
}
