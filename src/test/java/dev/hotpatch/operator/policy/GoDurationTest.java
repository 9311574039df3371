package dev.hotpatch.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest(name = "[{index}] {0} = {1} minutes")
  @CsvSource({
    "4h, 240",
    "90m, 90",
    "3h30m, 210",
    "0h, 0",
    "0m, 0",
    "1h0m, 60",
    "48h, 2880",
    "' 2h ', 120"
  })
  void parses(String text, long minutes) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMinutes(minutes));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        " ",
        "4",
        "h",
        "4 h",
        "30m4h",
        "1.5h",
        "-1h",
        "4h30",
        "30s",
        "1d",
        "PT4H",
        "4H",
        "9999999h"
      })
  void rejectsWithMessage(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid duration")
        .hasMessageContaining("4h, 90m or 3h30m");
  }

  @ParameterizedTest
  @CsvSource({"240, 4h", "90, 1h30m", "45, 45m", "0, 0m"})
  void formats(long minutes, String text) {
    assertThat(GoDuration.format(Duration.ofMinutes(minutes))).isEqualTo(text);
  }

  @Property
  void formatThenParseIsIdentity(@ForAll @IntRange(min = 0, max = 100_000) int minutes) {
    Duration d = Duration.ofMinutes(minutes);
    assertThat(GoDuration.parse(GoDuration.format(d))).isEqualTo(d);
  }
}
