package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.reconciler.HotpatchVMReconciler;
import io.javaoperatorsdk.operator.ReconcilerUtils;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
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
import org.junit.jupiter.api.Test;

/**
 * docs/troubleshooting.md lists exactly the condition reasons the operator writes ({@link
 * EmittedReasons}): every HotpatchVM Ready=False reason in the table of its group (the groups the
 * Argo CD health check classifies them in), every PatchBaseline Ready and Paused reason, and none
 * the code never writes except 0.1.0's {@code TransitionTimedOut}. Its wait script knows the same
 * reasons, and the uninstall steps name the operator's real finalizer.
 */
class TroubleshootingDocTest {
  static final Path DOC = Chart.ROOT.resolve("docs/troubleshooting.md");
  static final Path INSTALL_DOC = Chart.ROOT.resolve("docs/install.md");

  /** Written by 0.1.0 only; kept on the VMs that had it (ConvergenceStep), so still explained. */
  static final String LEGACY = "TransitionTimedOut";

  static final String VM_SECTION = "HotpatchVM: why it is not Ready";
  static final String BASELINE_SECTION = "PatchBaseline";

  /** The HotpatchVM groups, by heading, as the Argo CD health check names them. */
  static final Map<String, String> GROUPS =
      Map.of(
          "Needs a person", "Degraded",
          "Held on purpose", "Suspended",
          "Moves on by itself", "Progressing");

  static final String OLDER = "Written by an older version";

  private static final Pattern ROW = Pattern.compile("^\\|(.*)\\|\\s*$");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  /** A table row: the headings it is under (### and ####), and its cells. */
  record Row(String section, String group, List<String> cells) {}

  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    String section = "";
    String group = "";
    boolean fenced = false;
    for (String line : Chart.read(DOC).split("\n", -1)) {
      if (line.startsWith("```")) {
        fenced = !fenced;
      } else if (fenced) {
        continue;
      } else if (line.startsWith("#### ")) {
        group = line.substring(5).strip();
      } else if (line.startsWith("### ")) {
        section = line.substring(4).strip();
        group = "";
      } else {
        Matcher row = ROW.matcher(line);
        if (row.matches() && !line.startsWith("| ---")) {
          List<String> cells = new ArrayList<>();
          for (String cell : row.group(1).split("\\|", -1)) {
            cells.add(cell.strip());
          }
          if (cells.get(0).startsWith("`")) { // not a header row
            rows.add(new Row(section, group, cells));
          }
        }
      }
    }
    return rows;
  }

  /** The single `Reason` of a first cell. */
  private static String reason(Row row) {
    Matcher m = Pattern.compile("`(\\w+)`").matcher(row.cells().get(0));
    assertThat(m.matches()).as("first cell of %s is one `Reason`", row).isTrue();
    return m.group(1);
  }

  /** The HotpatchVM reasons of each group (heading), in table order, duplicates kept. */
  static Map<String, List<String>> vmGroups() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (Row row : rows()) {
      if (row.section().equals(VM_SECTION)) {
        groups.computeIfAbsent(row.group(), g -> new ArrayList<>()).add(reason(row));
      }
    }
    return groups;
  }

  @Test
  void everyReadyFalseReasonOfAHotpatchVmHasARowInItsGroup() {
    Map<String, List<String>> groups = vmGroups();
    assertThat(groups.keySet())
        .as("the groups of %s", VM_SECTION)
        .containsExactlyInAnyOrder(
            "Needs a person", "Held on purpose", "Moves on by itself", OLDER);
    List<String> all = groups.values().stream().flatMap(List::stream).toList();
    assertThat(all).as("reasons listed twice").doesNotHaveDuplicates();

    Set<String> emitted =
        EmittedReasons.reasons(EmittedReasons.scan(), "HotpatchVM", Conditions.READY, "False");
    Set<String> expected = new TreeSet<>(emitted);
    expected.add(LEGACY);
    assertThat(new TreeSet<>(all))
        .as(
            "HotpatchVM Ready=False reasons in docs/troubleshooting.md vs those the code sets:"
                + " add a row for a new reason (what it means, what to do), drop one it no longer"
                + " sets")
        .containsExactlyElementsOf(expected);
    assertThat(groups.get(OLDER)).containsExactly(LEGACY);

    Map<String, String> health = ArgoCdHealthTest.reasonTables("HotpatchVM").get("notReady");
    GROUPS.forEach(
        (group, status) ->
            assertThat(new TreeSet<>(groups.get(group)))
                .as("%s: the reasons the Argo CD health check calls %s", group, status)
                .containsExactlyElementsOf(
                    health.entrySet().stream()
                        .filter(e -> e.getValue().equals(status))
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toCollection(TreeSet::new))));
  }

  @Test
  void everyRowSaysWhatItMeansAndWhatToDo() {
    for (Row row : rows()) {
      assertThat(row.cells()).as("%s: four columns", row).hasSize(4);
      assertThat(row.cells().get(2)).as("what %s means", row.cells().get(0)).hasSizeGreaterThan(20);
      assertThat(row.cells().get(3)).as("what to do on %s", row.cells().get(0)).isNotBlank();
    }
  }

  @Test
  void everyReadyAndPausedReasonOfAPatchBaselineHasARow() {
    List<EmittedReasons.Site> sites = EmittedReasons.scan();
    Set<String> documented = new TreeSet<>();
    Set<String> progressing = new TreeSet<>();
    for (Row row : rows()) {
      if (!row.section().equals(BASELINE_SECTION)) {
        continue;
      }
      Matcher condition = Pattern.compile("`(\\w+)=(True|False)`").matcher(row.cells().get(0));
      assertThat(condition.matches()).as("first cell of %s is `Type=Status`", row).isTrue();
      Matcher reason = CODE.matcher(row.cells().get(1));
      while (reason.find()) {
        String key = condition.group(1) + "=" + condition.group(2) + " " + reason.group(1);
        if (condition.group(1).equals(Conditions.PROGRESSING)) {
          progressing.add(reason.group(1));
        } else {
          assertThat(documented.add(key)).as("%s listed twice", key).isTrue();
        }
      }
    }
    Set<String> emitted = new TreeSet<>();
    for (String type : List.of(Conditions.READY, Conditions.PAUSED)) {
      for (String status : List.of("True", "False")) {
        EmittedReasons.reasons(sites, "PatchBaseline", type, status)
            .forEach(r -> emitted.add(type + "=" + status + " " + r));
      }
    }
    assertThat(documented)
        .as("PatchBaseline Ready and Paused reasons in docs/troubleshooting.md vs the code's")
        .containsExactlyElementsOf(emitted);
    Set<String> progressingEmitted = new TreeSet<>();
    for (String status : List.of("True", "False")) {
      progressingEmitted.addAll(
          EmittedReasons.reasons(sites, "PatchBaseline", Conditions.PROGRESSING, status));
    }
    assertThat(progressing)
        .as("PatchBaseline Progressing reasons")
        .containsExactlyElementsOf(progressingEmitted);
  }

  /**
   * The wait script fails on exactly the reasons that need a person, and returns 0 on those held on
   * purpose and on waiting for a window; every reason it names is one the table explains.
   */
  @Test
  void theWaitScriptSortsTheReasonsAsTheTablesDo() {
    String doc = Chart.read(DOC);
    Matcher block = Pattern.compile("(?s)```sh\\n(\\s*# wait-hpvm .*?)```").matcher(doc);
    assertThat(block.find()).as("the wait-hpvm script in %s", DOC).isTrue();
    String script = block.group(1).replaceAll("\\\\\\n\\s*", "");
    Map<String, Set<String>> branches = new LinkedHashMap<>();
    Matcher branch =
        Pattern.compile("(?m)^\\s*((?:\\*/\\w+\\|?)+)\\)\\s*\\n?(.*)$").matcher(script);
    while (branch.find()) {
      Set<String> reasons = new TreeSet<>();
      Matcher r = Pattern.compile("\\*/(\\w+)").matcher(branch.group(1));
      while (r.find()) {
        reasons.add(r.group(1));
      }
      String outcome =
          branch.group(2).contains("exit 1")
              ? "fail"
              : branch.group(2).contains("exit 0") ? "done" : branch.group(2);
      branches.put(outcome, reasons);
    }
    Map<String, List<String>> groups = vmGroups();
    Set<String> needsAPerson = new TreeSet<>(groups.get("Needs a person"));
    needsAPerson.add(LEGACY);
    assertThat(branches.get("fail")).as("the reasons it fails on").isEqualTo(needsAPerson);
    Set<String> held = new TreeSet<>(groups.get("Held on purpose"));
    held.add("OutsideMaintenanceWindow");
    assertThat(branches.get("done")).as("the reasons it is done on").isEqualTo(held);
    assertThat(groups.get("Moves on by itself")).contains("OutsideMaintenanceWindow");
  }

  /** The finalizer the docs tell you to remove is the one the operator adds (JOSDK's default). */
  @Test
  void theUninstallStepsNameTheOperatorsFinalizer() {
    ControllerConfiguration config =
        HotpatchVMReconciler.class.getAnnotation(ControllerConfiguration.class);
    assertThat(config.finalizerName()).as("no finalizer name of its own").isEmpty();
    String finalizer = ReconcilerUtils.getDefaultFinalizerName(HotpatchVM.class);
    assertThat(finalizer).isEqualTo("hotpatchvms.hotpatch.dev/finalizer");
    assertThat(Chart.read(INSTALL_DOC))
        .contains("### Uninstalling")
        .contains("(`" + finalizer + "`)")
        .contains("--type=json -p '[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]'");
  }
}
