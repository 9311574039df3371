package dev.hotpatch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CreateBackoffTest {
  private final OperatorSettings settings = OperatorSettings.defaults(Clock.systemUTC());

  @Test
  void doublesFromThePollIntervalUpToTheBlockedIntervalAndStartsOverAfterASuccess() {
    CreateBackoff b = new CreateBackoff();
    assertThat(b.next("a", settings)).isEqualTo(Duration.ofSeconds(30));
    assertThat(b.next("a", settings)).isEqualTo(Duration.ofSeconds(60));
    assertThat(b.next("a", settings)).isEqualTo(Duration.ofSeconds(120));
    assertThat(b.next("other", settings)).isEqualTo(Duration.ofSeconds(30));
    for (int i = 0; i < 20; i++) {
      b.next("a", settings);
    }
    assertThat(b.next("a", settings)).isEqualTo(settings.blockedInterval());
    b.reset("a");
    assertThat(b.next("a", settings)).isEqualTo(Duration.ofSeconds(30));
  }
}
