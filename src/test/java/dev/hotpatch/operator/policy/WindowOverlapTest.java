package dev.hotpatch.operator.policy;

import static dev.hotpatch.operator.policy.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.PatchBaselineSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Overlapping maintenance windows, as SpecValidator reports them. */
class WindowOverlapTest {

  @ParameterizedTest(name = "[{index}] {0} / {1} -> overlap={2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      # first window (days;start;duration;zone)  | second window                          | overlap
      Sat;22:00;4h;UTC                           | Sun;01:00;1h;UTC                       | true
      Sat;22:00;4h;UTC                           | Sun;02:00;1h;UTC                       | false
      Sat;22:00;4h;UTC                           | Sat;18:00;4h;UTC                       | false
      Sat;22:00;4h;UTC                           | Sat;18:00;4h1m;UTC                     | true
      Sat;22:00;4h;UTC                           | Sun;22:00;4h;UTC                       | false
      Sun;22:00;4h;UTC                           | Mon;01:00;30m;UTC                      | true
      ;03:00;1h;UTC                              | Wed;03:30;1h;UTC                       | true
      ;03:00;1h;UTC                              | Wed;04:00;1h;UTC                       | false
      Sat;22:00;2h;Europe/Berlin                 | Sat;21:00;1h;UTC                       | true
      Sat;22:00;2h;Europe/Berlin                 | Sat;22:00;1h;UTC                       | true
      Sat;22:00;2h;Europe/Berlin                 | Sat;23:00;1h;UTC                       | false
      Mon;01:00;2h;Asia/Kolkata                  | Sun;19:00;30m;UTC                      | false
      Mon;01:00;2h;Asia/Kolkata                  | Sun;19:00;31m;UTC                      | true
      Sat;02:00;1h;Europe/Berlin                 | Sat;21:00;1h;America/New_York          | false
      # Berlin is 6h ahead of New York, except in the weeks their DST dates differ (5h): only then do these meet.
      Sun;04:00;1h;Europe/Berlin                 | Sat;23:00;1h;America/New_York          | true
      Sun;04:00;1h;Europe/Berlin                 | Sat;23:30;1h;America/New_York          | true
      Sun;02:00;1h;Europe/Berlin                 | Sat;23:00;1h;America/New_York          | false
      """)
  void findsOverlapsInAnyWeekOfTheYear(String first, String second, boolean overlap) {
    PatchBaselineSpec spec = Fixtures.baseline();
    spec.rollout.maintenanceWindows = new ArrayList<>(List.of(parse(first), parse(second)));
    List<String> problems = overlapProblems(spec);
    if (overlap) {
      assertThat(problems)
          .singleElement()
          .asString()
          .startsWith(
              "spec.rollout.maintenanceWindows[0]: overlaps spec.rollout.maintenanceWindows[1] (both open at ")
          .endsWith("); merge them or move one");
    } else {
      assertThat(problems).isEmpty();
    }
  }

  @Test
  void namesTheFirstSharedInstantOfTheReferenceYear() {
    PatchBaselineSpec spec = Fixtures.baseline();
    spec.rollout.maintenanceWindows =
        new ArrayList<>(List.of(parse("Sat;22:00;4h;UTC"), parse("Sun;01:00;1h;UTC")));
    assertThat(overlapProblems(spec))
        .singleElement()
        .asString()
        .contains("(both open at 2025-12-28T01:00Z)");
  }

  @Test
  void dstOnlyOverlapIsFoundInMarch() {
    PatchBaselineSpec spec = Fixtures.baseline();
    spec.rollout.maintenanceWindows =
        new ArrayList<>(
            List.of(parse("Sun;04:00;1h;Europe/Berlin"), parse("Sat;23:00;1h;America/New_York")));
    // New York moved to EDT on 2026-03-08, Berlin only on 2026-03-29.
    assertThat(overlapProblems(spec))
        .singleElement()
        .asString()
        .contains("(both open at 2026-03-15T03:00Z)");
  }

  @Test
  void invalidWindowsAreNotComparedForOverlap() {
    PatchBaselineSpec spec = Fixtures.baseline();
    spec.rollout.maintenanceWindows =
        new ArrayList<>(List.of(parse("Sat;22:00;4h;UTC"), parse("Sat;22:00;4h;Nowhere")));
    assertThat(overlapProblems(spec)).singleElement().asString().contains("unknown time zone");
  }

  private static dev.hotpatch.operator.api.Rollout.MaintenanceWindow parse(String s) {
    String[] f = s.split(";", -1);
    return window(f[0].replace(' ', ','), f[1], f[2], f[3]);
  }

  /** What the validator says of overlaps (these short windows are also reported as too short). */
  private static List<String> overlapProblems(PatchBaselineSpec spec) {
    return SpecValidator.validate(spec).stream().filter(p -> !p.contains("is too short")).toList();
  }
}
