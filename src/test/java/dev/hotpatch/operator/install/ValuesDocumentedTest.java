package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every value in values.yaml is in docs/install.md's values table, and in values.schema.json; the
 * table names no value the chart does not have, and its defaults are values.yaml's. A value is a
 * key down to where the schema stops describing properties (resources, podSecurityContext and the
 * label maps are one value each).
 */
class ValuesDocumentedTest {
  static final Path INSTALL_DOC = Chart.ROOT.resolve("docs/install.md");
  static final String TABLE_HEADER = "| value | default | meaning |";
  private static final Pattern CODE = Pattern.compile("`([^`]*)`");

  private final Map<String, Object> schema = Chart.readMap(Chart.DIR.resolve("values.schema.json"));
  private final Map<String, Object> values = Chart.readMap(Chart.DIR.resolve("values.yaml"));

  @Test
  void everyValueIsDocumented() {
    Map<String, Object> leaves = leaves();
    assertThat(leaves).containsKeys("image.repository", "podDisruptionBudget.enabled", "resources");
    Map<String, Row> rows = rows();
    assertThat(leaves.keySet())
        .as("values in values.yaml missing from the table in docs/install.md")
        .allMatch(rows::containsKey, "documented");
    List<String> unknown = rows.keySet().stream().filter(p -> !leaves.containsKey(p)).toList();
    assertThat(unknown).as("values the table documents that values.yaml does not have").isEmpty();
  }

  @Test
  void theTablesDefaultsAreValuesYamls() {
    Map<String, Object> leaves = leaves();
    List<String> wrong = new ArrayList<>();
    rows()
        .forEach(
            (path, row) -> {
              if (row.paths() != 1) {
                return;
              }
              Matcher m = Pattern.compile("^`([^`]*)`").matcher(row.defaultCell());
              String expected = flow(leaves.get(path));
              if (m.find() && expected != null && !m.group(1).equals(expected)) {
                wrong.add(path + ": table " + m.group(1) + ", values.yaml " + expected);
              }
            });
    assertThat(wrong).isEmpty();
  }

  /** values.yaml's keys are all in the schema (which refuses unknown keys at every level). */
  @Test
  void everyValueIsInTheSchema() {
    List<String> missing = new ArrayList<>();
    walk(values, schema, "", new LinkedHashMap<>(), missing);
    assertThat(missing).isEmpty();
  }

  /** The values, by dotted path, down to where the schema stops listing properties. */
  Map<String, Object> leaves() {
    Map<String, Object> leaves = new LinkedHashMap<>();
    walk(values, schema, "", leaves, new ArrayList<>());
    return leaves;
  }

  @SuppressWarnings("unchecked")
  private void walk(
      Object value,
      Map<String, Object> node,
      String path,
      Map<String, Object> leaves,
      List<String> missing) {
    Map<String, Object> resolved = resolve(node);
    Object properties = resolved.get("properties");
    if (value instanceof Map<?, ?> map && properties instanceof Map<?, ?> props) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = (String) e.getKey();
        String child = path.isEmpty() ? key : path + "." + key;
        Object sub = props.get(key);
        if (sub == null) {
          missing.add(child);
          leaves.put(child, e.getValue());
          continue;
        }
        walk(e.getValue(), (Map<String, Object>) sub, child, leaves, missing);
      }
    } else {
      leaves.put(path, value);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> resolve(Map<String, Object> node) {
    Map<String, Object> n = node;
    while (n.get("$ref") instanceof String ref) {
      n = (Map<String, Object>) Rendered.at(schema, ref.substring(2).replace('/', '.'));
    }
    return n;
  }

  record Row(int paths, String defaultCell) {}

  /** The values table's rows by value path (a row may name several). */
  static Map<String, Row> rows() {
    List<String> lines = Chart.read(INSTALL_DOC).lines().toList();
    int header = lines.indexOf(TABLE_HEADER);
    assertThat(header).as("docs/install.md has a table headed %s", TABLE_HEADER).isNotNegative();
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : lines.subList(header + 2, lines.size())) {
      if (!line.startsWith("|")) {
        break;
      }
      String[] cells = line.split("(?<!\\\\)\\|", -1);
      List<String> paths = new ArrayList<>();
      Matcher m = CODE.matcher(cells[1]);
      while (m.find()) {
        paths.add(m.group(1));
      }
      assertThat(paths).as("a value in the first cell: %s", line).isNotEmpty();
      for (String p : paths) {
        assertThat(rows).as("documented once: %s", p).doesNotContainKey(p);
        rows.put(p, new Row(paths.size(), cells[2].strip()));
      }
    }
    return rows;
  }

  /** A scalar or empty default as the table writes it; null for what it describes in words. */
  private static String flow(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return s.isEmpty() ? "\"\"" : s;
    }
    if (value instanceof List<?> l) {
      return l.isEmpty() ? "[]" : null;
    }
    if (value instanceof Map<?, ?> m) {
      return m.isEmpty() ? "{}" : null;
    }
    return String.valueOf(value);
  }
}
