package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The Argo CD Lua health checks, run with LuaJ the way Argo CD runs them: the resource as a Lua
 * table in the global {@code obj}, a table {status, message} returned.
 */
class ArgoCdHealthTest {
  static final Set<String> ARGO_STATUSES =
      Set.of("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown");
  static final Path FIXTURES = Chart.VALUES.resolve("argocd");

  record Case(String name, String expect, String message, Map<String, Object> object) {}

  static Stream<Arguments> cases() {
    return Stream.of("HotpatchVM", "PatchBaseline")
        .flatMap(kind -> load(kind).stream().map(c -> Arguments.of(kind, c.name(), c)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void health(String kind, String name, Case c) {
    LuaTable hs = run(kind, c.object());
    assertThat(hs.get("status").tojstring()).isEqualTo(c.expect());
    assertThat(hs.get("message").isstring()).as("message").isTrue();
    assertThat(hs.get("message").tojstring()).isNotBlank().contains(c.message());
  }

  @Test
  void everyStatusIsCoveredForEachKind() {
    for (String kind : List.of("HotpatchVM", "PatchBaseline")) {
      assertThat(load(kind).stream().map(Case::expect).collect(Collectors.toSet()))
          .as(kind)
          .containsExactlyInAnyOrder("Healthy", "Progressing", "Degraded", "Suspended")
          .allMatch(ARGO_STATUSES::contains);
    }
  }

  @Test
  void argocdCmPatchCarriesTheLuaFilesVerbatim() {
    Map<String, Object> cm =
        Chart.parse(Chart.read(Chart.DEPLOY.resolve(DeployManifests.ARGOCD_CM_PATCH)));
    assertThat(cm).containsEntry("kind", "ConfigMap");
    assertThat(Rendered.map(cm, "metadata"))
        .containsEntry("name", "argocd-cm")
        .containsEntry("namespace", "argocd");
    Map<String, Object> data = Rendered.map(cm, "data");
    assertThat(data).hasSize(2);
    DeployManifests.HEALTH_CHECKS.forEach(
        (kind, file) ->
            assertThat(data.get("resource.customizations.health.hotpatch.dev_" + kind))
                .as("%s; regenerate with: %s", kind, DeployManifests.REGENERATE)
                .isEqualTo(Chart.read(Chart.DEPLOY.resolve(file))));
  }

  @Test
  void applicationExampleIsAnArgoCdApplication() {
    Map<String, Object> app =
        Chart.parse(Chart.read(Chart.DEPLOY.resolve("argocd/application.yaml")));
    assertThat(app)
        .containsEntry("apiVersion", "argoproj.io/v1alpha1")
        .containsEntry("kind", "Application");
    assertThat(Rendered.at(app, "spec.source.path")).isEqualTo("helm/hotpatch-operator");
    assertThat(Rendered.at(app, "spec.destination.namespace")).isEqualTo(Chart.NAMESPACE);
  }

  static LuaTable run(String kind, Map<String, Object> object) {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", toLua(object));
    String script = Chart.read(Chart.DEPLOY.resolve(DeployManifests.HEALTH_CHECKS.get(kind)));
    LuaValue result = globals.load(script, kind + " health").call();
    assertThat(result.istable()).as("returns a table").isTrue();
    return (LuaTable) result;
  }

  /**
   * JSON to Lua as Argo CD does it: objects and arrays (1-based) become tables, numbers numbers.
   */
  static LuaValue toLua(Object value) {
    if (value == null) {
      return LuaValue.NIL;
    } else if (value instanceof Map<?, ?> map) {
      LuaTable table = new LuaTable();
      map.forEach((k, v) -> table.set(String.valueOf(k), toLua(v)));
      return table;
    } else if (value instanceof List<?> list) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < list.size(); i++) {
        table.set(i + 1, toLua(list.get(i)));
      }
      return table;
    } else if (value instanceof Boolean b) {
      return LuaValue.valueOf(b);
    } else if (value instanceof Number n) {
      return LuaValue.valueOf(n.doubleValue());
    }
    return LuaValue.valueOf(value.toString());
  }

  static List<Case> load(String kind) {
    Path file = FIXTURES.resolve(kind.toLowerCase() + ".yaml");
    try {
      return Chart.YAML.readValue(file.toFile(), new TypeReference<List<Case>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @org.junit.jupiter.api.Test
  void everyFailureReasonOfTheOperatorIsDegradedInTheHealthCheck() throws Exception {
    String lua =
        java.nio.file.Files.readString(
            java.nio.file.Path.of("deploy/argocd/health-hotpatchvm.lua"));
    for (String reason : dev.hotpatch.operator.reconciler.StatusWriter.FAILURES) {
      boolean listed =
          lua.contains(reason + " = true") || reason.endsWith("Failed") || reason.endsWith("Error");
      org.assertj.core.api.Assertions.assertThat(listed)
          .as("reason %s in health-hotpatchvm.lua", reason)
          .isTrue();
    }
  }
}
