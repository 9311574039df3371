package dev.hotpatch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.devtools.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArmRequestBudgetTest {
  final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-03-01T10:00:00Z"));

  @Test
  void aBurstGoesAtOnceThenReadersGetTurnsAtTheRate() {
    var budget = new ArmRequestBudget(clock, 10, 5);
    List<Optional<Instant>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(budget.tryTake("sub", "ns/vm-" + i));
    }
    assertThat(answers.subList(0, 5)).allMatch(Optional::isEmpty);
    Instant t0 = clock.instant();
    assertThat(answers.get(5)).hasValue(t0.plusMillis(100));
    assertThat(answers.get(6)).hasValue(t0.plusMillis(200));
    assertThat(answers.get(7)).hasValue(t0.plusMillis(300));
    assertThat(budget.waiting()).isEqualTo(3);
  }

  @Test
  void aReaderBackBeforeItsTurnKeepsItAndAtItsTurnGoesWithoutTakingAnother() {
    var budget = new ArmRequestBudget(clock, 10, 1);
    assertThat(budget.tryTake("sub", "ns/a")).isEmpty();
    Instant turn = budget.tryTake("sub", "ns/b").orElseThrow();
    clock.advance(Duration.ofMillis(50));
    assertThat(budget.tryTake("sub", "ns/b")).as("early: the same turn").hasValue(turn);
    clock.advance(Duration.ofMillis(50));
    assertThat(budget.tryTake("sub", "ns/b")).as("its turn").isEmpty();
    assertThat(budget.waiting()).isZero();
    // The token b's turn stood for is spent: the next reader waits one more interval.
    assertThat(budget.tryTake("sub", "ns/c")).hasValue(turn.plusMillis(100));
  }

  @Test
  void overAMinuteTheReadsSentNeverExceedTheRateAndBurst() {
    var budget = new ArmRequestBudget(clock, 20, 100);
    int sent = 0;
    for (int ms = 0; ms < 60_000; ms += 10) { // 1,000 VMs each trying every 10 s
      for (int vm = (ms / 10) % 100; vm < 1000; vm += 100) {
        if (budget.tryTake("sub", "ns/vm-" + vm).isEmpty()) {
          sent++;
        }
      }
      clock.advance(Duration.ofMillis(10));
    }
    assertThat(sent).isLessThanOrEqualTo(100 + 20 * 60).isGreaterThan(20 * 60 - 20);
  }

  @Test
  void subscriptionsHaveBudgetsOfTheirOwnAndAForgottenReaderLosesItsTurn() {
    var budget = new ArmRequestBudget(clock, 1, 1);
    assertThat(budget.tryTake("sub-a", "ns/a")).isEmpty();
    assertThat(budget.tryTake("SUB-B", "ns/a")).isEmpty();
    assertThat(budget.tryTake("sub-a", "ns/b")).isPresent();
    assertThat(budget.tryTake("sub-a", "ns/xb")).isPresent();
    budget.forget("ns/b");
    assertThat(budget.waiting()).isEqualTo(1);
  }
}
