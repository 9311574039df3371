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
    "15, 60, 15, 600, 240", // towards the soonest end, four max intervals at a time
    "15, 60, -30, 600, 240", // Azure's clock ahead of ours: as young
    "15, 60, 375, 600, 210",
    "15, 60, 555, 600, 30", // to one base interval before it
    "15, 60, 580, 600, 15", // never less than the base
    "15, 60, 585, 600, 15", // there: the base, for two minutes
    "15, 60, 705, 600, 15",
    "15, 60, 825, 600, 30", // then growing again, an eighth of the time past it
    "15, 60, 7200, 600, 60",
    "15, 60, 0, 10, 15", // an end sooner than the base interval
    "30, 10, 0, 600, 120", // a max below the base: four base intervals
    "15, 60, 0, 100, 85"
  })
  void sleepsTowardsTheSoonestEndSeenLately(
      long base, long max, long age, Long soonest, long expected) {
    assertThat(
            FollowInterval.after(
                Duration.ofSeconds(base),
                Duration.ofSeconds(max),
                Duration.ofSeconds(age),
                new FollowInterval.Seen(
                    Optional.ofNullable(soonest).map(Duration::ofSeconds),
                    Optional.of(Duration.ofHours(3))))) // an end seen outweighs any running
        .isEqualTo(Duration.ofSeconds(expected));
  }

  @ParameterizedTest(name = "base {0}s, max {1}s, age {2}s, oldest running at {3}s -> {4}s")
  @CsvSource({
    "15, 60, 15, 300, 240", // younger than the oldest running: waits until as old
    "15, 60, 200, 300, 85",
    "15, 60, 280, 300, 15",
    "15, 60, 285, 300, 35", // as old: by its own age (an eighth of it), as with nothing known
    "15, 60, 300, 300, 37",
    "15, 60, 400, 300, 50",
    "15, 60, 15, 20, 15", // the oldest is young too: the base
    "15, 60, -30, 600, 240"
  })
  void beforeAnyEndedWaitsUntilAsOldAsTheOldestStillRunning(
      long base, long max, long age, long running, long expected) {
    assertThat(
            FollowInterval.after(
                Duration.ofSeconds(base),
                Duration.ofSeconds(max),
                Duration.ofSeconds(age),
                new FollowInterval.Seen(
                    Optional.empty(), Optional.of(Duration.ofSeconds(running)))))
        .isEqualTo(Duration.ofSeconds(expected));
  }

  @ParameterizedTest(name = "age {0}s -> {1}s")
  @CsvSource({"15, 15", "200, 25", "3600, 60"})
  void nothingSeenIsTheAgeRule(long age, long expected) {
    assertThat(
            FollowInterval.after(
                Duration.ofSeconds(15),
                Duration.ofSeconds(60),
                Duration.ofSeconds(age),
                FollowInterval.Seen.NOTHING))
        .isEqualTo(Duration.ofSeconds(expected));
  }
}
