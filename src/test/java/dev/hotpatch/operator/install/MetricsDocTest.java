package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's metrics table (section {@value #SECTION}) is the list of what {@code /metrics}
 * exports: each metric as scraped (a counter with its {@code _total}, a histogram by its base name,
 * its {@code _max} gauge included), with its Prometheus type and its labels; no more, no fewer.
 * docs/alerts.md links to it rather than keeping a copy.
 */
class MetricsDocTest {
  static final Path README = Chart.ROOT.resolve("README.md");
  static final Path ALERTS_DOC = Chart.ROOT.resolve("docs/alerts.md");
  static final String SECTION = "## Metrics and health";

  private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$");
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? ");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  /** A metric's Prometheus type and label names. */
  record Metric(String type, Set<String> labels) {}

  @Test
  void theReadmeListsEveryExportedMetricWithItsTypeAndLabels() {
    assertThat(documented())
        .as("the README's table (%s) against one scrape of the operator's metrics", SECTION)
        .isEqualTo(scraped());
  }

  @Test
  void everyDeclaredMetricIsInTheReadme() {
    Set<String> names = documented().keySet();
    for (String declared : PromQl.declared()) {
      assertThat(names)
          .as("OperatorMetrics declares %s", declared)
          .containsAnyOf(declared, declared + "_total");
    }
  }

  @Test
  void theAlertsDocLinksToTheReadmesListInsteadOfKeepingACopy() {
    String alerts = Chart.read(ALERTS_DOC);
    assertThat(alerts).contains("../README.md#metrics-and-health");
    assertThat(alerts.lines().filter(l -> l.startsWith("| `hotpatch_")))
        .as("metric rows in docs/alerts.md")
        .isEmpty();
  }

  /** The README's rows: metric, type, labels, meaning. */
  static Map<String, Metric> documented() {
    Map<String, Metric> metrics = new TreeMap<>();
    boolean in = false;
    for (String line : Chart.read(README).split("\n", -1)) {
      if (line.startsWith("## ")) {
        in = line.strip().equals(SECTION);
        continue;
      }
      if (!in || !line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|", -1);
      assertThat(cells).as(line).hasSizeGreaterThanOrEqualTo(4);
      String name = cells[0].strip().replace("`", "");
      Set<String> labels = new TreeSet<>();
      Matcher m = CODE.matcher(cells[2]);
      while (m.find()) {
        labels.add(m.group(1));
      }
      assertThat(cells[3].strip()).as("%s has a meaning", name).isNotEmpty();
      Metric previous = metrics.put(name, new Metric(cells[1].strip(), labels));
      assertThat(previous).as("%s listed twice", name).isNull();
    }
    assertThat(metrics).as("README section %s has a metrics table", SECTION).isNotEmpty();
    return metrics;
  }

  /** The families of one scrape: a histogram's _bucket, _count, _sum and _max folded in. */
  static Map<String, Metric> scraped() {
    Map<String, String> types = new TreeMap<>();
    List<String> samples = new ArrayList<>();
    for (String line : PromQl.scrape().split("\n")) {
      Matcher type = TYPE.matcher(line);
      if (type.matches()) {
        types.put(type.group(1), type.group(2));
      } else if (!line.startsWith("#") && !line.isBlank()) {
        samples.add(line);
      }
    }
    types
        .keySet()
        .removeIf(
            n -> n.endsWith("_max") && "histogram".equals(types.get(n.replaceAll("_max$", ""))));
    Map<String, Metric> metrics = new TreeMap<>();
    types.forEach((name, type) -> metrics.put(name, new Metric(type, new TreeSet<>())));
    for (String sample : samples) {
      Matcher m = SAMPLE.matcher(sample);
      assertThat(m.find()).as(sample).isTrue();
      String family = family(m.group(1), types);
      assertThat(family).as("the family of %s", sample).isNotNull();
      if (m.group(3) != null) {
        Matcher label = LABEL.matcher(m.group(3));
        while (label.find()) {
          if (!label.group(1).equals("le")) {
            metrics.get(family).labels().add(label.group(1));
          }
        }
      }
    }
    return metrics;
  }

  private static String family(String sample, Map<String, String> types) {
    if (types.containsKey(sample)) {
      return sample;
    }
    for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
      String base =
          sample.endsWith(suffix) ? sample.substring(0, sample.length() - suffix.length()) : "";
      if ("histogram".equals(types.get(base))) {
        return base;
      }
    }
    return null;
  }
}
