package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.cli.DurationsProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's schema admits exactly the durations `run` parses (RunCommand.Durations): the same
 * strings go to real Helm (helm template with the value, which checks values.schema.json) and to
 * the parser, and both must agree on each.
 */
class ValuesSchemaDurationsTest {
  /** Valid and invalid, the edges of the grammar included. */
  static final List<String> SAMPLES =
      List.of(
          "30s",
          "10m",
          "1h30m",
          "1h",
          "2m",
          "90m",
          "1h1s",
          "1h0m0s",
          "1m30s",
          "0s",
          "007m",
          " 10m",
          "10m ",
          "\t1h\n", // the parser trims
          "1d",
          "1.5h",
          "10",
          "-1m",
          "1m30",
          "",
          " ",
          "m",
          "h1",
          "1m1h",
          "1s1m",
          "1h1h",
          "1H",
          "30ms",
          "1w",
          "1h 30m",
          "+1m",
          "1e3s",
          "1h30m5",
          "s30",
          "1y",
          "١m" /* Arabic digit */);

  /** Bare keys that are operator durations: each goes into the Deployment's environment. */
  static final List<String> DURATION_VALUES =
      List.of("resyncInterval", "fleetRefreshInterval", "livenessStuckAfter");

  @TempDir Path work;

  @Test
  void schemaAndParserAgreeOnEverySample() {
    List<String> disagreements = new ArrayList<>();
    for (String sample : SAMPLES) {
      boolean parses = DurationsProbe.parse(sample).isPresent();
      boolean admitted = helmAdmits("resyncInterval", sample);
      if (parses != admitted) {
        disagreements.add(
            "\""
                + sample.replace("\t", "\\t").replace("\n", "\\n")
                + "\": parser "
                + parses
                + ", schema "
                + admitted);
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(SAMPLES.stream().filter(s -> DurationsProbe.parse(s).isPresent()))
        .as("both kinds are sampled")
        .hasSizeBetween(10, SAMPLES.size() - 10);
  }

  @Test
  void everyDurationValueUsesTheOperatorsDefinition() {
    Map<String, Object> schema = Chart.readMap(Chart.DIR.resolve("values.schema.json"));
    for (String key : DURATION_VALUES) {
      assertThat(Rendered.at(schema, "properties." + key + ".$ref"))
          .as(key)
          .isEqualTo("#/definitions/duration");
      assertThat(helmAdmits(key, "1d")).as(key + ": 1d").isFalse();
      assertThat(helmAdmits(key, "1h30m")).as(key + ": 1h30m").isTrue();
    }
  }

  /**
   * Beyond the samples, every string of up to 5 characters over the grammar's alphabet: the
   * schema's pattern, in Java (it uses no construct where RE2 and java.util.regex differ), against
   * the parser. Real Helm is checked on the samples above.
   */
  @Test
  void schemaPatternAndParserAgreeOnEveryShortString() {
    Map<String, Object> schema = Chart.readMap(Chart.DIR.resolve("values.schema.json"));
    Pattern pattern = Pattern.compile((String) Rendered.at(schema, "definitions.duration.pattern"));
    char[] alphabet = "0159hms d.-\t".toCharArray();
    List<String> disagreements = new ArrayList<>();
    List<String> strings = new ArrayList<>(List.of(""));
    for (int length = 1; length <= 5; length++) {
      List<String> longer = new ArrayList<>();
      for (String s : strings) {
        if (s.length() == length - 1) {
          for (char c : alphabet) {
            longer.add(s + c);
          }
        }
      }
      strings.addAll(longer);
    }
    for (String s : strings) {
      boolean parses = DurationsProbe.parse(s).isPresent();
      if (parses != pattern.matcher(s).matches()) {
        disagreements.add("\"" + s + "\" parser " + parses);
      }
    }
    assertThat(strings).hasSizeGreaterThan(200_000);
    assertThat(disagreements).isEmpty();
  }

  @Test
  void theParserReadsWhatTheChartWrites() {
    assertThat(DurationsProbe.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(DurationsProbe.parse(" 10m")).contains(Duration.ofMinutes(10));
  }

  private boolean helmAdmits(String key, String value) {
    Path values = work.resolve("values-" + Math.abs((key + value).hashCode()) + ".yaml");
    try {
      Files.writeString(values, Chart.YAML.writeValueAsString(Map.of(key, value)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Chart.template(values);
      return true;
    } catch (RuntimeException e) {
      assertThat(e.getMessage())
          .as("%s=%s fails on the schema, not elsewhere", key, value)
          .contains("values don't meet the specifications of the schema(s)");
      return false;
    }
  }
}
