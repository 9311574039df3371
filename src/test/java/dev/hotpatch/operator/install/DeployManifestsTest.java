package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** deploy/ is the chart's default render; regenerate with {@link DeployManifests#REGENERATE}. */
class DeployManifestsTest {

  @Test
  void deployEqualsTheDefaultRender() {
    if (Boolean.getBoolean(DeployManifests.UPDATE_PROPERTY)) {
      DeployManifests.write();
    }
    Map<String, String> expected = DeployManifests.expected();
    List<String> differing = new ArrayList<>();
    expected.forEach(
        (path, text) -> {
          var file = Chart.DEPLOY.resolve(path);
          if (!Files.exists(file) || !Chart.read(file).equals(text)) {
            differing.add(path);
          }
        });
    assertThat(differing)
        .as(
            "deploy/ files differ from the chart's default render; regenerate with: %s",
            DeployManifests.REGENERATE)
        .isEmpty();
    assertThat(DeployManifests.stray(expected))
        .as("deploy/ files no longer generated; regenerate with: %s", DeployManifests.REGENERATE)
        .isEmpty();
  }

  @Test
  void everyDeployDocumentHasANamespaceOrIsClusterScoped() {
    List<String> clusterScoped =
        List.of("Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding");
    DeployManifests.expected()
        .forEach(
            (path, text) -> {
              if (path.equals("kustomization.yaml") || path.startsWith("argocd/")) {
                return;
              }
              for (String doc : text.split("(?m)^---\\s*$")) {
                Map<String, Object> object = Chart.parse(doc);
                @SuppressWarnings("unchecked")
                Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
                String kind = (String) object.get("kind");
                if (!clusterScoped.contains(kind)) {
                  assertThat(metadata.get("namespace"))
                      .as(path + " " + kind)
                      .isEqualTo(Chart.NAMESPACE);
                }
              }
            });
  }

  /** kubectl builds the kustomization without a cluster; skipped where kubectl is missing. */
  @Test
  void kubectlKustomizeBuildsDeploy() throws Exception {
    assumeTrue(onPath("kubectl"), "kubectl not installed");
    Process p =
        new ProcessBuilder("kubectl", "kustomize", Chart.DEPLOY.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("kind: Deployment")
        .contains("kind: CustomResourceDefinition")
        .contains("name: hotpatch-system");
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(java.nio.file.Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
