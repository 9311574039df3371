package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Helm chart with real Helm: lint, template, schema, CRDs. */
class HelmChartTest {
  static final Set<String> KNOWN_KINDS =
      Set.of(
          "ServiceAccount",
          "ClusterRole",
          "ClusterRoleBinding",
          "Role",
          "RoleBinding",
          "Service",
          "Deployment",
          "ServiceMonitor",
          "CustomResourceDefinition",
          "PodDisruptionBudget",
          "PrometheusRule",
          "ConfigMap");
  static final List<String> VARIANTS =
      List.of(
          "default",
          "workload-identity.yaml",
          "existing-secret.yaml",
          "ha.yaml",
          "forced-leader-election.yaml");

  @TempDir Path work;

  static Path values(String variant) {
    return variant.equals("default") ? null : Chart.VALUES.resolve(variant);
  }

  static Stream<String> variants() {
    return VARIANTS.stream();
  }

  @ParameterizedTest
  @MethodSource("variants")
  void lintsClean(String variant) {
    LintResult result = Chart.lint(values(variant), work);
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    assertThat(result.getMessages()).allMatch(m -> m.startsWith("[INFO]"), "only INFO messages");
  }

  @ParameterizedTest
  @MethodSource("variants")
  void rendersKnownKindsThatParse(String variant) {
    List<Chart.Doc> docs = Chart.split(Chart.template(values(variant)));
    assertThat(docs).isNotEmpty();
    for (Chart.Doc doc : docs) {
      assertThat(KNOWN_KINDS).as(doc.source()).contains(doc.kind());
      assertThat(doc.object().get("apiVersion")).as(doc.source()).isNotNull();
      assertThat(doc.name()).as(doc.source()).isNotBlank();
      @SuppressWarnings("unchecked")
      Map<String, Object> labels = (Map<String, Object>) doc.metadata().get("labels");
      assertThat(labels)
          .as(doc.source())
          .containsEntry("app.kubernetes.io/name", "hotpatch-operator");
    }
    assertThat(kinds(docs))
        .contains(
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Service",
            "Deployment");
  }

  @Test
  void defaultRender() {
    List<Chart.Doc> docs = render("default");
    Rendered.Container c = Rendered.container(docs);
    assertThat(c.env())
        .containsEntry("WATCH_NAMESPACES", "")
        .containsEntry("RESYNC_INTERVAL", "10m")
        .containsEntry("FLEET_REFRESH_INTERVAL", "2m")
        .containsEntry("FLEET_SOURCE", "compute")
        .containsEntry("LIVENESS_STUCK_AFTER", "10m")
        .containsEntry("LEADER_ELECTION_ENABLED", "false")
        .containsEntry("HTTP_PORT", "8080")
        .containsEntry("LOG_LEVEL", "info")
        .containsEntry("LOG_FORMAT", "json")
        .doesNotContainKeys("AZURE_CLIENT_ID", "AZURE_TENANT_ID");
    assertThat(c.fieldRefs()).containsEntry("POD_NAMESPACE", "metadata.namespace");
    assertThat(c.envFrom()).isEmpty();
    assertThat(c.image()).isEqualTo("ghcr.io/hotpatch-dev/hotpatch-operator:0.1.0");
    assertThat(Rendered.at(Rendered.deployment(docs), "spec.replicas")).isEqualTo(1);
    assertThat(Rendered.at(Rendered.deployment(docs), "spec.strategy.type")).isEqualTo("Recreate");
    assertThat(Rendered.podLabels(docs)).containsEntry("azure.workload.identity/use", "true");
    assertThat(kinds(docs))
        .doesNotContain("ServiceMonitor", "PodDisruptionBudget", "PrometheusRule", "ConfigMap");
    assertThat(kinds(docs).stream().filter("CustomResourceDefinition"::equals)).hasSize(2);
    assertThat(Rendered.at(Rendered.deployment(docs), "spec.template.spec"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .doesNotContainKey("topologySpreadConstraints");
  }

  @Test
  void podIsLockedDown() {
    List<Chart.Doc> docs = render("default");
    Map<String, Object> deployment = Rendered.deployment(docs);
    Map<String, Object> pod = Rendered.map(deployment, "spec.template.spec.securityContext");
    assertThat(pod).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
    assertThat(Rendered.at(pod, "seccompProfile.type")).isEqualTo("RuntimeDefault");
    Rendered.Container c = Rendered.container(docs);
    Map<String, Object> sc = c.securityContext();
    assertThat(sc)
        .containsEntry("runAsNonRoot", true)
        .containsEntry("runAsUser", 10001)
        .containsEntry("readOnlyRootFilesystem", true)
        .containsEntry("allowPrivilegeEscalation", false);
    assertThat(Rendered.at(sc, "capabilities.drop")).isEqualTo(List.of("ALL"));
    assertThat(Rendered.at(sc, "seccompProfile.type")).isEqualTo("RuntimeDefault");
    assertThat(Rendered.at(c.raw(), "volumeMounts"))
        .isEqualTo(List.of(Map.of("name", "tmp", "mountPath", "/tmp")));
    assertThat(Rendered.at(deployment, "spec.template.spec.volumes"))
        .isEqualTo(List.of(Map.of("name", "tmp", "emptyDir", Map.of("sizeLimit", "256Mi"))));
    assertThat(Rendered.at(c.raw(), "livenessProbe.httpGet.path")).isEqualTo("/healthz");
    assertThat(Rendered.at(c.raw(), "readinessProbe.httpGet.path")).isEqualTo("/readyz");
    assertThat(Rendered.at(c.raw(), "livenessProbe.httpGet.port")).isEqualTo("http-metrics");
    assertThat(Rendered.at(c.raw(), "ports"))
        .isEqualTo(
            List.of(Map.of("name", "http-metrics", "containerPort", 8080, "protocol", "TCP")));
    assertThat(Rendered.at(c.raw(), "resources.limits.memory")).isEqualTo("512Mi");
  }

  @Test
  void metricsServiceSelectsThePod() {
    List<Chart.Doc> docs = render("default");
    Map<String, Object> service = Rendered.one(docs, "Service").object();
    assertThat(Rendered.at(service, "spec.ports"))
        .isEqualTo(
            List.of(
                Map.of(
                    "name",
                    "http-metrics",
                    "port",
                    8080,
                    "targetPort",
                    "http-metrics",
                    "protocol",
                    "TCP")));
    assertThat(Rendered.podLabels(docs))
        .containsAllEntriesOf(Rendered.map(service, "spec.selector"));
  }

  @Test
  void workloadIdentity() {
    List<Chart.Doc> docs = render("workload-identity.yaml");
    Map<String, Object> sa = Rendered.one(docs, "ServiceAccount").object();
    assertThat(Rendered.map(sa, "metadata.annotations"))
        .containsEntry("azure.workload.identity/client-id", "11111111-2222-3333-4444-555555555555")
        .containsEntry("azure.workload.identity/tenant-id", "66666666-7777-8888-9999-000000000000")
        .containsEntry("team", "platform");
    assertThat(Rendered.podLabels(docs)).containsEntry("azure.workload.identity/use", "true");
    Rendered.Container c = Rendered.container(docs);
    assertThat(c.env())
        .containsEntry("AZURE_CLIENT_ID", "11111111-2222-3333-4444-555555555555")
        .containsEntry("AZURE_TENANT_ID", "66666666-7777-8888-9999-000000000000")
        .containsEntry("WATCH_NAMESPACES", "fleet-a,fleet-b")
        .doesNotContainKey("AZURE_CLIENT_SECRET");
    assertThat(c.envFrom()).isEmpty();
    assertThat(Rendered.at(Rendered.deployment(docs), "spec.template.spec.serviceAccountName"))
        .isEqualTo(Rendered.one(docs, "ServiceAccount").name());
  }

  @Test
  void existingSecret() {
    List<Chart.Doc> docs = render("existing-secret.yaml");
    Rendered.Container c = Rendered.container(docs);
    assertThat(c.envFrom())
        .isEqualTo(List.of(Map.of("secretRef", Map.of("name", "hotpatch-azure"))));
    assertThat(c.env())
        .doesNotContainKeys("AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_SECRET")
        .containsEntry("LOG_FORMAT", "text")
        .containsEntry("LOG_LEVEL", "debug");
    assertThat(Rendered.podLabels(docs)).doesNotContainKey("azure.workload.identity/use");
    assertThat(Rendered.one(docs, "ServiceAccount").metadata()).doesNotContainKey("annotations");
  }

  @Test
  void threeReplicasTurnLeaderElectionOn() {
    List<Chart.Doc> docs = render("ha.yaml");
    assertThat(Rendered.container(docs).env()).containsEntry("LEADER_ELECTION_ENABLED", "true");
    Map<String, Object> deployment = Rendered.deployment(docs);
    assertThat(Rendered.at(deployment, "spec.replicas")).isEqualTo(3);
    assertThat(Rendered.at(deployment, "spec.strategy.type")).isEqualTo("RollingUpdate");
    Map<String, Object> monitor = Rendered.one(docs, "ServiceMonitor").object();
    assertThat(Rendered.map(monitor, "metadata.labels")).containsEntry("release", "prometheus");
    Map<String, Object> endpoint =
        Rendered.map(((List<?>) Rendered.at(monitor, "spec.endpoints")).get(0), "");
    assertThat(endpoint).containsEntry("port", "http-metrics").containsEntry("path", "/metrics");
  }

  @Test
  @SuppressWarnings("unchecked")
  void shardsGetADeploymentAndABudgetEachWithTheirOwnPodsAndShardName(@TempDir Path dir) {
    List<Chart.Doc> docs =
        Chart.render(Map.of("shards", List.of("eu", "us"), "replicaCount", 2), dir);
    List<Map<String, Object>> deployments =
        docs.stream().filter(d -> d.kind().equals("Deployment")).map(Chart.Doc::object).toList();
    assertThat(deployments)
        .extracting(d -> Rendered.at(d, "metadata.name"))
        .containsExactly("hotpatch-operator-eu", "hotpatch-operator-us");
    for (Map<String, Object> d : deployments) {
      String shard = ((String) Rendered.at(d, "metadata.name")).replace("hotpatch-operator-", "");
      var container =
          new Rendered.Container(
              ((List<Map<String, Object>>) Rendered.at(d, "spec.template.spec.containers")).get(0));
      assertThat(container.env())
          .containsEntry("SHARD", shard)
          .containsEntry("LEADER_ELECTION_ENABLED", "true");
      Map<String, Object> selector = Rendered.map(d, "spec.selector.matchLabels");
      assertThat(selector).containsEntry("hotpatch.dev/operator-shard", shard);
      assertThat(Rendered.map(d, "spec.template.metadata.labels")).containsAllEntriesOf(selector);
    }
    List<Map<String, Object>> budgets =
        docs.stream()
            .filter(d -> d.kind().equals("PodDisruptionBudget"))
            .map(Chart.Doc::object)
            .toList();
    assertThat(budgets)
        .extracting(b -> Rendered.map(b, "spec.selector.matchLabels"))
        .containsExactly(
            Rendered.map(deployments.get(0), "spec.selector.matchLabels"),
            Rendered.map(deployments.get(1), "spec.selector.matchLabels"));
    // Without shards: one Deployment, named and selected as before (an upgrade keeps it).
    Map<String, Object> one = Rendered.deployment(render("ha.yaml"));
    assertThat(Rendered.at(one, "metadata.name")).isEqualTo("hotpatch-operator");
    assertThat(Rendered.map(one, "spec.selector.matchLabels"))
        .doesNotContainKey("hotpatch.dev/operator-shard");
    assertThat(Rendered.container(render("ha.yaml")).env()).doesNotContainKey("SHARD");
  }

  @Test
  void leaderElectionCanBeForcedOnWithOneReplica() {
    List<Chart.Doc> docs = render("forced-leader-election.yaml");
    assertThat(Rendered.container(docs).env()).containsEntry("LEADER_ELECTION_ENABLED", "true");
    assertThat(Rendered.at(Rendered.deployment(docs), "spec.replicas")).isEqualTo(1);
  }

  @Test
  void rbacCanBeLeftOut(@TempDir Path dir) throws Exception {
    Path values = dir.resolve("values.yaml");
    Files.writeString(
        values, "rbac:\n  create: false\nserviceAccount:\n  create: false\n  name: existing\n");
    List<Chart.Doc> docs = Chart.split(Chart.template(values));
    assertThat(kinds(docs))
        .containsExactlyInAnyOrder(
            "CustomResourceDefinition", "CustomResourceDefinition", "Service", "Deployment");
    assertThat(Rendered.at(Rendered.deployment(docs), "spec.template.spec.serviceAccountName"))
        .isEqualTo("existing");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bad-log-format.yaml",
        "bad-secret-missing.yaml",
        "bad-replicas.yaml",
        "bad-unknown-key.yaml",
        "bad-interval.yaml"
      })
  void badValuesFailWithHelmsSchemaMessage(String file) {
    assertThatThrownBy(() -> Chart.template(Chart.VALUES.resolve(file)))
        .hasMessageContaining("values don't meet the specifications of the schema(s)")
        .hasMessageContaining("hotpatch-operator");
  }

  @Test
  void badValuesSayWhatIsWrong() {
    assertThatThrownBy(() -> Chart.template(Chart.VALUES.resolve("bad-log-format.yaml")))
        .hasMessageContaining("/logFormat")
        .hasMessageContaining("'json', 'text'");
    assertThatThrownBy(() -> Chart.template(Chart.VALUES.resolve("bad-secret-missing.yaml")))
        .hasMessageContaining("/azure/auth/existingSecret");
  }

  @Test
  void chartCrdsAreCopiesOfTheGeneratedOnes() throws Exception {
    Map<String, String> top = Chart.topLevelCrds();
    assertThat(top).isNotEmpty();
    Path chartCrds = Chart.CHART_CRDS;
    String copy = "cp crds/*.yml " + Chart.ROOT.relativize(chartCrds) + "/";
    try (Stream<Path> files = Files.list(chartCrds)) {
      assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
          .as("files in %s; copy with: %s", chartCrds, copy)
          .isEqualTo(top.keySet());
    }
    top.forEach(
        (name, text) ->
            assertThat(Chart.read(chartCrds.resolve(name)))
                .as("%s differs from crds/%s; copy with: %s", name, name, copy)
                .isEqualTo(text));
    // Helm would install a crds/ folder on first install, and then fail on templates/crds.yaml.
    assertThat(Chart.DIR.resolve("crds")).doesNotExist();
  }

  /**
   * The CRDs are templates (cert-manager's crds.enabled / crds.keep), so helm upgrade upgrades
   * them: the same as the generated ones, with the chart's labels and, by default, kept on
   * uninstall.
   */
  @Test
  void crdsRenderAsTheGeneratedOnesAndAreKept() {
    Map<String, Map<String, Object>> generated = new java.util.TreeMap<>();
    Chart.topLevelCrds()
        .values()
        .forEach(
            text -> {
              Map<String, Object> crd = Chart.parse(text);
              generated.put((String) Rendered.at(crd, "metadata.name"), crd);
            });
    List<Chart.Doc> crds =
        render("default").stream()
            .filter(d -> d.kind().equals("CustomResourceDefinition"))
            .toList();
    assertThat(crds)
        .extracting(Chart.Doc::name)
        .containsExactlyInAnyOrderElementsOf(generated.keySet());
    for (Chart.Doc crd : crds) {
      assertThat(crd.source()).isEqualTo(Chart.CRDS_TEMPLATE);
      assertThat(
              differences("spec", crd.object().get("spec"), generated.get(crd.name()).get("spec")))
          .as(crd.name() + ": rendered vs generated")
          .isEmpty();
      assertThat(crd.object().get("apiVersion")).isEqualTo("apiextensions.k8s.io/v1");
      assertThat(Rendered.map(crd.object(), "metadata.annotations"))
          .containsEntry("helm.sh/resource-policy", "keep");
      assertThat(Rendered.map(crd.object(), "metadata.labels"))
          .containsEntry("app.kubernetes.io/part-of", "hotpatch-operator");
    }
  }

  @Test
  void crdsCanBeLeftOutOrNotKept(@TempDir Path dir) {
    assertThat(kinds(Chart.render(Map.of("crds", Map.of("enabled", false)), dir)))
        .doesNotContain("CustomResourceDefinition")
        .contains("Deployment");
    List<Chart.Doc> notKept = Chart.render(Map.of("crds", Map.of("keep", false)), dir);
    assertThat(notKept.stream().filter(d -> d.kind().equals("CustomResourceDefinition")))
        .hasSize(2)
        .allSatisfy(d -> assertThat(d.metadata()).doesNotContainKey("annotations"));
  }

  /**
   * One replica: no budget (it could only block drains). Leader election with more: one, so a drain
   * keeps a standby to take the lease; or on or off when said.
   */
  @Test
  void podDisruptionBudgetWithMoreThanOneReplicaOrWhenAskedFor(@TempDir Path dir) {
    Map<String, Object> pdb = Rendered.one(render("ha.yaml"), "PodDisruptionBudget").object();
    assertThat(Rendered.map(pdb, "spec"))
        .containsEntry("maxUnavailable", 1)
        .doesNotContainKey("minAvailable");
    assertThat(Rendered.map(pdb, "spec.selector.matchLabels"))
        .isEqualTo(
            Rendered.map(Rendered.deployment(render("ha.yaml")), "spec.selector.matchLabels"));
    assertThat(Rendered.at(pdb, "apiVersion")).isEqualTo("policy/v1");

    assertThat(
            kinds(
                Chart.render(
                    Map.of("replicaCount", 3, "podDisruptionBudget", Map.of("enabled", false)),
                    dir)))
        .doesNotContain("PodDisruptionBudget");
    Map<String, Object> one =
        Rendered.one(
                Chart.render(Map.of("podDisruptionBudget", Map.of("enabled", true)), dir),
                "PodDisruptionBudget")
            .object();
    assertThat(Rendered.map(one, "spec")).containsEntry("maxUnavailable", 1);
    Map<String, Object> percent =
        Rendered.one(
                Chart.render(
                    Map.of("replicaCount", 3, "podDisruptionBudget", Map.of("minAvailable", "50%")),
                    dir),
                "PodDisruptionBudget")
            .object();
    assertThat(Rendered.map(percent, "spec"))
        .containsEntry("minAvailable", "50%")
        .doesNotContainKey("maxUnavailable");
    Map<String, Object> two =
        Rendered.one(
                Chart.render(
                    Map.of("replicaCount", 3, "podDisruptionBudget", Map.of("minAvailable", 2)),
                    dir),
                "PodDisruptionBudget")
            .object();
    assertThat(Rendered.map(two, "spec")).containsEntry("minAvailable", 2);
  }

  @Test
  void aPodDisruptionBudgetThatBlocksEveryDrainFails(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                Chart.render(
                    Map.of("podDisruptionBudget", Map.of("enabled", true, "minAvailable", 1)), dir))
        .hasMessageContaining("would block every node drain");
    assertThatThrownBy(
            () ->
                Chart.render(
                    Map.of("replicaCount", 2, "podDisruptionBudget", Map.of("maxUnavailable", 0)),
                    dir))
        .hasMessageContaining("would block every node drain");
    assertThatThrownBy(
            () ->
                Chart.render(
                    Map.of(
                        "replicaCount",
                        2,
                        "podDisruptionBudget",
                        Map.of("minAvailable", 1, "maxUnavailable", 1)),
                    dir))
        .hasMessageContaining("not both");
    assertThatThrownBy(
            () ->
                Chart.render(Map.of("podDisruptionBudget", Map.of("maxUnavailable", "half")), dir))
        .hasMessageContaining("values don't meet the specifications of the schema(s)");
  }

  /** A constraint without a labelSelector gets the pods' selector labels. */
  @Test
  void topologySpreadConstraints(@TempDir Path dir) {
    Map<String, Object> zone =
        Map.of(
            "maxSkew",
            1,
            "topologyKey",
            "topology.kubernetes.io/zone",
            "whenUnsatisfiable",
            "ScheduleAnyway");
    Map<String, Object> host =
        Map.of(
            "maxSkew",
            1,
            "topologyKey",
            "kubernetes.io/hostname",
            "whenUnsatisfiable",
            "DoNotSchedule",
            "labelSelector",
            Map.of("matchLabels", Map.of("app", "mine")));
    List<Chart.Doc> docs =
        Chart.render(
            Map.of("replicaCount", 2, "topologySpreadConstraints", List.of(zone, host)), dir);
    List<?> constraints =
        (List<?>)
            Rendered.at(Rendered.deployment(docs), "spec.template.spec.topologySpreadConstraints");
    assertThat(constraints).hasSize(2);
    assertThat(Rendered.map(constraints.get(0), "")).containsAllEntriesOf(zone);
    assertThat(Rendered.map(constraints.get(0), "labelSelector.matchLabels"))
        .isEqualTo(Rendered.map(Rendered.deployment(docs), "spec.selector.matchLabels"));
    assertThat(Rendered.map(constraints.get(1), "")).isEqualTo(host);
    assertThatThrownBy(
            () ->
                Chart.render(
                    Map.of("topologySpreadConstraints", List.of(Map.of("maxSkew", 1))), dir))
        .hasMessageContaining("values don't meet the specifications of the schema(s)");
  }

  @Test
  void notesSayHowToCheckItRuns() {
    assertThat(Chart.notes(null))
        .contains("kubectl -n hotpatch-system get pods")
        .contains("kubectl get hpvm,pbl -A")
        .contains("kubectl -n hotpatch-system logs deploy/hotpatch-operator")
        .contains("azure.auth.clientId is empty");
    assertThat(Chart.notes(Chart.VALUES.resolve("workload-identity.yaml")))
        .doesNotContain("is empty");
    assertThat(Chart.notes(Chart.VALUES.resolve("existing-secret.yaml")))
        .contains("Secret hotpatch-azure");
    assertThat(Chart.notes(Chart.VALUES.resolve("ha.yaml")))
        .contains("lease")
        .contains("hotpatch-operator-leader");
  }

  @Test
  void olderClustersAreRefused() {
    assertThat(Chart.template(null, "1.27.0")).contains("kind: Deployment");
    assertThatThrownBy(() -> Chart.template(null, "1.26.9"))
        .hasMessageContaining("chart requires kubeVersion: >=1.27.0-0");
  }

  @Test
  void chartMetadata() {
    Map<String, Object> chart = Chart.readMap(Chart.DIR.resolve("Chart.yaml"));
    assertThat(chart)
        .containsEntry("apiVersion", "v2")
        .containsEntry("appVersion", "0.1.0")
        .containsEntry("name", "hotpatch-operator")
        .containsEntry("kubeVersion", ">=1.27.0-0")
        .containsKeys("home", "sources", "maintainers", "keywords", "description");
    assertThat((List<?>) chart.get("sources")).isNotEmpty();
    assertThat((List<?>) chart.get("maintainers"))
        .allSatisfy(m -> assertThat(Rendered.map(m, "")).containsKey("name"));
    Map<String, Object> annotations = Rendered.map(chart, "annotations");
    assertThat(annotations).containsKeys("artifacthub.io/license", "artifacthub.io/crds");
    // The image Artifact Hub lists is the chart's default one.
    assertThat((String) annotations.get("artifacthub.io/images"))
        .contains("image: ghcr.io/hotpatch-dev/hotpatch-operator:" + chart.get("appVersion"));
    List<Map<String, Object>> crds =
        Chart.YAML.convertValue(
            Chart.parse("crds:\n" + ((String) annotations.get("artifacthub.io/crds")).indent(2))
                .get("crds"),
            new com.fasterxml.jackson.core.type.TypeReference<List<Map<String, Object>>>() {});
    assertThat(crds)
        .extracting(c -> c.get("name"))
        .containsExactlyInAnyOrder("hotpatchvms.hotpatch.dev", "patchbaselines.hotpatch.dev");
    assertThat(Chart.DIR.resolve("values.schema.json")).exists();
    assertThat(Chart.read(Chart.DIR.resolve("templates/NOTES.txt")))
        .contains("kubectl")
        .contains("get pods")
        .contains("get hpvm,pbl")
        .contains("logs");
  }

  /** Where two parsed YAML trees differ, as "path: a != b". */
  static List<String> differences(String path, Object a, Object b) {
    List<String> out = new java.util.ArrayList<>();
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      Set<Object> keys = new java.util.TreeSet<>(java.util.Comparator.comparing(String::valueOf));
      keys.addAll(ma.keySet());
      keys.addAll(mb.keySet());
      keys.forEach(k -> out.addAll(differences(path + "." + k, ma.get(k), mb.get(k))));
    } else if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
      for (int i = 0; i < la.size(); i++) {
        out.addAll(differences(path + "[" + i + "]", la.get(i), lb.get(i)));
      }
    } else if (a instanceof Number na && b instanceof Number nb) {
      if (na.doubleValue() != nb.doubleValue()) { // 1 and 1.0 are one JSON number
        out.add(path + ": " + a + " != " + b);
      }
    } else if (!java.util.Objects.equals(a, b)) {
      out.add(
          path + ": " + a + " (" + (a == null ? "" : a.getClass().getSimpleName()) + ") != " + b);
    }
    return out;
  }

  private static List<Chart.Doc> render(String variant) {
    return Chart.split(Chart.template(values(variant)));
  }

  private static List<String> kinds(List<Chart.Doc> docs) {
    return docs.stream().map(Chart.Doc::kind).toList();
  }
}
