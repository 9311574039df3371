package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Azure custom role and the Dockerfile (no Docker engine here: checked as text). */
class PackagingTest {

  @Test
  void azureRoleHasOnlyWhatTheOperatorCalls() throws Exception {
    JsonNode role = new ObjectMapper().readTree(Chart.DEPLOY.resolve("azure/role.json").toFile());
    List<String> actions = new ArrayList<>();
    role.get("Actions").forEach(a -> actions.add(a.asText()));
    assertThat(actions)
        .containsExactlyInAnyOrder(
            "Microsoft.Compute/virtualMachines/read",
            "Microsoft.Compute/virtualMachines/write",
            "Microsoft.Compute/virtualMachines/delete",
            "Microsoft.Compute/virtualMachines/instanceView/read",
            "Microsoft.Compute/virtualMachines/assessPatches/action",
            "Microsoft.Compute/virtualMachines/installPatches/action",
            "Microsoft.Compute/virtualMachines/restart/action",
            "Microsoft.Compute/locations/operations/read",
            "Microsoft.Compute/disks/read",
            "Microsoft.Compute/disks/delete",
            "Microsoft.Network/networkInterfaces/read",
            "Microsoft.Network/networkInterfaces/write",
            "Microsoft.Network/networkInterfaces/delete",
            // A VM created with a NIC needs join on that NIC (linked access check).
            "Microsoft.Network/networkInterfaces/join/action",
            "Microsoft.Network/virtualNetworks/read",
            "Microsoft.Network/virtualNetworks/write",
            "Microsoft.Network/virtualNetworks/subnets/read",
            "Microsoft.Network/virtualNetworks/subnets/join/action");
    assertThat(actions).noneMatch(a -> a.contains("*"));
    assertThat(role.get("IsCustom").asBoolean()).isTrue();
    assertThat(role.get("DataActions")).isEmpty();
    assertThat(role.get("AssignableScopes")).isNotEmpty();
  }

  @Test
  void dockerfileBuildsWithMavenAndRunsAsNonRoot() {
    String dockerfile = Chart.read(Chart.ROOT.resolve("Dockerfile"));
    assertThat(dockerfile)
        .contains("FROM maven:3-eclipse-temurin-17 AS build")
        .contains("mvn -B -DskipTests package")
        .contains("FROM eclipse-temurin:17-jre")
        .contains("COPY --from=build /src/target/hotpatch-operator.jar")
        .contains("COPY --from=build /src/target/lib/ /app/lib/")
        .contains("USER 10001")
        .contains("\"-XX:MaxRAMPercentage=75\"")
        .containsPattern(
            "ENTRYPOINT \\[\"java\", .*\"-jar\", \"/app/hotpatch-operator.jar\", \"run\"\\]");
    // The image's user matches the chart's securityContext.
    assertThat(Chart.read(Chart.DIR.resolve("values.yaml"))).contains("runAsUser: 10001");
    assertThat(Chart.read(Chart.ROOT.resolve(".dockerignore"))).contains("target").contains(".git");
  }
}
