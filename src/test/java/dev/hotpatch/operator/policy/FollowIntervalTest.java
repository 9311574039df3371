package dev.hotpatch.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}
