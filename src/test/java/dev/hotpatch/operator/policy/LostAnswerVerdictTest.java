package dev.hotpatch.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What became of a call whose answer was lost, judged on what Azure shows, never on clocks. */
class LostAnswerVerdictTest {
  private static final Instant NOW = Instant.parse("2026-04-18T21:00:00Z");

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      # case                                   | exists | agent | activity | installing | prior | busy  | reached | deadline passed | verdict
      VM proven gone                           | false  | false |          | false      | a1    | false | false   | false           | VM_GONE
      new installation running                 | true   | true  | a2       | true       | a1    | false | false   | false           | RUNNING
      new installation ended                   | true   | true  | a2       | false      | a1    | false | false   | false           | ENDED
      first installation on a VM ever, running | true   | true  | a1       | true       |       | false | false   | false           | RUNNING
      target reached, view not showing it      | true   | true  | a1       | false      | a1    | false | true    | false           | ENDED
      nothing shows yet                        | true   | true  | a1       | false      | a1    | false | false   | false           | UNKNOWN_YET
      agent not ready, past deadline           | true   | false |          | false      | a1    | false | false   | true            | UNKNOWN_YET
      nothing showed by the deadline           | true   | true  | a1       | false      | a1    | false | false   | true            | NOT_STARTED
      old installation still running           | true   | true  | a1       | true       | a1    | false | false   | true            | NOT_STARTED
      409, the other operation runs            | true   | true  | x9       | true       | a1    | true  | false   | false           | UNKNOWN_YET
      409, agent not ready                     | true   | false |          | false      | a1    | true  | false   | false           | UNKNOWN_YET
      409, nothing runs any more               | true   | true  | x9       | false      | a1    | true  | false   | false           | NOT_STARTED
      """)
  void judgesOnEvidence(
      String name,
      boolean exists,
      boolean agent,
      String activity,
      boolean installing,
      String prior,
      boolean busy,
      boolean reached,
      boolean deadlinePassed,
      LostAnswerVerdict verdict) {
    Instant deadline = deadlinePassed ? NOW.minusSeconds(60) : NOW.plusSeconds(3600);
    var facts =
        new LostAnswerVerdict.Facts(
            exists, agent, activity, installing, prior, busy, reached, NOW, deadline);
    assertThat(LostAnswerVerdict.judge(facts)).isEqualTo(verdict);
  }
}
