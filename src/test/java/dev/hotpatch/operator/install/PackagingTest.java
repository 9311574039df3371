package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Azure custom role and the Dockerfile (no Docker engine here: checked as text). */
class PackagingTest {

  /**
   * The three roles (core, creation, deletion) are custom role definitions {@code az role
   * definition create} takes. Which actions each holds is checked against the requests the gateway
   * sends by {@code azure/AzureRoleTest}.
   */
  @Test
  void azureRolesAreCustomRoleDefinitions() throws Exception {
    List<String> names = new ArrayList<>();
    for (String file : List.of("role.json", "role-create.json", "role-delete.json")) {
      JsonNode role = new ObjectMapper().readTree(Chart.DEPLOY.resolve("azure/" + file).toFile());
      List<String> fields = new ArrayList<>();
      role.fieldNames().forEachRemaining(fields::add);
      assertThat(fields)
          .as(file)
          .containsExactly(
              "Name",
              "IsCustom",
              "Description",
              "Actions",
              "NotActions",
              "DataActions",
              "NotDataActions",
              "AssignableScopes");
      names.add(role.get("Name").asText());
      assertThat(role.get("Name").asText()).as(file).isNotBlank();
      assertThat(role.get("IsCustom").asBoolean()).as(file).isTrue();
      assertThat(role.get("Description").asText()).as(file).isNotBlank();
      List<String> actions = new ArrayList<>();
      role.get("Actions").forEach(a -> actions.add(a.asText()));
      assertThat(actions).as(file).isNotEmpty().doesNotHaveDuplicates();
      assertThat(actions).as(file).noneMatch(a -> a.contains("*"));
      assertThat(role.get("NotActions")).as(file).isEmpty();
      assertThat(role.get("DataActions")).as(file).isEmpty();
      assertThat(role.get("NotDataActions")).as(file).isEmpty();
      assertThat(role.get("AssignableScopes")).as(file).isNotEmpty();
      role.get("AssignableScopes")
          .forEach(scope -> assertThat(scope.asText()).as(file).startsWith("/subscriptions/"));
    }
    assertThat(names).as("role names are unique in a tenant").doesNotHaveDuplicates();
  }

  @Test
  void dockerfileBuildsWithMavenAndRunsAsNonRoot() {
    String dockerfile = Chart.read(Chart.ROOT.resolve("Dockerfile"));
    assertThat(dockerfile)
        .contains("FROM maven:3-eclipse-temurin-17 AS build")
        .contains("mvn -B -DskipTests package")
        .contains("FROM eclipse-temurin:17-jre")
        // The production artifact (ProductionArtifactTest checks what it holds), not the
        // development jar and its lib/.
        .contains(
            "COPY --from=build /src/target/image/hotpatch-operator-production.jar"
                + " /app/hotpatch-operator.jar")
        .contains("COPY --from=build /src/target/image/lib/ /app/lib/")
        .doesNotContain("/src/target/lib/")
        .contains("USER 10001")
        .contains("\"-XX:MaxRAMPercentage=75\"")
        .containsPattern(
            "ENTRYPOINT \\[\"java\", .*\"-cp\", \"/app/hotpatch-operator.jar:/app/lib/\\*\","
                + " \"dev.hotpatch.operator.cli.Main\", \"run\"\\]");
    // The image's user matches the chart's securityContext.
    assertThat(Chart.read(Chart.DIR.resolve("values.yaml"))).contains("runAsUser: 10001");
    assertThat(Chart.read(Chart.ROOT.resolve(".dockerignore"))).contains("target").contains(".git");
  }
}
