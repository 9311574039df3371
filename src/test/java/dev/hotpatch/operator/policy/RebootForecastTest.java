package dev.hotpatch.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RebootForecastTest {
  static final Instant NOW = Instant.parse("2026-04-18T12:00:00Z");
  static final Instant OPENS = Instant.parse("2026-04-18T20:00:00Z");

  @ParameterizedTest(name = "[{index}] {0} gate={1} suspended={2} failed={3}: {4} ({5})")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      # plan             | gate                     | suspended | failed | at    | reason contains
      CONVERGED          |                          | false     | false  |       | none is due until a newer baseline
      INSTALL_HOTPATCHES |                          | false     | false  |       | hotpatches need no reboot
      AHEAD_OF_BASELINE  |                          | false     | false  |       | ahead of baseline
      WRONG_OS           |                          | false     | false  |       | another OS
      OS_BUILD_UNKNOWN   |                          | false     | false  |       | OS build is unknown
      FOLLOW_PENDING     |                          | false     | false  | now   | an operation runs
      TRANSITION         | Allowed                  | false     | false  | now   | starts now
      WAIT_FOR_GATE      | NoRolloutSlot            | false     | false  | now   | as soon as a rollout slot frees
      WAIT_FOR_GATE      | FleetViewStale           | false     | false  | now   | listed again
      WAIT_FOR_GATE      | OutsideMaintenanceWindow | false     | false  | opens | window opening 2026-04-18T20:00Z
      WAIT_FOR_GATE      | RolloutPaused            | false     | false  |       | rollout is paused
      WAIT_FOR_GATE      | FailureBudgetSpent       | false     | false  |       | failure budget is spent
      WAIT_FOR_GATE      | OutsideMaintenanceWindow | true      | false  |       | spec.suspend
      WAIT_FOR_GATE      | OutsideMaintenanceWindow | false     | true   |       | failed on this VM
      """)
  void forecastsFromThePlanAndTheGate(
      Plan.Kind plan,
      GateReason reason,
      boolean suspended,
      boolean failed,
      String at,
      String because) {
    GateDecision gate =
        reason == null
            ? null
            : new GateDecision(
                reason == GateReason.Allowed,
                reason,
                "1 of maxUnavailable 1 VMs transitioning",
                Optional.of(OPENS),
                Optional.empty());
    RebootForecast.Forecast f = RebootForecast.of(plan, gate, "KB5260004", NOW, suspended, failed);
    Optional<Instant> expected =
        at == null ? Optional.empty() : Optional.of("now".equals(at) ? NOW : OPENS);
    assertThat(f.at()).isEqualTo(expected);
    assertThat(f.reason()).contains(because);
  }

  @org.junit.jupiter.api.Test
  void noWindowAheadMeansNoneDue() {
    GateDecision gate =
        new GateDecision(
            false,
            GateReason.OutsideMaintenanceWindow,
            "no maintenance windows: the rollout never reboots",
            Optional.empty(),
            Optional.empty());
    var f = RebootForecast.of(Plan.Kind.WAIT_FOR_GATE, gate, "KB1", NOW, false, false);
    assertThat(f.at()).isEmpty();
    assertThat(f.reason()).contains("never reboots");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "Ineligible|image x is not eligible|no reboot is due while the VM is Ineligible (image x is not eligible): the operator starts no transition",
        "BaselineNotFound||no reboot is due while the VM is BaselineNotFound: the operator starts no transition"
      })
  void aVmStoppedBeforeTheForecastSaysWhyNoneIsDue(String reason, String message, String said) {
    org.assertj.core.api.Assertions.assertThat(RebootForecast.noneWhileNotReady(reason, message))
        .isEqualTo(said);
  }
}
