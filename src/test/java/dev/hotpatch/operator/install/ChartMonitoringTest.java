package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PrometheusRule and the Grafana dashboard: off by default; every expression reads only metrics
 * the operator exports; the alerts are the ones docs/alerts.md documents.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartMonitoringTest {
  static final Path ALERTS_DOC = Chart.ROOT.resolve("docs/alerts.md");

  @TempDir Path dir;
  private Set<String> exported;

  @BeforeAll
  void scrape() {
    exported = PromQl.exported();
  }

  @Test
  void theScrapeHasEveryMetricTheOperatorDeclares() {
    for (String name : PromQl.declared()) {
      assertThat(exported)
          .as("scraped names")
          // A counter is scraped as _total, a histogram as _bucket, _count and _sum.
          .anyMatch(n -> n.equals(name) || n.equals(name + "_total") || n.equals(name + "_bucket"));
    }
    assertThat(exported).allMatch(n -> n.startsWith("hotpatch_"));
  }

  @Test
  void promQlNamesAreTheMetricsAnExpressionReads() {
    assertThat(
            PromQl.metricNames(
                "sum by (kind) (rate(a_total{status=\"429\", kind=~\"x|y\"}[5m])) / on (kind)"
                    + " group_left max without (pod) (b) > 0.1 and c offset 5m unless d != d or 1e3"))
        .containsExactlyInAnyOrder("a_total", "b", "c", "d");
    assertThat(PromQl.metricNames("max by (subscription) (hotpatch_fleet_view_age_seconds) > 1800"))
        .containsExactly("hotpatch_fleet_view_age_seconds");
  }

  @Test
  void offByDefault() {
    List<String> kinds = Chart.split(Chart.template(null)).stream().map(Chart.Doc::kind).toList();
    assertThat(kinds).doesNotContain("PrometheusRule", "ConfigMap");
  }

  @Test
  void everyAlertReadsExportedMetricsAndIsDocumented() {
    List<Map<String, Object>> rules = rules(Map.of("prometheusRule", Map.of("enabled", true)));
    Set<String> alerts = new LinkedHashSet<>();
    Set<String> anchors = anchors();
    for (Map<String, Object> rule : rules) {
      String alert = (String) rule.get("alert");
      assertThat(alert).as("only alerts: %s", rule).isNotNull();
      alerts.add(alert);
      assertThat(PromQl.metricNames(String.valueOf(rule.get("expr"))))
          .as("%s: %s", alert, rule.get("expr"))
          .isNotEmpty()
          .isSubsetOf(exported);
      assertThat(rule).as(alert).containsKeys("for");
      assertThat(Rendered.map(rule, "labels")).as(alert).containsEntry("severity", "warning");
      Map<String, Object> annotations = Rendered.map(rule, "annotations");
      assertThat(annotations).as(alert).containsKeys("summary", "description", "runbook_url");
      assertThat((String) annotations.get("runbook_url"))
          .isEqualTo(
              "https://github.com/hotpatch-dev/hotpatch-operator/blob/main/docs/alerts.md#"
                  + alert.toLowerCase());
      assertThat(anchors).as("docs/alerts.md sections").contains(alert.toLowerCase());
    }
    assertThat(alerts)
        .as("the alerts, as docs/alerts.md's sections name them")
        .containsExactlyInAnyOrderElementsOf(documentedAlerts())
        .contains(
            "HotpatchFailureBudgetSpent",
            "HotpatchFleetViewStale",
            "HotpatchVmFailed",
            "HotpatchTransitionOverdue",
            "HotpatchReconcileErrors",
            "HotpatchAzureRequestsSlow");
  }

  /** The stale bound is the operator's: 15 fleet refresh intervals (2m when 0s). */
  @Test
  void theFleetViewStaleBoundFollowsTheRefreshInterval() {
    assertThat(staleExpr(Map.of())).endsWith("> 1800");
    assertThat(staleExpr(Map.of("fleetRefreshInterval", "1h30m"))).endsWith("> 81000");
    assertThat(staleExpr(Map.of("fleetRefreshInterval", "45s"))).endsWith("> 675");
    assertThat(staleExpr(Map.of("fleetRefreshInterval", "0s"))).endsWith("> 1800");
  }

  @Test
  void rulesAndLabelsCanBeReplaced() {
    Map<String, Object> rule =
        Map.of("alert", "Mine", "expr", "hotpatch_rollout_slots_held > 10", "for", "1h");
    Map<String, Object> values =
        Map.of(
            "prometheusRule",
            Map.of(
                "enabled",
                true,
                "additionalLabels",
                Map.of("release", "prometheus"),
                "runbookBaseUrl",
                "https://wiki.example.com/hotpatch",
                "rules",
                List.of(rule)));
    List<Chart.Doc> docs = Chart.render(values, dir);
    Chart.Doc doc = Rendered.one(docs, "PrometheusRule");
    assertThat(Rendered.map(doc.object(), "metadata.labels"))
        .containsEntry("release", "prometheus")
        .containsEntry("app.kubernetes.io/name", "hotpatch-operator");
    assertThat(rules(values)).containsExactly(rule);
    Map<String, Object> ours =
        Map.of(
            "prometheusRule",
            Map.of("enabled", true, "runbookBaseUrl", "https://wiki.example.com/hotpatch"));
    assertThat(rules(ours))
        .allSatisfy(
            r ->
                assertThat((String) Rendered.at(r, "annotations.runbook_url"))
                    .startsWith("https://wiki.example.com/hotpatch#hotpatch"));
  }

  @Test
  void theDashboardParsesAndReadsExportedMetrics() throws Exception {
    List<Chart.Doc> docs =
        Chart.render(
            Map.of(
                "grafanaDashboard",
                Map.of("enabled", true, "annotations", Map.of("grafana_folder", "Hotpatch"))),
            dir);
    Chart.Doc configMap = Rendered.one(docs, "ConfigMap");
    assertThat(Rendered.map(configMap.object(), "metadata.labels"))
        .containsEntry("grafana_dashboard", "1");
    assertThat(Rendered.map(configMap.object(), "metadata.annotations"))
        .containsEntry("grafana_folder", "Hotpatch");
    assertThat(configMap.metadata()).containsEntry("namespace", Chart.NAMESPACE);
    Map<String, Object> data = Rendered.map(configMap.object(), "data");
    assertThat(data).containsOnlyKeys("hotpatch-operator.json");
    JsonNode dashboard = new ObjectMapper().readTree((String) data.get("hotpatch-operator.json"));
    assertThat(dashboard.path("uid").asText()).isEqualTo("hotpatch-operator");
    Set<String> used = new TreeSet<>();
    Set<Integer> ids = new TreeSet<>();
    List<String> titles = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      titles.add(panel.path("title").asText());
      assertThat(ids.add(panel.path("id").asInt())).as("unique panel ids").isTrue();
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        Set<String> names = PromQl.metricNames(target.path("expr").asText());
        assertThat(names).as(panel.path("title").asText()).isNotEmpty().isSubsetOf(exported);
        used.addAll(names);
      }
    }
    assertThat(used)
        .contains(
            "hotpatch_reconciles_total",
            "hotpatch_reconcile_errors_total",
            "hotpatch_azure_requests_total",
            "hotpatch_rollout_slots_held",
            "hotpatch_fleet_view_age_seconds",
            "hotpatch_vms",
            "hotpatch_reconcile_duration_seconds_bucket",
            "hotpatch_azure_request_duration_seconds_bucket",
            "hotpatch_baseline_transitions_in_flight",
            "hotpatch_baseline_max_unavailable");
    assertThat(titles)
        .contains(
            "Throttled Azure requests (429)",
            "HotpatchVMs by phase",
            "Reconcile duration (p50, p99)",
            "Azure request duration (p99)");

    Chart.Doc elsewhere =
        Rendered.one(
            Chart.render(
                Map.of(
                    "grafanaDashboard",
                    Map.of(
                        "enabled",
                        true,
                        "namespace",
                        "monitoring",
                        "labels",
                        labelsDroppingTheDefault())),
                dir),
            "ConfigMap");
    assertThat(elsewhere.metadata()).containsEntry("namespace", "monitoring");
    assertThat(Rendered.map(elsewhere.object(), "metadata.labels"))
        .containsEntry("dashboards", "hotpatch")
        .doesNotContainKey("grafana_dashboard");
  }

  /** Helm merges a map value into the default one: a null drops the default's key. */
  private static Map<String, Object> labelsDroppingTheDefault() {
    Map<String, Object> labels = new java.util.HashMap<>();
    labels.put("dashboards", "hotpatch");
    labels.put("grafana_dashboard", null);
    return labels;
  }

  private String staleExpr(Map<String, Object> extra) {
    Map<String, Object> values = new java.util.HashMap<>(extra);
    values.put("prometheusRule", Map.of("enabled", true));
    return rules(values).stream()
        .filter(r -> "HotpatchFleetViewStale".equals(r.get("alert")))
        .map(r -> String.valueOf(r.get("expr")))
        .filter(e -> e.contains(">"))
        .findFirst()
        .orElseThrow()
        .strip();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> rules(Map<String, Object> values) {
    Chart.Doc doc = Rendered.one(Chart.render(values, dir), "PrometheusRule");
    List<Map<String, Object>> groups =
        (List<Map<String, Object>>) Rendered.at(doc.object(), "spec.groups");
    List<Map<String, Object>> rules = new ArrayList<>();
    groups.forEach(g -> rules.addAll((List<Map<String, Object>>) g.get("rules")));
    return rules;
  }

  /** The alert names docs/alerts.md has a section for ("## HotpatchX"). */
  static Set<String> documentedAlerts() {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?m)^## (Hotpatch\\w+)\\s*$").matcher(Chart.read(ALERTS_DOC));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** GitHub's anchors of docs/alerts.md's headings. */
  static Set<String> anchors() {
    Set<String> anchors = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^#+ (.+)$").matcher(Chart.read(ALERTS_DOC));
    while (m.find()) {
      anchors.add(
          m.group(1).strip().toLowerCase().replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
    }
    return anchors;
  }
}
