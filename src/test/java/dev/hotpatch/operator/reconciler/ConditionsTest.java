package dev.hotpatch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.devtools.SimulatedClock;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private final SimulatedClock clock =
      new SimulatedClock(Instant.parse("2026-05-01T10:00:00.123Z"));
  private final Conditions conditions = new Conditions(clock);

  @Test
  void transitionTimeMovesOnlyWhenTheStatusChanges() {
    List<Condition> list = new ArrayList<>();
    conditions.set(list, 1L, Conditions.READY, false, "Orchestrating", "updating");
    assertThat(list.get(0).getLastTransitionTime()).isEqualTo("2026-05-01T10:00:00Z");

    clock.advance(Duration.ofMinutes(5));
    conditions.set(list, 2L, Conditions.READY, false, "WaitingForWindow", "later");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).getLastTransitionTime()).isEqualTo("2026-05-01T10:00:00Z");
    assertThat(list.get(0).getReason()).isEqualTo("WaitingForWindow");
    assertThat(list.get(0).getObservedGeneration()).isEqualTo(2L);

    clock.advance(Duration.ofMinutes(5));
    conditions.set(list, 2L, Conditions.READY, true, "Converged", "done");
    assertThat(list.get(0).getLastTransitionTime()).isEqualTo("2026-05-01T10:10:00Z");
    assertThat(Conditions.isTrue(list, Conditions.READY)).isTrue();
  }

  @Test
  void eachTypeAppearsOnce() {
    List<Condition> list = new ArrayList<>();
    conditions.set(list, 1L, Conditions.ELIGIBLE, true, "EligibleImage", "ok");
    conditions.set(list, 1L, Conditions.READY, true, "Converged", "ok");
    conditions.set(list, 1L, Conditions.ELIGIBLE, false, "Ineligible", "no");
    assertThat(list)
        .extracting(Condition::getType)
        .containsExactly(Conditions.ELIGIBLE, Conditions.READY);
    assertThat(Conditions.isTrue(list, Conditions.ELIGIBLE)).isFalse();
    Conditions.remove(list, Conditions.ELIGIBLE);
    assertThat(Conditions.find(list, Conditions.ELIGIBLE)).isEmpty();
  }
}
