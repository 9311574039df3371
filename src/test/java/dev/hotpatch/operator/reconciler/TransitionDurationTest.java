package dev.hotpatch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.policy.GateDecision;
import dev.hotpatch.operator.policy.GateReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The maximumDuration sent with a transition: capped to what is left of the window, in whole
 * minutes. Regression: a window-capped transition sent {@code PT1H37M0.25S}, which no client sends
 * and Azure's ISO 8601 validation refuses.
 */
class TransitionDurationTest {
  private static final Instant NOW = Instant.parse("2026-04-18T20:22:59.750Z");

  @ParameterizedTest
  @CsvSource({
    // window ends                 , sent
    "2026-04-18T22:00:00Z          , PT1H37M",
    "2026-04-18T23:59:00Z          , PT2H",
    "2026-04-19T00:22:59.750Z      , PT2H",
    "2026-04-18T21:23:59.749Z      , PT1H",
  })
  void wholeMinutesCappedToTheWindow(String windowEnd, String sent) {
    GateDecision gate =
        new GateDecision(
            true,
            GateReason.Allowed,
            "open",
            Optional.of(NOW.minusSeconds(60)),
            Optional.of(Instant.parse(windowEnd.trim())));
    assertThat(TransitionStep.maximumDuration(NOW, Duration.ofHours(2), gate).toString())
        .isEqualTo(sent.trim());
  }
}
