package dev.hotpatch.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** crds/ is committed; it must be exactly what the build generates from the resource classes. */
class GeneratedCrdsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @ParameterizedTest
  @ValueSource(strings = {"hotpatchvms.hotpatch.dev-v1.yml", "patchbaselines.hotpatch.dev-v1.yml"})
  void committedCrdMatchesGenerated(String file) throws IOException {
    String generated = generated(file);
    String committed = Files.readString(Path.of("crds", file));
    assertThat(committed)
        .as(
            "crds/%s differs from the generated CRD: copy target/classes/META-INF/fabric8/%s to crds/",
            file, file)
        .isEqualTo(generated);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hotpatchvms.hotpatch.dev-v1.yml", "patchbaselines.hotpatch.dev-v1.yml"})
  void crdHasCategoryStatusAndPrinterColumns(String file) throws IOException {
    JsonNode crd = YAML.readTree(generated(file));
    assertThat(crd.at("/spec/group").asText()).isEqualTo(Api.GROUP);
    assertThat(crd.at("/spec/names/categories/0").asText()).isEqualTo(Api.CATEGORY);
    JsonNode version = crd.at("/spec/versions/0");
    assertThat(version.at("/name").asText()).isEqualTo(Api.VERSION);
    assertThat(version.at("/subresources/status").isObject()).isTrue();
    assertThat(version.at("/additionalPrinterColumns").findValuesAsText("name"))
        .contains("Ready", "Age");
  }

  @org.junit.jupiter.api.Test
  void hotpatchVmSchemaValidatesSubscriptionAndNamesColumns() throws IOException {
    JsonNode crd = YAML.readTree(generated("hotpatchvms.hotpatch.dev-v1.yml"));
    JsonNode spec = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
    assertThat(spec.at("/required").toString()).contains("azure", "baselineRef");
    assertThat(spec.at("/properties/azure/properties/subscriptionId/pattern").asText())
        .isEqualTo(Api.GUID_PATTERN);
    assertThat(spec.at("/properties/azure/x-kubernetes-validations/0/rule").asText())
        .contains("resourceId");
    assertThat(spec.at("/properties/deletionPolicy/enum").toString()).contains("Orphan", "Delete");
    assertThat(crd.at("/spec/names/shortNames/0").asText()).isEqualTo("hpvm");
    assertThat(crd.at("/spec/versions/0/additionalPrinterColumns").findValuesAsText("name"))
        .contains("VM", "Baseline", "Phase", "OS Build", "Ready", "Age");
  }

  @org.junit.jupiter.api.Test
  void patchBaselineSchemaValidatesKbAndBuild() throws IOException {
    JsonNode crd = YAML.readTree(generated("patchbaselines.hotpatch.dev-v1.yml"));
    JsonNode spec = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
    assertThat(spec.at("/properties/kb/pattern").asText()).isEqualTo(Api.KB_PATTERN);
    assertThat(spec.at("/properties/build/pattern").asText()).isEqualTo(Api.BUILD_PATTERN);
    assertThat(spec.at("/properties/hotpatches/items/properties/kb/pattern").asText())
        .isEqualTo(Api.KB_PATTERN);
    assertThat(spec.at("/properties/os/enum").toString())
        .contains("WindowsServer2022AzureEdition", "WindowsServer2025AzureEdition");
    assertThat(spec.at("/properties/type/enum").toString()).contains("Planned", "Unplanned");
    assertThat(crd.at("/spec/names/shortNames/0").asText()).isEqualTo("pbl");
  }

  private static String generated(String file) throws IOException {
    try (InputStream in =
        GeneratedCrdsTest.class.getResourceAsStream("/META-INF/fabric8/" + file)) {
      assertThat(in).as("generated CRD %s on the classpath", file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
