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
          "ServiceMonitor");
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
    assertThat(kinds(docs)).doesNotContain("ServiceMonitor");
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
    assertThat(kinds(docs)).containsExactlyInAnyOrder("Service", "Deployment");
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
    Path chartCrds = Chart.DIR.resolve("crds");
    try (Stream<Path> files = Files.list(chartCrds)) {
      assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
          .as(
              "files in %s; copy with: cp crds/*.yml %s/",
              chartCrds, Chart.ROOT.relativize(chartCrds))
          .isEqualTo(top.keySet());
    }
    top.forEach(
        (name, text) ->
            assertThat(Chart.read(chartCrds.resolve(name)))
                .as(
                    "%s differs from crds/%s; copy with: cp crds/*.yml helm/hotpatch-operator/crds/",
                    name, name)
                .isEqualTo(text));
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
  void chartMetadata() {
    Map<String, Object> chart = Chart.readMap(Chart.DIR.resolve("Chart.yaml"));
    assertThat(chart)
        .containsEntry("apiVersion", "v2")
        .containsEntry("appVersion", "0.1.0")
        .containsEntry("name", "hotpatch-operator");
    assertThat(Chart.DIR.resolve("values.schema.json")).exists();
    assertThat(Chart.read(Chart.DIR.resolve("templates/NOTES.txt")))
        .contains("kubectl")
        .contains("get pods")
        .contains("get hpvm,pbl")
        .contains("logs");
  }

  private static List<Chart.Doc> render(String variant) {
    return Chart.split(Chart.template(values(variant)));
  }

  private static List<String> kinds(List<Chart.Doc> docs) {
    return docs.stream().map(Chart.Doc::kind).toList();
  }
}
