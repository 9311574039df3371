package dev.hotpatch.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransitionTimeoutTest {

  @ParameterizedTest(name = "[{index}] started {0}, max {1}, margin {2}, now {3} -> expired={4}")
  @CsvSource({
    "2026-01-17T22:00:00Z, PT2H, PT30M, 2026-01-18T00:29:59Z, false",
    "2026-01-17T22:00:00Z, PT2H, PT30M, 2026-01-18T00:30:00Z, true",
    "2026-01-17T22:00:00Z, PT2H, PT30M, 2026-01-18T05:00:00Z, true",
    "2026-01-17T22:00:00Z, PT2H, PT0S,  2026-01-18T00:00:00Z, true",
    "2026-01-17T22:00:00Z, PT2H, PT0S,  2026-01-17T21:00:00Z, false",
  })
  void expiresAtStartPlusMaximumPlusMargin(
      Instant started, Duration max, Duration margin, Instant now, boolean expired) {
    assertThat(TransitionTimeout.expired(started, max, margin, now)).isEqualTo(expired);
    assertThat(TransitionTimeout.deadline(started, max, margin))
        .isEqualTo(started.plus(max).plus(margin));
  }
}
