package dev.hotpatch.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WindowRuleTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource({
    "Mon, MONDAY", "Monday, MONDAY", "mon, MONDAY", "MONDAY, MONDAY", "Tue, TUESDAY",
        "tuesday, TUESDAY",
    "Wed, WEDNESDAY", "Thu, THURSDAY", "Fri, FRIDAY", "Sat, SATURDAY", "Sunday, SUNDAY",
        "' sun ', SUNDAY"
  })
  void readsShortAndLongDayNames(String name, DayOfWeek day) {
    assertThat(WindowRuleParser.day(name)).contains(day);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Mo", "Tues", "Thurs", "Montag", "1", "Weekend", "Mon,Tue"})
  void rejectsOtherDayNames(String name) {
    assertThat(WindowRuleParser.day(name)).isEmpty();
  }

  @Test
  void noDaysMeansEveryDay() {
    WindowRule rule =
        new WindowRule(Set.of(), LocalTime.of(3, 0), Duration.ofHours(1), ZoneId.of("UTC"));
    assertThat(rule.days()).hasSize(7);
    assertThat(new WindowRule(null, LocalTime.NOON, Duration.ofHours(1), ZoneId.of("UTC")).days())
        .hasSize(7);
  }

  @Test
  void occurrenceBelongsToTheDayItStarts() {
    WindowRule rule =
        new WindowRule(
            Set.of(DayOfWeek.SATURDAY), LocalTime.of(22, 0), Duration.ofHours(4), ZoneId.of("UTC"));
    assertThat(rule.occurrenceOn(LocalDate.of(2026, 1, 17)))
        .contains(
            new Interval(
                Instant.parse("2026-01-17T22:00:00Z"), Instant.parse("2026-01-18T02:00:00Z")));
    assertThat(rule.occurrenceOn(LocalDate.of(2026, 1, 18))).isEmpty();
    assertThat(rule.occurrences(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31))).hasSize(5);
  }

  @Test
  void durationMustBePositive() {
    assertThatThrownBy(
            () -> new WindowRule(Set.of(), LocalTime.NOON, Duration.ZERO, ZoneId.of("UTC")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "[{index}] [{0},{1}) vs [{2},{3}) -> {4}")
  @CsvSource({
    "10, 20, 15, 25, true",
    "10, 20, 20, 30, false",
    "10, 20, 0, 10, false",
    "10, 20, 12, 13, true",
    "10, 20, 0, 11, true",
    "10, 20, 19, 40, true",
    "10, 20, 21, 40, false"
  })
  void intervalsAreHalfOpen(long s1, long e1, long s2, long e2, boolean overlap) {
    Interval a = new Interval(Instant.ofEpochSecond(s1), Instant.ofEpochSecond(e1));
    Interval b = new Interval(Instant.ofEpochSecond(s2), Instant.ofEpochSecond(e2));
    assertThat(a.overlaps(b)).isEqualTo(overlap);
    assertThat(b.overlaps(a)).isEqualTo(overlap);
    assertThat(a.contains(Instant.ofEpochSecond(s1))).isTrue();
    assertThat(a.contains(Instant.ofEpochSecond(e1))).isFalse();
  }

  @Test
  void baselineTargetReadsTheSpec() {
    BaselineTarget t = Fixtures.target();
    assertThat(t.kb()).isEqualTo("KB5062572");
    assertThat(t.build()).isEqualTo(OsBuild.parse("20348.2700"));
    assertThat(t.hotpatches())
        .extracting(BaselineTarget.ApprovedHotpatch::kb)
        .containsExactly("KB5063001", "KB5064002");
    assertThat(t.latestApproved()).isEqualTo(OsBuild.parse("20348.2800"));
  }
}
