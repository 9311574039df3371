package dev.hotpatch.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListPacingTest {
  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
  private static final ListPacing PACING = ListPacing.defaults(Duration.ofMinutes(2));

  @ParameterizedTest(name = "remaining {0}: next page after {1} ms")
  @CsvSource({
    "-1, 600", // Azure said nothing: 100 pages a minute
    "299, 600",
    "99, 600",
    "59, 1000", // what is left, spread over its minute
    "9, 6000",
    "0, 60000"
  })
  void pagesAreSpreadOverWhatAzureSaysIsLeft(int remaining, long gapMillis) {
    OptionalInt left = remaining < 0 ? OptionalInt.empty() : OptionalInt.of(remaining);
    assertThat(PACING.nextPage(T, left)).isEqualTo(T.plusMillis(gapMillis));
  }

  @ParameterizedTest(name = "remaining {0} of a 5 s window: next page after {1} ms")
  @CsvSource({
    "-1, 600", "14, 600", // Resource Graph's 15 a window: the steady spacing is the bound
    "4, 1000", // what is left, spread over the rest of its 5 seconds
    "1, 2500", "0, 5000"
  })
  void aQuotaOfAShortWindowIsSpreadOverThatWindow(int remaining, long gapMillis) {
    OptionalInt left = remaining < 0 ? OptionalInt.empty() : OptionalInt.of(remaining);
    assertThat(PACING.nextPage(T, left, java.time.Duration.ofSeconds(5)))
        .isEqualTo(T.plusMillis(gapMillis));
  }

  @ParameterizedTest(name = "failure {0} in a row, Retry-After {1}s: wait {2}s")
  @CsvSource({
    "1, -1, 5",
    "2, -1, 10",
    "4, -1, 40",
    "7, -1, 300", // capped at 5 minutes
    "60, -1, 300",
    "1, 30, 30", // Azure's Retry-After when longer
    "3, 2, 20", // the back-off when longer
    "9, 900, 900"
  })
  void backOffDoublesAndHonoursRetryAfter(int failures, int retryAfter, long waitSeconds) {
    Optional<Duration> ra =
        retryAfter < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(retryAfter));
    assertThat(PACING.retryAt(T, failures, ra)).isEqualTo(T.plusSeconds(waitSeconds));
  }

  @ParameterizedTest(name = "in flight {0}: next list after {1} min")
  @CsvSource({"true, 2", "false, 10"})
  void listOftenWhileSomethingRunsAndRarelyWhenQuiet(boolean inFlight, long minutes) {
    assertThat(PACING.nextRefresh(T, inFlight)).isEqualTo(T.plus(Duration.ofMinutes(minutes)));
  }

  @ParameterizedTest(name = "listed {0} min ago: stale {1}")
  @CsvSource({"0, false", "29, false", "30, false", "31, true", "600, true"})
  void aViewOlderThanThreeIdleIntervalsIsStale(long minutesAgo, boolean stale) {
    Instant now = T.plus(Duration.ofMinutes(minutesAgo));
    assertThat(PACING.stale(T, now)).isEqualTo(stale);
  }

  @org.junit.jupiter.api.Test
  void aViewNeverListedIsStale() {
    assertThat(PACING.stale(null, T)).isTrue();
  }
}
