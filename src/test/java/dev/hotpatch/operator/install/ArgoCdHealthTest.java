package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.Api;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.reconciler.Phases;
import dev.hotpatch.operator.reconciler.StatusWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The Argo CD health checks in Argo CD's own layout, deploy/argocd/resource_customizations/GROUP/
 * KIND/{health.lua, health_test.yaml, testdata/}, run as Argo CD's test runner runs them
 * (util/lua/health_test.go): every health_test.yaml, each test's inputPath loaded as the global
 * {@code obj}, health.lua run, and the table it returns equal to the test's healthStatus. And the
 * reasons the scripts name equal to the reasons the operator's code emits ({@link EmittedReasons}),
 * Degraded exactly for those in {@link StatusWriter#FAILURES}.
 */
class ArgoCdHealthTest {
  static final Path CUSTOMIZATIONS = Chart.DEPLOY.resolve(DeployManifests.ARGOCD_CUSTOMIZATIONS);
  static final Set<String> ARGO_STATUSES =
      Set.of("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown");
  static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          HasMetadata.getKind(HotpatchVM.class), HotpatchVM.class,
          HasMetadata.getKind(PatchBaseline.class), PatchBaseline.class);

  /** health_test.yaml, as Argo CD's TestStructure reads it. */
  record HealthTests(List<HealthTest> tests) {}

  record HealthTest(HealthStatus healthStatus, String inputPath) {}

  record HealthStatus(String status, String message) {}

  /** Which Lua libraries the script gets. */
  enum Libraries {
    /** Argo CD's test runner (UseOpenLibs: true), and built-in checks. */
    OPEN,
    /**
     * A check from argocd-cm without resource.customizations.useOpenLibs: only the base, table and
     * package libraries (and a safe os, which the scripts do not use).
     */
    ARGOCD_CM
  }

  // ---- Argo CD's test runner

  static Stream<Arguments> healthTests() {
    List<Arguments> all = new ArrayList<>();
    for (Path script : healthScripts()) {
      Path dir = script.getParent();
      for (HealthTest test : read(dir.resolve("health_test.yaml")).tests()) {
        String name = CUSTOMIZATIONS.relativize(dir.resolve(test.inputPath())).toString();
        all.add(Arguments.of(name, dir, test));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("healthTests")
  void healthIsWhatTheTestSays(String name, Path dir, HealthTest test) {
    String script = Chart.read(dir.resolve("health.lua"));
    Map<String, Object> obj = Chart.readMap(dir.resolve(test.inputPath()));
    for (Libraries libraries : Libraries.values()) {
      assertThat(execute(script, obj, libraries))
          .as("%s", libraries)
          .isEqualTo(test.healthStatus());
    }
  }

  /** Argo CD's ExecuteHealthLua: the global obj, the script run, its table read as HealthStatus. */
  static HealthStatus execute(String script, Map<String, Object> obj, Libraries libraries) {
    Globals globals =
        libraries == Libraries.OPEN ? JsePlatform.standardGlobals() : argocdCmGlobals();
    globals.set("obj", toLua(obj));
    Varargs returned = globals.load(script, "health.lua").invoke();
    LuaValue result = returned.arg1();
    assertThat(result.istable())
        .as("health.lua returns a table, not %s", result.typename())
        .isTrue();
    LuaTable table = (LuaTable) result;
    Set<String> keys = new TreeSet<>();
    for (LuaValue k = table.next(LuaValue.NIL).arg1(); !k.isnil(); k = table.next(k).arg1()) {
      keys.add(k.tojstring());
    }
    assertThat(keys).as("fields of the returned table").isSubsetOf("status", "message");
    LuaValue status = table.get("status");
    LuaValue message = table.get("message");
    assertThat(status.isstring()).as("status is a string").isTrue();
    assertThat(ARGO_STATUSES).as("a health status Argo CD knows").contains(status.tojstring());
    assertThat(message.isnil() || message.isstring()).as("message is a string").isTrue();
    return new HealthStatus(status.tojstring(), message.isnil() ? null : message.tojstring());
  }

  private static Globals argocdCmGlobals() {
    Globals globals = new Globals();
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    LoadState.install(globals);
    LuaC.install(globals);
    return globals;
  }

  /** Argo CD's decodeValue: maps and arrays (1-based) become tables, every number a Lua number. */
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

  // ---- The layout

  @Test
  void layoutIsArgoCdsResourceCustomizations() throws IOException {
    try (Stream<Path> groups = Files.list(CUSTOMIZATIONS)) {
      assertThat(groups.map(p -> p.getFileName().toString()))
          .as("one folder, named after the CRDs' API group")
          .containsExactly(Api.GROUP);
    }
    try (Stream<Path> kinds = Files.list(CUSTOMIZATIONS.resolve(Api.GROUP))) {
      assertThat(kinds.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(DeployManifests.HEALTH_CHECKED_KINDS)
          .containsExactlyInAnyOrderElementsOf(KINDS.keySet());
    }
    for (String kind : KINDS.keySet()) {
      Path dir = CUSTOMIZATIONS.resolve(Api.GROUP).resolve(kind);
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .as(kind)
            .containsExactlyInAnyOrder("health.lua", "health_test.yaml", "testdata");
      }
      assertThat(dir.resolve("health.lua"))
          .isEqualTo(Chart.DEPLOY.resolve(DeployManifests.healthCheck(kind)));
    }
  }

  @Test
  void everyTestdataFileIsAWholeObjectOfItsKindAndTested() throws IOException {
    for (String kind : KINDS.keySet()) {
      Path dir = CUSTOMIZATIONS.resolve(Api.GROUP).resolve(kind);
      List<String> inputs =
          read(dir.resolve("health_test.yaml")).tests().stream()
              .map(HealthTest::inputPath)
              .toList();
      assertThat(inputs).as("%s: each testdata file tested once", kind).doesNotHaveDuplicates();
      try (Stream<Path> files = Files.list(dir.resolve("testdata"))) {
        assertThat(files.map(p -> "testdata/" + p.getFileName()))
            .as("%s: testdata files, all in health_test.yaml", kind)
            .containsExactlyInAnyOrderElementsOf(inputs)
            .allMatch(p -> p.endsWith(".yaml"));
      }
      for (String input : inputs) {
        Map<String, Object> obj = Chart.readMap(dir.resolve(input));
        assertThat(obj)
            .as("%s %s", kind, input)
            .containsEntry("apiVersion", HasMetadata.getApiVersion(KINDS.get(kind)))
            .containsEntry("kind", kind)
            .containsKeys("metadata", "spec");
        assertThat(Rendered.map(obj, "metadata"))
            .as("%s %s", kind, input)
            .containsKeys("name", "namespace", "generation");
      }
    }
  }

  @Test
  void eachKindIsTestedHealthyProgressingDegradedAndSuspended() {
    for (String kind : KINDS.keySet()) {
      Set<String> statuses =
          tests(kind).stream().map(t -> t.healthStatus().status()).collect(Collectors.toSet());
      assertThat(statuses)
          .as(kind)
          .containsExactlyInAnyOrder("Healthy", "Progressing", "Degraded", "Suspended");
    }
  }

  @Test
  void theScriptsUseOnlyWhatArgoCdGivesAnArgocdCmCheck() {
    for (Path script : healthScripts()) {
      String code = luaCode(Chart.read(script)).replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"");
      // Without the open libraries there is no string, math or os.date; strings have no methods.
      assertThat(code)
          .as("%s", script)
          .doesNotContainPattern("\\b(string|math|io|os|debug|coroutine)\\s*\\.");
      assertThat(code)
          .as("%s: no method calls", script)
          .doesNotContainPattern(":\\s*[A-Za-z_]\\w*\\s*[(\"{]");
    }
  }

  // ---- The code's reasons

  /** The reason tables of a health.lua: {@code local NAME = { Reason = "Health", ... }}. */
  static Map<String, Map<String, String>> reasonTables(String kind) {
    String code = luaCode(Chart.read(Chart.DEPLOY.resolve(DeployManifests.healthCheck(kind))));
    Map<String, Map<String, String>> tables = new LinkedHashMap<>();
    Matcher table = Pattern.compile("(?s)local (\\w+) = \\{\\n(.*?)\\n}").matcher(code);
    while (table.find()) {
      Map<String, String> entries = new LinkedHashMap<>();
      Matcher entry = Pattern.compile("(\\w+) = \"(\\w+)\"").matcher(table.group(2));
      while (entry.find()) {
        assertThat(entries.put(entry.group(1), entry.group(2)))
            .as("%s listed twice", entry.group(1))
            .isNull();
      }
      tables.put(table.group(1), entries);
    }
    return tables;
  }

  @Test
  void hotpatchVmNamesExactlyTheReadyFalseReasonsTheCodeEmits() {
    List<EmittedReasons.Site> sites = EmittedReasons.scan();
    assertThat(sites).as("condition writes found in the main sources").hasSizeGreaterThan(40);
    Map<String, Map<String, String>> tables = reasonTables("HotpatchVM");
    assertThat(tables).containsOnlyKeys("notReady");
    Set<String> emitted = EmittedReasons.reasons(sites, "HotpatchVM", Conditions.READY, "False");
    assertThat(new TreeSet<>(tables.get("notReady").keySet()))
        .as("Ready=False reasons in HotpatchVM/health.lua vs those the code sets")
        .containsExactlyElementsOf(emitted);
    assertThat(EmittedReasons.reasons(sites, "HotpatchVM", Conditions.READY, "True"))
        .as("Ready=True reasons (Healthy, whatever the reason)")
        .containsExactly("Converged");
    assertThat(degraded(tables))
        .as("Degraded in HotpatchVM/health.lua vs StatusWriter.FAILURES")
        .containsExactlyElementsOf(intersection(StatusWriter.FAILURES, emitted));
  }

  @Test
  void patchBaselineNamesExactlyTheReadyAndPausedReasonsTheCodeEmits() {
    List<EmittedReasons.Site> sites = EmittedReasons.scan();
    Map<String, Map<String, String>> tables = reasonTables("PatchBaseline");
    assertThat(tables).containsOnlyKeys("notReady", "paused");
    Set<String> notReady =
        EmittedReasons.reasons(sites, "PatchBaseline", Conditions.READY, "False");
    Set<String> paused = EmittedReasons.reasons(sites, "PatchBaseline", Conditions.PAUSED, "True");
    assertThat(new TreeSet<>(tables.get("notReady").keySet()))
        .as("Ready=False reasons")
        .containsExactlyElementsOf(notReady);
    assertThat(new TreeSet<>(tables.get("paused").keySet()))
        .as("Paused=True reasons")
        .containsExactlyElementsOf(paused);
    Set<String> all = new TreeSet<>(notReady);
    all.addAll(paused);
    assertThat(degraded(tables))
        .as("Degraded in PatchBaseline/health.lua vs StatusWriter.FAILURES")
        .containsExactlyElementsOf(intersection(StatusWriter.FAILURES, all));
  }

  @Test
  void failuresListsOnlyReasonsTheCodeEmits() {
    Set<String> emitted =
        EmittedReasons.scan().stream().map(EmittedReasons.Site::reason).collect(Collectors.toSet());
    Set<String> never = new TreeSet<>(StatusWriter.FAILURES);
    never.removeAll(emitted);
    // TransitionTimedOut: 0.1.0 wrote it when a transition overran; now an overdue transition
    // keeps its slot (TransitionOverdue), but ConvergenceStep keeps an old one, with phase Failed,
    // which the HotpatchVM script calls Degraded (testdata/degraded_transition_timed_out_*).
    assertThat(never)
        .as("in StatusWriter.FAILURES, never emitted")
        .isSubsetOf("TransitionTimedOut");
  }

  @Test
  void everyReasonInAScriptHasATestShowingItsHealth() {
    for (String kind : KINDS.keySet()) {
      Path dir = CUSTOMIZATIONS.resolve(Api.GROUP).resolve(kind);
      reasonTables(kind)
          .forEach(
              (table, reasons) -> {
                String type = table.equals("paused") ? Conditions.PAUSED : Conditions.READY;
                String status = table.equals("paused") ? "True" : "False";
                reasons.forEach(
                    (reason, health) ->
                        assertThat(tests(kind))
                            .as(
                                "%s: a test with %s=%s %s, expecting %s",
                                kind, type, status, reason, health)
                            .anyMatch(
                                t ->
                                    t.healthStatus().status().equals(health)
                                        && hasCondition(
                                            dir.resolve(t.inputPath()), type, status, reason)));
              });
    }
  }

  @Test
  void theScriptsNameOnlyPhasesTheCodeHas() {
    for (Path script : healthScripts()) {
      Matcher phase = Pattern.compile("phase == \"(\\w+)\"").matcher(luaCode(Chart.read(script)));
      while (phase.find()) {
        assertThat(EmittedReasons.constants(Phases.class))
            .as("%s", script)
            .contains(phase.group(1));
      }
    }
  }

  // ---- argocd-cm and the Application

  @Test
  void argocdCmPatchCarriesTheHealthScriptsByteForByte() {
    Map<String, Object> cm =
        Chart.parse(Chart.read(Chart.DEPLOY.resolve(DeployManifests.ARGOCD_CM_PATCH)));
    assertThat(cm).containsEntry("kind", "ConfigMap");
    assertThat(Rendered.map(cm, "metadata"))
        .containsEntry("name", "argocd-cm")
        .containsEntry("namespace", "argocd");
    Map<String, Object> data = Rendered.map(cm, "data");
    assertThat(data.keySet())
        .containsExactlyInAnyOrder(
            "resource.customizations.health.hotpatch.dev_HotpatchVM",
            "resource.customizations.health.hotpatch.dev_PatchBaseline");
    for (String kind : KINDS.keySet()) {
      assertThat(data.get(DeployManifests.healthCheckKey(kind)))
          .as("%s; regenerate with: %s", kind, DeployManifests.REGENERATE)
          .isEqualTo(Chart.read(Chart.DEPLOY.resolve(DeployManifests.healthCheck(kind))));
    }
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

  // ---- helpers

  static List<Path> healthScripts() {
    try (Stream<Path> files = Files.walk(CUSTOMIZATIONS)) {
      return files.filter(p -> p.getFileName().toString().equals("health.lua")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<HealthTest> tests(String kind) {
    return read(CUSTOMIZATIONS.resolve(Api.GROUP).resolve(kind).resolve("health_test.yaml"))
        .tests();
  }

  static HealthTests read(Path healthTestYaml) {
    try {
      return Chart.YAML.readValue(healthTestYaml.toFile(), HealthTests.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static boolean hasCondition(Path input, String type, String status, String reason) {
    Object s = Chart.readMap(input).get("status");
    if (!(s instanceof Map<?, ?> st) || !(st.get("conditions") instanceof List<?> conditions)) {
      return false;
    }
    return conditions.stream()
        .map(c -> (Map<String, Object>) c)
        .anyMatch(
            c ->
                type.equals(c.get("type"))
                    && status.equals(c.get("status"))
                    && reason.equals(c.get("reason")));
  }

  private static Set<String> degraded(Map<String, Map<String, String>> tables) {
    Set<String> degraded = new TreeSet<>();
    tables
        .values()
        .forEach(
            t ->
                t.forEach(
                    (reason, health) -> {
                      if (health.equals("Degraded")) {
                        degraded.add(reason);
                      }
                    }));
    return degraded;
  }

  private static Set<String> intersection(Set<String> a, Set<String> b) {
    Set<String> both = new TreeSet<>(a);
    both.retainAll(b);
    return both;
  }

  /** Lua source without its comments. */
  static String luaCode(String lua) {
    return lua.lines().map(l -> l.replaceAll("--.*$", "")).collect(Collectors.joining("\n"));
  }
}
