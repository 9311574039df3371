package dev.hotpatch.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.operator.api.PatchBaselineSpec.OsFamily;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OsBuildTest {

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}.{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      10.0.20348.2700                      | 20348 | 2700
      20348.2700                           | 20348 | 2700
      Microsoft Windows NT 10.0.20348.2700 | 20348 | 2700
      microsoft windows nt 10.0.26100.4946 | 26100 | 4946
      '  10.0.26100.1  '                   | 26100 | 1
      20348.0                              | 20348 | 0
      """)
  void parsesAllSpellings(String text, int build, int ubr) {
    OsBuild b = OsBuild.parse(text);
    assertThat(b).isEqualTo(new OsBuild(build, ubr));
    assertThat(b.toString()).isEqualTo(build + "." + ubr);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "10.0",
        "20348",
        "2700.20348.1",
        "10.0.20348",
        "20348.",
        "abc.def",
        "10.1.20348.2700",
        "Windows 20348.2700",
        "20348.99999999999",
        "2034.8"
      })
  void rejectsOtherText(String text) {
    assertThat(OsBuild.tryParse(text)).isEmpty();
    assertThatThrownBy(() -> OsBuild.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an OS build");
  }

  @ParameterizedTest
  @CsvSource({
    "20348.2700, WindowsServer2022AzureEdition",
    "26100.4946, WindowsServer2025AzureEdition"
  })
  void familyFromBuild(String text, OsFamily family) {
    assertThat(OsBuild.parse(text).family()).contains(family);
    assertThat(OsBuild.buildNumberOf(family)).isEqualTo(OsBuild.parse(text).build());
  }

  @Test
  void otherBuildsHaveNoFamily() {
    assertThat(new OsBuild(17763, 1).family()).isEmpty();
  }

  @Test
  void ordersByBuildThenUbrNumerically() {
    List<OsBuild> builds =
        new ArrayList<>(
            List.of(
                OsBuild.parse("26100.1"),
                OsBuild.parse("20348.10000"),
                OsBuild.parse("20348.999"),
                OsBuild.parse("20348.2700")));
    Collections.sort(builds);
    assertThat(builds)
        .extracting(OsBuild::toString)
        .containsExactly("20348.999", "20348.2700", "20348.10000", "26100.1");
    assertThat(OsBuild.parse("20348.2700").isOlderThan(OsBuild.parse("20348.2762"))).isTrue();
    assertThat(OsBuild.parse("20348.2762").isNewerThan(OsBuild.parse("20348.2700"))).isTrue();
    assertThat(OsBuild.parse("20348.2700").compareTo(OsBuild.parse("10.0.20348.2700"))).isZero();
  }

  @Test
  void negativeBuildsAreNotBuilds() {
    assertThatThrownBy(() -> new OsBuild(20348, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
