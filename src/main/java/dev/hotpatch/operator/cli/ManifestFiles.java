package dev.hotpatch.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hotpatch.operator.api.Api;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.TolerantReading;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The PatchBaselines and HotpatchVMs of a folder of manifests (a GitOps checkout) or of one file:
 * every {@code *.yaml} and {@code *.yml} below it, every document in each, {@code kind: List} items
 * included. Other kinds are skipped; a file that is not YAML (a Helm template) is skipped with a
 * warning, as it says nothing a forecast can use.
 */
final class ManifestFiles {
  /** What was read, and the files that could not be. */
  record Read(List<PatchBaseline> baselines, List<HotpatchVM> vms, List<String> warnings) {}

  private static final String API_VERSION = Api.GROUP + "/" + Api.VERSION;

  private final KubernetesSerialization serialization = TolerantReading.serialization();
  private final YAMLMapper yaml = new YAMLMapper();

  /**
   * @param path a folder or a file
   * @param defaultNamespace the namespace of objects that name none (as {@code kubectl apply -n})
   * @param onlyNamespace keep only objects of this namespace; null keeps all
   */
  Read read(Path path, String defaultNamespace, String onlyNamespace) throws IOException {
    List<PatchBaseline> baselines = new ArrayList<>();
    List<HotpatchVM> vms = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Path file : files(path)) {
      List<JsonNode> documents;
      try {
        documents = documents(file);
      } catch (IOException e) {
        warnings.add(file + " skipped: not YAML (" + oneLine(e.getMessage()) + ")");
        continue;
      }
      for (JsonNode doc : documents) {
        HasMetadata object = ours(doc);
        if (object == null) {
          continue;
        }
        if (object.getMetadata().getNamespace() == null) {
          object.getMetadata().setNamespace(defaultNamespace);
        }
        if (onlyNamespace != null && !onlyNamespace.equals(object.getMetadata().getNamespace())) {
          continue;
        }
        if (object instanceof PatchBaseline b) {
          baselines.add(b);
        } else if (object instanceof HotpatchVM v) {
          vms.add(v);
        }
      }
    }
    return new Read(baselines, vms, warnings);
  }

  private static List<Path> files(Path path) throws IOException {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          // A checkout's .git holds no manifests.
          .filter(p -> !path.relativize(p).toString().startsWith(".git"))
          .sorted()
          .toList();
    }
  }

  /** Every document of the file, and the items of {@code kind: List} documents. */
  private List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> docs =
        yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (docs.hasNextValue()) {
        JsonNode doc = docs.nextValue();
        if (doc != null
            && doc.path("kind").asText().equals("List")
            && doc.path("items").isArray()) {
          doc.path("items").forEach(out::add);
        } else if (doc != null) {
          out.add(doc);
        }
      }
    } catch (RuntimeException e) {
      // Jackson wraps a parse error met while iterating in an unchecked exception.
      throw new IOException(e.getMessage(), e);
    }
    return out;
  }

  /** A PatchBaseline or HotpatchVM of our API version, read as the operator reads it; else null. */
  private HasMetadata ours(JsonNode doc) {
    if (!(doc instanceof ObjectNode) || !API_VERSION.equals(doc.path("apiVersion").asText())) {
      return null;
    }
    Class<? extends HasMetadata> type =
        switch (doc.path("kind").asText()) {
          case "PatchBaseline" -> PatchBaseline.class;
          case "HotpatchVM" -> HotpatchVM.class;
          default -> null;
        };
    if (type == null || !doc.path("metadata").has("name")) {
      return null;
    }
    return serialization.convertValue(doc, type);
  }

  private static String oneLine(String message) {
    String m = message == null ? "" : message.replaceAll("\\s+", " ").trim();
    return m.length() > 160 ? m.substring(0, 160) + "..." : m;
  }
}
