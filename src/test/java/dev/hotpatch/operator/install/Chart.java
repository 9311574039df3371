package dev.hotpatch.operator.install;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The Helm chart, rendered and linted with real Helm (helm-java, in process). */
final class Chart {
  static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  static final Path DIR = ROOT.resolve("helm/hotpatch-operator");
  static final Path TOP_CRDS = ROOT.resolve("crds");

  /** The chart's copies of the generated CRDs, which templates/crds.yaml renders. */
  static final Path CHART_CRDS = DIR.resolve("files/crds");

  static final String CRDS_TEMPLATE = "crds.yaml";
  static final Path DEPLOY = ROOT.resolve("deploy");
  static final Path VALUES = ROOT.resolve("src/test/resources/install");
  static final String RELEASE = "hotpatch-operator";
  static final String NAMESPACE = "hotpatch-system";

  /**
   * The cluster version rendered for (helm-java's own default is 1.20, older than the chart's
   * kubeVersion): the one the real-server tests run.
   */
  static final String KUBE_VERSION = "1.34.4";

  static final String SOURCE_PREFIX = "# Source: " + RELEASE + "/templates/";

  static final ObjectMapper YAML = new YAMLMapper();

  private Chart() {}

  /**
   * {@code helm template hotpatch-operator helm/hotpatch-operator -n hotpatch-system [-f values]}.
   */
  static String template(Path valuesFile) {
    return template(valuesFile, KUBE_VERSION);
  }

  /** {@link #template(Path)} for a cluster of {@code kubeVersion}. */
  static String template(Path valuesFile, String kubeVersion) {
    TemplateCommand cmd =
        new Helm(DIR)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(kubeVersion);
    if (valuesFile != null) {
      cmd = cmd.withValuesFile(valuesFile);
    }
    return cmd.call();
  }

  /** {@link #template} with {@code values} (a map, written as a values file into {@code dir}). */
  static String template(Map<String, Object> values, Path dir) {
    try {
      Path file = Files.createTempFile(dir, "values-", ".yaml");
      YAML.writeValue(file.toFile(), values);
      return template(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rendered documents with {@code values}. */
  static List<Doc> render(Map<String, Object> values, Path dir) {
    return split(template(values, dir));
  }

  /** The NOTES a {@code helm install --dry-run=client} prints. */
  static String notes(Path valuesFile) {
    InstallCommand cmd =
        new Helm(DIR)
            .install()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .clientOnly()
            .withKubeVersion(KUBE_VERSION)
            .withDryRunOption(DryRun.CLIENT);
    if (valuesFile != null) {
      cmd = cmd.withValuesFile(valuesFile);
    }
    String output = cmd.call().getOutput();
    int notes = output.indexOf("NOTES:");
    return notes < 0 ? "" : output.substring(notes);
  }

  /** {@code helm lint} of the chart with {@code valuesFile} merged into its values.yaml. */
  static LintResult lint(Path valuesFile, Path workDir) {
    if (valuesFile == null) {
      return new Helm(DIR).lint().strict().call();
    }
    Path copy = workDir.resolve("hotpatch-operator");
    copyTree(DIR, copy);
    Map<String, Object> values = readMap(DIR.resolve("values.yaml"));
    deepMerge(values, readMap(valuesFile));
    try {
      YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Helm(copy).lint().strict().call();
  }

  /** One rendered document: the template it came from and its text (with the Source comment). */
  record Doc(String source, String text, Map<String, Object> object) {
    String kind() {
      return (String) object.get("kind");
    }

    String name() {
      return (String) metadata().get("name");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> metadata() {
      return (Map<String, Object>) object.get("metadata");
    }
  }

  /** Splits {@code helm template} output into its documents, dropping empty ones. */
  static List<Doc> split(String rendered) {
    List<Doc> docs = new ArrayList<>();
    for (String part : rendered.split("(?m)^---\\s*$")) {
      String text = part.strip();
      if (text.isEmpty()) {
        continue;
      }
      String first = text.lines().findFirst().orElseThrow();
      if (!first.startsWith(SOURCE_PREFIX)) {
        throw new IllegalStateException("document without a Source comment: " + first);
      }
      Map<String, Object> object = parse(text);
      if (object == null) {
        continue;
      }
      docs.add(new Doc(first.substring(SOURCE_PREFIX.length()).trim(), text + "\n", object));
    }
    return docs;
  }

  static Map<String, Object> parse(String yaml) {
    try {
      return YAML.readValue(yaml, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("not YAML: " + yaml, e);
    }
  }

  static Map<String, Object> readMap(Path file) {
    try {
      Map<String, Object> map =
          YAML.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
      return map == null ? new LinkedHashMap<>() : map;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
    from.forEach(
        (key, value) -> {
          Object existing = into.get(key);
          if (existing instanceof Map && value instanceof Map) {
            deepMerge((Map<String, Object>) existing, (Map<String, Object>) value);
          } else {
            into.put(key, value);
          }
        });
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The top-level CRD files, by file name. */
  static Map<String, String> topLevelCrds() {
    Map<String, String> crds = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(TOP_CRDS)) {
      files
          .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
          .sorted()
          .forEach(p -> crds.put(p.getFileName().toString(), read(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return crds;
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
