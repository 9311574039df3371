package dev.hotpatch.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.operator.policy.Plan.Kind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConvergencePlannerTest {
  /** Baseline KB5062572 at 20348.2700 with hotpatches KB5063001 (2762) and KB5064002 (2800). */
  static final BaselineTarget TARGET = Fixtures.target();

  static final GateDecision OPEN =
      new GateDecision(true, GateReason.Allowed, "allowed", Optional.empty(), Optional.empty());
  static final GateDecision SHUT =
      new GateDecision(
          false,
          GateReason.OutsideMaintenanceWindow,
          "waiting for maintenance window opening 2026-01-17T22:00Z",
          Optional.empty(),
          Optional.empty());

  @ParameterizedTest(name = "[{index}] pending={0} build={1} gate={2} -> {3} {4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
      # pending | build      | gate | plan               | kbs                 | installed
      true      | 20348.2600 | open | FOLLOW_PENDING     | ''                  | ''
      true      | null       | null | FOLLOW_PENDING     | ''                  | ''
      false     | null       | null | OS_BUILD_UNKNOWN   | ''                  | ''
      false     | 26100.4946 | null | WRONG_OS           | ''                  | ''
      false     | 20348.2600 | open | TRANSITION         | KB5062572           | ''
      false     | 20348.2699 | open | TRANSITION         | KB5062572           | ''
      false     | 20348.2600 | shut | WAIT_FOR_GATE      | ''                  | ''
      false     | 20348.2700 | shut | INSTALL_HOTPATCHES | KB5063001,KB5064002 | ''
      false     | 20348.2700 | null | INSTALL_HOTPATCHES | KB5063001,KB5064002 | ''
      false     | 20348.2730 | null | INSTALL_HOTPATCHES | KB5063001,KB5064002 | ''
      false     | 20348.2762 | null | INSTALL_HOTPATCHES | KB5064002           | KB5063001
      false     | 20348.2799 | null | INSTALL_HOTPATCHES | KB5064002           | KB5063001
      false     | 20348.2800 | null | CONVERGED          | ''                  | KB5063001,KB5064002
      false     | 20348.2801 | null | AHEAD_OF_BASELINE  | ''                  | KB5063001,KB5064002
      false     | 20348.3000 | open | AHEAD_OF_BASELINE  | ''                  | KB5063001,KB5064002
      """)
  void plans(boolean pending, String build, String gate, Kind kind, String kbs, String installed) {
    OsBuild current = build == null ? null : OsBuild.parse(build);
    GateDecision decision = gate == null ? null : gate.equals("open") ? OPEN : SHUT;
    Plan plan = ConvergencePlanner.plan(pending, current, TARGET, decision);
    assertThat(plan.kind()).isEqualTo(kind);
    assertThat(plan.kbs()).isEqualTo(list(kbs));
    assertThat(plan.installedHotpatches()).isEqualTo(list(installed));
    assertThat(plan.message()).isNotBlank();
  }

  @Test
  void waitingCarriesTheGateReason() {
    Plan plan = ConvergencePlanner.plan(false, OsBuild.parse("20348.2600"), TARGET, SHUT);
    assertThat(plan.gate()).isEqualTo(SHUT);
    assertThat(plan.message()).endsWith("waiting for maintenance window opening 2026-01-17T22:00Z");
  }

  @Test
  void baselineWithoutHotpatchesConvergesOnItsBuild() {
    BaselineTarget bare = new BaselineTarget("KB5062572", OsBuild.parse("20348.2700"), List.of());
    assertThat(ConvergencePlanner.plan(false, OsBuild.parse("20348.2700"), bare, null).kind())
        .isEqualTo(Kind.CONVERGED);
    assertThat(ConvergencePlanner.plan(false, OsBuild.parse("20348.2701"), bare, null).kind())
        .isEqualTo(Kind.AHEAD_OF_BASELINE);
  }

  @Test
  void behindWithoutAGateDecisionIsAProgrammingError() {
    assertThatThrownBy(() -> ConvergencePlanner.plan(false, OsBuild.parse("20348.1"), TARGET, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hotpatchesAreSortedByBuild() {
    BaselineTarget t =
        new BaselineTarget(
            "KB1",
            OsBuild.parse("20348.100"),
            List.of(
                new BaselineTarget.ApprovedHotpatch("KB3", OsBuild.parse("20348.300")),
                new BaselineTarget.ApprovedHotpatch("KB2", OsBuild.parse("20348.200"))));
    assertThat(ConvergencePlanner.plan(false, OsBuild.parse("20348.100"), t, null).kbs())
        .containsExactly("KB2", "KB3");
    assertThat(t.latestApproved()).isEqualTo(OsBuild.parse("20348.300"));
  }

  private static List<String> list(String csv) {
    return csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
  }
}
