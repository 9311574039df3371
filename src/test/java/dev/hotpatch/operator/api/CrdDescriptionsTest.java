package dev.hotpatch.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Condition;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API documents itself: {@code kubectl explain} has a description for every spec and status
 * field, and {@code kubectl get} ends with Age, as built-in kinds do. Reads the CRDs the build
 * generates (GeneratedCrdsTest keeps crds/ equal to them).
 */
class CrdDescriptionsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @ParameterizedTest
  @ValueSource(strings = {"hotpatchvms.hotpatch.dev-v1.yml", "patchbaselines.hotpatch.dev-v1.yml"})
  void everySpecAndStatusFieldHasADescription(String file) throws IOException {
    JsonNode root = crd(file).at("/spec/versions/0/schema/openAPIV3Schema/properties");
    List<String> missing = new ArrayList<>();
    for (String top : List.of("spec", "status")) {
      JsonNode schema = root.path(top);
      assertThat(schema.isObject()).as("%s has a %s schema", file, top).isTrue();
      requireDescription(top, schema, missing);
      walk(top, schema, missing);
    }
    assertThat(missing)
        .as(
            "%s: fields without a description (add @JsonPropertyDescription to the field in"
                + " dev.hotpatch.operator.api)",
            file)
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hotpatchvms.hotpatch.dev-v1.yml", "patchbaselines.hotpatch.dev-v1.yml"})
  void ageIsTheLastPrinterColumn(String file) throws IOException {
    JsonNode columns = crd(file).at("/spec/versions/0/additionalPrinterColumns");
    assertThat(columns.size()).as("%s printer columns", file).isGreaterThan(1);
    JsonNode last = columns.get(columns.size() - 1);
    assertThat(columns.findValuesAsText("name")).as("%s printer columns", file).endsWith("Age");
    assertThat(last.path("jsonPath").asText()).isEqualTo(".metadata.creationTimestamp");
    assertThat(last.path("type").asText()).isEqualTo("date");
    assertThat(columns.findValuesAsText("name"))
        .as("%s: Age once", file)
        .filteredOn("Age"::equals)
        .hasSize(1);
  }

  /**
   * {@code kubectl get hpvm} shows when each VM will actually reboot next (issue 11, item 7): a
   * "Next Reboot" column, shown without {@code -o wide}, reading status.nextReboot, which the
   * schema has.
   */
  @Test
  void hotpatchVmHasANextRebootColumnReadingStatusNextReboot() throws IOException {
    JsonNode version = crd("hotpatchvms.hotpatch.dev-v1.yml").at("/spec/versions/0");
    List<JsonNode> columns = new ArrayList<>();
    version.path("additionalPrinterColumns").forEach(columns::add);
    assertThat(columns)
        .as("HotpatchVM printer columns")
        .filteredOn(c -> c.path("name").asText().equals("Next Reboot"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.path("jsonPath").asText()).isEqualTo(".status.nextReboot");
              assertThat(c.path("priority").asInt(0)).as("shown without -o wide").isZero();
            });
    assertThat(
            version
                .at("/schema/openAPIV3Schema/properties/status/properties/nextReboot/type")
                .asText())
        .isEqualTo("string");
  }

  /**
   * The status conditions take their schema from {@link ConditionSchema} (Fabric8's Condition has
   * no descriptions); the two must have the same fields, or the CRD would drop or invent one.
   */
  @ParameterizedTest
  @ValueSource(strings = {"hotpatchvms.hotpatch.dev-v1.yml", "patchbaselines.hotpatch.dev-v1.yml"})
  void conditionSchemaHasTheFieldsOfFabric8Condition(String file) throws IOException {
    JsonNode items =
        crd(file)
            .at("/spec/versions/0/schema/openAPIV3Schema/properties/status/properties/conditions");
    assertThat(items.path("type").asText()).isEqualTo("array");
    List<String> schemaFields = new ArrayList<>();
    items.at("/items/properties").fieldNames().forEachRemaining(schemaFields::add);
    ObjectMapper json = new ObjectMapper();
    List<String> fabric8Fields = new ArrayList<>();
    json.getSerializationConfig()
        .introspect(json.constructType(Condition.class))
        .findProperties()
        .forEach(p -> fabric8Fields.add(p.getName()));
    assertThat(schemaFields).containsExactlyInAnyOrderElementsOf(fabric8Fields);
  }

  @org.junit.jupiter.api.Test
  void conditionSchemaFieldsHaveTheTypesOfFabric8Condition() throws ReflectiveOperationException {
    for (Field f : ConditionSchema.class.getFields()) {
      String getter =
          "get" + Character.toUpperCase(f.getName().charAt(0)) + f.getName().substring(1);
      assertThat(f.getType())
          .as("ConditionSchema.%s", f.getName())
          .isEqualTo(Condition.class.getMethod(getter).getReturnType());
    }
  }

  /** Every named property below schema, through array items, map values and anyOf/allOf/oneOf. */
  private static void walk(String path, JsonNode schema, List<String> missing) {
    Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> p = properties.next();
      String child = path + "." + p.getKey();
      requireDescription(child, p.getValue(), missing);
      walk(child, p.getValue(), missing);
    }
    if (schema.path("items").isObject()) {
      walk(path + "[]", schema.get("items"), missing);
    }
    if (schema.path("additionalProperties").isObject()) {
      walk(path + "{}", schema.get("additionalProperties"), missing);
    }
    for (String combinator : List.of("anyOf", "allOf", "oneOf")) {
      for (JsonNode alternative : schema.path(combinator)) {
        walk(path, alternative, missing);
      }
    }
  }

  private static void requireDescription(String path, JsonNode schema, List<String> missing) {
    if (schema.path("description").asText("").isBlank()) {
      missing.add(path);
    }
  }

  private static JsonNode crd(String file) throws IOException {
    try (InputStream in =
        CrdDescriptionsTest.class.getResourceAsStream("/META-INF/fabric8/" + file)) {
      assertThat(in).as("generated CRD %s on the classpath", file).isNotNull();
      return YAML.readTree(in);
    }
  }
}
