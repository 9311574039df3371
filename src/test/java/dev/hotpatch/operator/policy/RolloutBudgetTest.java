package dev.hotpatch.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutBudgetTest {

  @ParameterizedTest(name = "[{index}] {0} of {1} -> {2}")
  @CsvSource({
    "1, 10, 1",
    "3, 10, 3",
    "5, 3, 5",
    "10%, 5, 1",
    "10%, 10, 1",
    "10%, 11, 2",
    "10%, 100, 10",
    "33%, 10, 4",
    "50%, 3, 2",
    "100%, 7, 7",
    "150%, 4, 4",
    "1%, 1, 1",
    "25%, 0, 0"
  })
  void slots(String value, int targeted, int expected) {
    IntOrString v =
        value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
    assertThat(RolloutBudget.maxUnavailable(v, targeted)).isEqualTo(expected);
  }

  @Test
  void nullMeansOne() {
    assertThat(RolloutBudget.maxUnavailable(null, 50)).isEqualTo(1);
    assertThat(RolloutBudget.problem(null)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      textBlock =
          """
      0%,    lets no VM move
      ten,   is not a count or a percent
      10,    is not a count or a percent
      -5%,   is not a count or a percent
      10 %,  is not a count or a percent
      null,  is not a count or a percent
      """)
  void rejectsBadStrings(String value, String message) {
    IntOrString v = new IntOrString(value);
    assertThat(RolloutBudget.problem(v)).hasValueSatisfying(p -> assertThat(p).contains(message));
    assertThatThrownBy(() -> RolloutBudget.maxUnavailable(v, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"0", "-1"})
  void rejectsCountsBelowOne(int value) {
    assertThat(RolloutBudget.problem(new IntOrString(value)))
        .hasValueSatisfying(p -> assertThat(p).contains("at least 1"));
  }

  @ParameterizedTest(name = "[{index}] {0} transitioning, max {1} -> free={2}")
  @CsvSource({
    "0, 1, true",
    "1, 1, false",
    "2, 3, true",
    "3, 3, false",
    "4, 3, false",
    "0, 0, false"
  })
  void freeSlot(int transitioning, int max, boolean free) {
    assertThat(RolloutBudget.hasFreeSlot(transitioning, max)).isEqualTo(free);
  }

  @Property
  void percentSlotsAreAtLeastOneAndAtMostTargeted(
      @ForAll @IntRange(min = 1, max = 100_000) int percent,
      @ForAll @IntRange(min = 1, max = 10_000) int targeted) {
    int slots = RolloutBudget.maxUnavailable(new IntOrString(percent + "%"), targeted);
    assertThat(slots).isBetween(1, targeted);
    // Rounded up: never fewer than the exact share.
    assertThat((long) slots * 100)
        .isGreaterThanOrEqualTo(Math.min((long) percent * targeted, 100L * targeted));
  }

  @Property
  void admittingOnlyOnFreeSlotsNeverExceedsBudget(
      @ForAll @IntRange(min = 1, max = 50) int max,
      @ForAll @IntRange(min = 0, max = 200) int requests) {
    int transitioning = 0;
    for (int i = 0; i < requests; i++) {
      if (RolloutBudget.hasFreeSlot(transitioning, max)) {
        transitioning++;
      }
      assertThat(transitioning).isLessThanOrEqualTo(max);
    }
    assertThat(transitioning).isEqualTo(Math.min(max, requests));
  }
}
