package dev.hotpatch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SoonestEndsTest {
  private static final String SUB = "00000000-0000-0000-0000-000000000001";
  private static final String TRANSITION = SoonestEnds.operation(TransitionStep.KIND);

  @Test
  void nothingIsKnownBeforeTheFirstEnd() {
    assertThat(new SoonestEnds().soonest(SUB, TRANSITION)).isEmpty();
  }

  @Test
  void theSoonestOfTheRecentEndsPerSubscriptionAndKind() {
    SoonestEnds ends = new SoonestEnds();
    ends.record(SUB, TRANSITION, Duration.ofMinutes(12));
    ends.record(SUB.toUpperCase(), TRANSITION, Duration.ofMinutes(10)); // ARM ids ignore case
    ends.record(SUB, TRANSITION, Duration.ofMinutes(11));
    ends.record(SUB, SoonestEnds.returnAfter(TransitionStep.KIND), Duration.ofMinutes(5));
    ends.record("another", TRANSITION, Duration.ofMinutes(1));

    assertThat(ends.soonest(SUB, TRANSITION)).contains(Duration.ofMinutes(10));
    assertThat(ends.soonest(SUB, SoonestEnds.returnAfter(TransitionStep.KIND)))
        .contains(Duration.ofMinutes(5));
    assertThat(ends.soonest(SUB, SoonestEnds.operation(HotpatchInstallStep.KIND))).isEmpty();
    assertThat(ends.soonest(null, TRANSITION)).isEmpty();
  }

  @Test
  void anOldShortEndIsForgottenOnceEnoughNewerOnesCame() {
    SoonestEnds ends = new SoonestEnds();
    ends.record(SUB, TRANSITION, Duration.ofMinutes(2));
    for (int i = 0; i < SoonestEnds.KEPT - 1; i++) {
      ends.record(SUB, TRANSITION, Duration.ofMinutes(20));
    }
    assertThat(ends.soonest(SUB, TRANSITION)).contains(Duration.ofMinutes(2));
    ends.record(SUB, TRANSITION, Duration.ofMinutes(20));
    assertThat(ends.soonest(SUB, TRANSITION)).contains(Duration.ofMinutes(20));
  }

  @Test
  void aNegativeDurationOrAnUnreadableStartTeachesNothing() {
    SoonestEnds ends = new SoonestEnds();
    ends.record(SUB, TRANSITION, Duration.ofSeconds(-30)); // Azure's clock ahead of ours
    assertThat(ends.soonest(SUB, TRANSITION)).isEmpty();
    Instant now = Instant.parse("2026-04-18T20:10:00Z");
    assertThat(SoonestEnds.since("2026-04-18T20:00:00Z", now)).contains(Duration.ofMinutes(10));
    assertThat(SoonestEnds.since("yesterday", now)).isEmpty();
    assertThat(SoonestEnds.since(null, now)).isEmpty();
  }

  @Test
  void beforeAnyEndedTheOldestSeenRunningLatelyGuides() {
    SoonestEnds ends = new SoonestEnds();
    Instant t0 = Instant.parse("2026-04-18T20:00:00Z");
    ends.stillRunning(SUB, TRANSITION, t0, t0.plusSeconds(120));
    ends.stillRunning(SUB, TRANSITION, t0.plusSeconds(60), t0.plusSeconds(150)); // younger
    assertThat(ends.seen(SUB, TRANSITION, t0.plusSeconds(150)).longestRunning())
        .contains(Duration.ofSeconds(120));
    ends.stillRunning(SUB, TRANSITION, t0, t0.plusSeconds(200)); // the oldest, seen again
    assertThat(ends.seen(SUB, TRANSITION, t0.plusSeconds(200)).longestRunning())
        .contains(Duration.ofSeconds(200));
    // Not seen for longer than RUNNING_FRESH (it ended, or its VM went): it says nothing more,
    // and a younger one seen since takes its place.
    Instant later = t0.plusSeconds(200).plus(SoonestEnds.RUNNING_FRESH).plusSeconds(1);
    assertThat(ends.seen(SUB, TRANSITION, later).longestRunning()).isEmpty();
    ends.stillRunning(SUB, TRANSITION, t0.plusSeconds(400), later);
    assertThat(ends.seen(SUB, TRANSITION, later).longestRunning())
        .contains(Duration.between(t0.plusSeconds(400), later));
    assertThat(ends.seen(SUB, TRANSITION, later).soonestEnd()).isEmpty();
    ends.record(SUB, TRANSITION, Duration.ofMinutes(10));
    assertThat(ends.seen(SUB, TRANSITION, later).soonestEnd()).contains(Duration.ofMinutes(10));
  }
}
