package dev.hotpatch.operator.policy;

import static dev.hotpatch.operator.policy.Fixtures.hotpatch;
import static dev.hotpatch.operator.policy.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.hotpatch.operator.api.PatchBaselineSpec;
import dev.hotpatch.operator.api.Rollout;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecValidatorBaselineTest {

  @Test
  void fixtureIsValid() {
    assertThat(SpecValidator.validate(Fixtures.baseline())).isEmpty();
  }

  @Test
  void nullSpec() {
    assertThat(SpecValidator.validate((PatchBaselineSpec) null)).containsExactly("spec: required");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        arguments(
            "os missing", (Consumer<PatchBaselineSpec>) s -> s.os = null, "spec.os: required"),
        arguments(
            "type missing",
            (Consumer<PatchBaselineSpec>) s -> s.type = null,
            "spec.type: required"),
        arguments("kb missing", (Consumer<PatchBaselineSpec>) s -> s.kb = " ", "spec.kb: required"),
        arguments(
            "kb digits only",
            (Consumer<PatchBaselineSpec>) s -> s.kb = "5062572",
            "spec.kb: \"5062572\" is not valid (want e.g. KB5062572)"),
        arguments(
            "kb lower case",
            (Consumer<PatchBaselineSpec>) s -> s.kb = "kb5062572",
            "spec.kb: \"kb5062572\""),
        arguments(
            "build missing",
            (Consumer<PatchBaselineSpec>) s -> s.build = null,
            "spec.build: required"),
        arguments(
            "build with 10.0",
            (Consumer<PatchBaselineSpec>) s -> s.build = "10.0.20348.2700",
            "spec.build: \"10.0.20348.2700\" is not valid (want e.g. 20348.2700)"),
        arguments(
            "build without ubr",
            (Consumer<PatchBaselineSpec>) s -> s.build = "20348",
            "spec.build: \"20348\""),
        arguments(
            "2025 build on 2022",
            (Consumer<PatchBaselineSpec>)
                s -> {
                  s.build = "26100.4946";
                  s.hotpatches.clear();
                },
            "spec.build: \"26100.4946\" is not a build of WindowsServer2022AzureEdition (want 20348.N)"),
        arguments(
            "2022 build on 2025",
            (Consumer<PatchBaselineSpec>)
                s -> s.os = PatchBaselineSpec.OsFamily.WindowsServer2025AzureEdition,
            "not a build of WindowsServer2025AzureEdition (want 26100.N)"),
        arguments(
            "released not a date",
            (Consumer<PatchBaselineSpec>) s -> s.released = "13/01/2026",
            "spec.released: \"13/01/2026\" is not a date YYYY-MM-DD"),
        arguments(
            "released impossible",
            (Consumer<PatchBaselineSpec>) s -> s.released = "2026-02-30",
            "spec.released: \"2026-02-30\" is not a date"),
        arguments(
            "hotpatch null",
            (Consumer<PatchBaselineSpec>) s -> s.hotpatches.add(null),
            "spec.hotpatches[2]: required"),
        arguments(
            "hotpatch kb bad",
            (Consumer<PatchBaselineSpec>) s -> s.hotpatches.get(1).kb = "KB-1",
            "spec.hotpatches[1].kb: \"KB-1\" is not valid"),
        arguments(
            "hotpatch kb missing",
            (Consumer<PatchBaselineSpec>) s -> s.hotpatches.get(0).kb = null,
            "spec.hotpatches[0].kb: required"),
        arguments(
            "hotpatch build bad",
            (Consumer<PatchBaselineSpec>) s -> s.hotpatches.get(0).build = "2762",
            "spec.hotpatches[0].build: \"2762\" is not valid"),
        arguments(
            "hotpatch same build as baseline",
            (Consumer<PatchBaselineSpec>) s -> s.hotpatches.get(0).build = "20348.2700",
            "spec.hotpatches[0].build: 20348.2700 must be newer than the baseline build 20348.2700"),
        arguments(
            "hotpatch older than baseline",
            (Consumer<PatchBaselineSpec>) s -> s.hotpatches.get(0).build = "20348.2600",
            "spec.hotpatches[0].build: 20348.2600 must be newer than the baseline build 20348.2700"),
        arguments(
            "hotpatch other family",
            (Consumer<PatchBaselineSpec>) s -> s.hotpatches.get(1).build = "26100.5000",
            "spec.hotpatches[1].build: 26100.5000 is not on the baseline's build family 20348"),
        arguments(
            "hotpatch released bad",
            (Consumer<PatchBaselineSpec>) s -> s.hotpatches.get(1).released = "soon",
            "spec.hotpatches[1].released: \"soon\" is not a date YYYY-MM-DD"),
        arguments(
            "hotpatch kb twice",
            (Consumer<PatchBaselineSpec>)
                s -> s.hotpatches.add(hotpatch("KB5063001", "20348.2900")),
            "spec.hotpatches[2].kb: KB5063001 is listed twice"),
        arguments(
            "hotpatch kb is the baseline kb",
            (Consumer<PatchBaselineSpec>) s -> s.hotpatches.get(0).kb = "KB5062572",
            "spec.hotpatches[0].kb: KB5062572 is listed twice"),
        arguments(
            "bad time zone",
            rollout(r -> r.maintenanceWindows.add(window("Sun", "22:00", "2h", "Mars/Olympus"))),
            "spec.rollout.maintenanceWindows[1].timeZone: unknown time zone \"Mars/Olympus\" (want an IANA name, e.g. Europe/Berlin)"),
        arguments(
            "offset is not a zone",
            rollout(r -> r.maintenanceWindows.get(0).timeZone = "+01:00"),
            "spec.rollout.maintenanceWindows[0].timeZone: unknown time zone \"+01:00\""),
        arguments(
            "zone missing",
            rollout(r -> r.maintenanceWindows.get(0).timeZone = null),
            "spec.rollout.maintenanceWindows[0].timeZone: required"),
        arguments(
            "bad day",
            rollout(
                r -> r.maintenanceWindows.get(0).days = new ArrayList<>(List.of("Sat", "Sonntag"))),
            "spec.rollout.maintenanceWindows[0].days[1]: unknown day \"Sonntag\" (want Mon..Sun or Monday..Sunday)"),
        arguments(
            "abbreviated day",
            rollout(r -> r.maintenanceWindows.get(0).days = new ArrayList<>(List.of("Sa"))),
            "spec.rollout.maintenanceWindows[0].days[0]: unknown day \"Sa\""),
        arguments(
            "zero duration",
            rollout(r -> r.maintenanceWindows.get(0).duration = "0h"),
            "spec.rollout.maintenanceWindows[0].duration: \"0h\" is zero"),
        arguments(
            "zero minutes",
            rollout(r -> r.maintenanceWindows.get(0).duration = "0h0m"),
            "spec.rollout.maintenanceWindows[0].duration: \"0h0m\" is zero"),
        arguments(
            "empty duration",
            rollout(r -> r.maintenanceWindows.get(0).duration = ""),
            "spec.rollout.maintenanceWindows[0].duration: required"),
        arguments(
            "unparsable duration",
            rollout(r -> r.maintenanceWindows.get(0).duration = "four hours"),
            "spec.rollout.maintenanceWindows[0].duration: invalid duration \"four hours\""),
        arguments(
            "longer than a week",
            rollout(r -> r.maintenanceWindows.get(0).duration = "169h"),
            "spec.rollout.maintenanceWindows[0].duration: \"169h\" is longer than 168h"),
        arguments(
            "start not HH:mm",
            rollout(r -> r.maintenanceWindows.get(0).start = "10pm"),
            "spec.rollout.maintenanceWindows[0].start: \"10pm\" is not a time HH:mm"),
        arguments(
            "start 24:00",
            rollout(r -> r.maintenanceWindows.get(0).start = "24:00"),
            "spec.rollout.maintenanceWindows[0].start: \"24:00\" is not a time HH:mm"),
        arguments(
            "start without leading zero",
            rollout(r -> r.maintenanceWindows.get(0).start = "2:00"),
            "spec.rollout.maintenanceWindows[0].start: \"2:00\""),
        arguments(
            "start missing",
            rollout(r -> r.maintenanceWindows.get(0).start = null),
            "spec.rollout.maintenanceWindows[0].start: required"),
        arguments(
            "window null",
            rollout(r -> r.maintenanceWindows.add(null)),
            "spec.rollout.maintenanceWindows[1]: must not be empty"),
        arguments(
            "maxUnavailable 0",
            rollout(r -> r.maxUnavailable = new IntOrString(0)),
            "spec.rollout.maxUnavailable: must be at least 1, got 0"),
        arguments(
            "maxUnavailable negative",
            rollout(r -> r.maxUnavailable = new IntOrString(-2)),
            "spec.rollout.maxUnavailable: must be at least 1, got -2"),
        arguments(
            "maxUnavailable 0%",
            rollout(r -> r.maxUnavailable = new IntOrString("0%")),
            "spec.rollout.maxUnavailable: \"0%\" lets no VM move"),
        arguments(
            "maxUnavailable unparsable",
            rollout(r -> r.maxUnavailable = new IntOrString("many")),
            "spec.rollout.maxUnavailable: \"many\" is not a count or a percent"),
        arguments(
            "maxUnavailable negative percent",
            rollout(r -> r.maxUnavailable = new IntOrString("-10%")),
            "spec.rollout.maxUnavailable: \"-10%\" is not a count or a percent"),
        arguments(
            "failureBudget negative",
            rollout(r -> r.failureBudget = -1),
            "spec.rollout.failureBudget: must be at least 1, got -1"),
        // Regression: 0 meant "never open" to the gate and "running" to the baseline's status.
        arguments(
            "failureBudget zero",
            rollout(r -> r.failureBudget = 0),
            "spec.rollout.failureBudget: must be at least 1, got 0 (1 stops the rollout at the first"),
        // Regression: the gate needs 1h of an open window, so a 1h window opened for one second.
        arguments(
            "window of what a transition needs",
            rollout(r -> r.maintenanceWindows.get(0).duration = "1h"),
            "spec.rollout.maintenanceWindows[0].duration: \"1h\" is too short: a transition needs"
                + " 1h of an open window to start, so a window must last at least 2h"),
        arguments(
            "window just short",
            rollout(r -> r.maintenanceWindows.get(0).duration = "1h59m"),
            "spec.rollout.maintenanceWindows[0].duration: \"1h59m\" is too short"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalid")
  void reportsFieldPathAndProblem(String name, Consumer<PatchBaselineSpec> change, String message) {
    PatchBaselineSpec spec = Fixtures.baseline();
    change.accept(spec);
    List<String> problems = SpecValidator.validate(spec);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .startsWith(message.substring(0, message.indexOf(':') + 1))
        .contains(message);
  }

  @Test
  void reportsEveryProblemAtOnce() {
    PatchBaselineSpec spec = Fixtures.baseline();
    spec.kb = "x";
    spec.build = "y";
    spec.rollout.maintenanceWindows.get(0).timeZone = "Nowhere";
    spec.rollout.failureBudget = -3;
    assertThat(SpecValidator.validate(spec)).hasSize(4);
  }

  @Test
  void optionalPartsMayBeAbsent() {
    PatchBaselineSpec spec = Fixtures.baseline();
    spec.released = null;
    spec.hotpatches = null;
    spec.rollout = null;
    assertThat(SpecValidator.validate(spec)).isEmpty();
    spec.rollout = new Rollout();
    spec.rollout.maintenanceWindows = null;
    spec.rollout.failureBudget = null;
    assertThat(SpecValidator.validate(spec)).isEmpty();
  }

  @Test
  void acceptsGoodRolloutVariants() {
    PatchBaselineSpec spec = Fixtures.baseline();
    spec.rollout.maxUnavailable = new IntOrString("10%");
    spec.rollout.failureBudget = 3;
    spec.rollout.maintenanceWindows =
        new ArrayList<>(
            List.of(
                window("", "03:00", "2h", "UTC"),
                window("monday,TUE", "12:00", "3h30m", "Asia/Kolkata"),
                window("Sat", "00:30", "150m", "Australia/Lord_Howe")));
    assertThat(SpecValidator.validate(spec)).isEmpty();
  }

  private static Consumer<PatchBaselineSpec> rollout(Consumer<Rollout> change) {
    return s -> change.accept(s.rollout);
  }
}
