package dev.hotpatch.operator.install;

import dev.hotpatch.operator.api.Api;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What deploy/ must hold: the chart's default render split by template (its CRDs as the generated
 * files in crds/, not templates/crds.yaml's render of them with Helm's labels), a Namespace and a
 * kustomization; plus the Argo CD argocd-cm patch built from the Lua health checks. {@link
 * DeployManifestsTest} compares; with {@value #UPDATE_PROPERTY}=true it writes them.
 */
final class DeployManifests {
  static final String UPDATE_PROPERTY = "hp.updateDeploy";
  static final String REGENERATE =
      "mvn -B test -Dtest=DeployManifestsTest -D" + UPDATE_PROPERTY + "=true";
  static final String ARGOCD_CM_PATCH = "argocd/argocd-cm-patch.yaml";

  /** Argo CD's layout: resource_customizations/GROUP/KIND/health.lua, with its tests beside it. */
  static final String ARGOCD_CUSTOMIZATIONS = "argocd/resource_customizations";

  static final List<String> HEALTH_CHECKED_KINDS =
      List.of(HasMetadata.getKind(HotpatchVM.class), HasMetadata.getKind(PatchBaseline.class));

  /** The health check of each kind, under deploy/. */
  static String healthCheck(String kind) {
    return ARGOCD_CUSTOMIZATIONS + "/" + Api.GROUP + "/" + kind + "/health.lua";
  }

  /** The argocd-cm key Argo CD reads a kind's health check from. */
  static String healthCheckKey(String kind) {
    return "resource.customizations.health." + Api.GROUP + "_" + kind;
  }

  private static final String GENERATED =
      """
      # Generated from the Helm chart helm/hotpatch-operator with its default values
      # (helm template hotpatch-operator helm/hotpatch-operator --namespace hotpatch-system).
      # Do not edit: change the chart, then regenerate with
      #   %s
      """
          .formatted(REGENERATE);

  private static final String NAMESPACE_YAML =
      """
      # The operator's namespace. Its pod meets the "restricted" Pod Security Standard.
      apiVersion: v1
      kind: Namespace
      metadata:
        name: %s
        labels:
          app.kubernetes.io/part-of: hotpatch-operator
          pod-security.kubernetes.io/enforce: restricted
      """
          .formatted(Chart.NAMESPACE);

  private DeployManifests() {}

  /** Paths under deploy/ and their expected content, in kustomization order. */
  static Map<String, String> expected() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("namespace.yaml", NAMESPACE_YAML);
    Chart.topLevelCrds().forEach((name, text) -> files.put("crds/" + name, text));
    Map<String, List<String>> bySource = new LinkedHashMap<>();
    for (Chart.Doc doc : Chart.split(Chart.template(null))) {
      if (doc.source().equals(Chart.CRDS_TEMPLATE)) {
        continue; // the same CRDs as crds/ above, there as the generated files
      }
      bySource.computeIfAbsent(doc.source(), s -> new ArrayList<>()).add(doc.text());
    }
    bySource.forEach((source, texts) -> files.put(source, GENERATED + String.join("---\n", texts)));
    List<String> resources = new ArrayList<>(files.keySet());
    files.put("kustomization.yaml", kustomization(resources));
    files.put(ARGOCD_CM_PATCH, argocdCmPatch());
    return files;
  }

  /** The generated files that are present under deploy/ but no longer expected. */
  static List<String> stray(Map<String, String> expected) {
    List<String> stray = new ArrayList<>();
    for (Path dir : List.of(Chart.DEPLOY, Chart.DEPLOY.resolve("crds"))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        files
            .filter(Files::isRegularFile)
            .map(p -> Chart.DEPLOY.relativize(p).toString().replace('\\', '/'))
            .filter(p -> p.endsWith(".yaml") || p.endsWith(".yml"))
            .filter(p -> !expected.containsKey(p))
            .forEach(stray::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return stray;
  }

  /** Writes every expected file and removes stray ones. */
  static void write() {
    Map<String, String> expected = expected();
    try {
      for (String p : stray(expected)) {
        Files.delete(Chart.DEPLOY.resolve(p));
      }
      for (Map.Entry<String, String> e : expected.entrySet()) {
        Path target = Chart.DEPLOY.resolve(e.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String kustomization(List<String> resources) {
    return """
        # kubectl apply -k deploy/
        # Generated with the other files here; to use your own image, in a copy or an overlay:
        #   kustomize edit set image %s=REGISTRY/hotpatch-operator:TAG
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
        %s
        """
        .formatted(
            imageRepository(),
            resources.stream().map(r -> "  - " + r).collect(Collectors.joining("\n")));
  }

  @SuppressWarnings("unchecked")
  private static String imageRepository() {
    Map<String, Object> image =
        (Map<String, Object>) Chart.readMap(Chart.DIR.resolve("values.yaml")).get("image");
    return (String) image.get("repository");
  }

  private static String argocdCmPatch() {
    StringBuilder out =
        new StringBuilder(
            """
        # Argo CD health checks for %1$s resources: merge into the argocd-cm ConfigMap, e.g.
        #   kubectl -n argocd patch configmap argocd-cm --patch-file deploy/argocd/argocd-cm-patch.yaml
        # Generated from deploy/%2$s/%1$s/*/health.lua (tested with the
        # health_test.yaml beside each): edit those, then run
        #   %3$s
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: argocd-cm
          namespace: argocd
          labels:
            app.kubernetes.io/name: argocd-cm
            app.kubernetes.io/part-of: argocd
        data:
        """
                .formatted(Api.GROUP, ARGOCD_CUSTOMIZATIONS, REGENERATE));
    for (String kind : HEALTH_CHECKED_KINDS) {
      String lua = Chart.read(Chart.DEPLOY.resolve(healthCheck(kind)));
      out.append("  ").append(healthCheckKey(kind)).append(": |\n");
      lua.lines().forEach(line -> out.append(line.isEmpty() ? "" : "    " + line).append('\n'));
    }
    return out.toString();
  }
}
