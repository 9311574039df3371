package dev.hotpatch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstallStartPacerTest {
  static final Instant T0 = Instant.parse("2026-04-18T20:00:00Z");

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  /** Three a minute: calls at the given seconds (vm name each) get go, or their turn's second. */
  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // within the quota every start goes at once
        "a@0 b@1 c@2 | go go go",
        // the fourth in the minute waits for the first to leave the window, the fifth for the
        // second
        "a@0 b@1 c@2 d@3 e@4 | go go go 60 61",
        // a VM asking again before its turn is told the same turn; at its turn it goes
        "a@0 b@1 c@2 d@3 d@30 d@60 | go go go 60 60 go",
        // the window slides: a minute later there is room again
        "a@0 b@1 c@2 d@61 e@62 | go go go go go",
        // another subscription has its own quota (name prefixed x:)
        "a@0 b@1 c@2 x:d@3 | go go go go",
      })
  void turnsWithinAQuota(String calls, String expected) {
    InstallStartPacer pacer = new InstallStartPacer(3);
    String[] want = expected.split(" ");
    String[] got = calls.split(" ");
    for (int i = 0; i < got.length; i++) {
      String[] c = got[i].split("@");
      String sub = c[0].startsWith("x:") ? "sub-2" : "sub-1";
      Optional<Instant> turn = pacer.tryStart(sub, c[0], at(Integer.parseInt(c[1])));
      String seen = turn.map(t -> Long.toString(Duration.between(T0, t).getSeconds())).orElse("go");
      assertThat(seen).as("call %s", got[i]).isEqualTo(want[i]);
    }
  }

  @Test
  void aRefusalHoldsEveryStartOfTheSubscriptionForItsRetryAfter() {
    InstallStartPacer pacer = new InstallStartPacer(200);
    pacer.throttled("SUB-1", at(0), Optional.of(Duration.ofSeconds(30)));
    assertThat(pacer.tryStart("sub-1", "a", at(5))).contains(at(30));
    assertThat(pacer.tryStart("sub-2", "b", at(5))).isEmpty();
    assertThat(pacer.tryStart("sub-1", "a", at(30))).isEmpty();
  }

  @Test
  void aRefusalWithoutAUsableRetryAfterHoldsTheMinimum() {
    InstallStartPacer pacer = new InstallStartPacer(200);
    pacer.throttled("sub-1", at(0), Optional.of(Duration.ofSeconds(1)));
    assertThat(pacer.tryStart("sub-1", "a", at(1)))
        .contains(at(0).plus(InstallStartPacer.MIN_HOLD));
    pacer.throttled("sub-1", at(100), Optional.empty());
    assertThat(pacer.tryStart("sub-1", "b", at(101)))
        .contains(at(100).plus(InstallStartPacer.MIN_HOLD));
  }

  @Test
  void aForgottenVmStartsAfreshWithoutItsTurn() {
    InstallStartPacer pacer = new InstallStartPacer(1);
    assertThat(pacer.tryStart("sub-1", "a", at(0))).isEmpty();
    assertThat(pacer.tryStart("sub-1", "b", at(1))).contains(at(60));
    pacer.forget("b");
    assertThat(pacer.tryStart("sub-1", "b", at(2))).as("a new turn is given").contains(at(120));
  }

  @Test
  void aStartPostponedToItsReadTurnIsCountedOnceAtThatTurn() {
    InstallStartPacer pacer = new InstallStartPacer(3);
    assertThat(pacer.tryStart("sub-1", "a", at(0))).isEmpty();
    assertThat(pacer.tryStart("sub-1", "b", at(1))).isEmpty();
    // c's read of the VM must wait 10 s for the read budget: its start moves to 11 s
    assertThat(pacer.tryStart("sub-1", "c", at(1))).isEmpty();
    pacer.postpone("sub-1", "c", at(1), at(11));
    assertThat(pacer.tryStart("sub-1", "c", at(5))).as("c before its turn").contains(at(11));
    assertThat(pacer.tryStart("sub-1", "c", at(11))).as("c at its turn").isEmpty();
    // still three in the minute: d waits for a's start to leave the window
    assertThat(pacer.tryStart("sub-1", "d", at(12))).contains(at(60));
    // and the one after for b's; c's counts from 11 s, when it went, not 1 s
    assertThat(pacer.tryStart("sub-1", "e", at(13))).contains(at(61));
    assertThat(pacer.tryStart("sub-1", "f", at(14))).contains(at(71));
  }
}
