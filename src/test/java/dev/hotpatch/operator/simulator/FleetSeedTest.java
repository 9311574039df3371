package dev.hotpatch.operator.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetSeedTest {
  @Test
  void readsTheDocumentedFormatWithDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("fleet.yaml");
    Files.writeString(file, SimulatorSdkTest.FLEET);
    FleetSeed seed = FleetSeed.load(file);
    assertThat(seed.vms()).hasSize(7);
    FleetSeed.VmSeed web = seed.vms().get(0);
    assertThat(web.name).isEqualTo("web-1");
    assertThat(web.tags).containsEntry("env", "prod");
    assertThat(web.patchSettings.enableHotpatching).isFalse();
    FleetSeed.VmSeed legacy = seed.vms().get(1);
    assertThat(legacy.location).isEqualTo("westeurope");
    assertThat(legacy.image.sku).isEqualTo("2022-datacenter-azure-edition-hotpatch");
    assertThat(legacy.enableAutomaticUpdates).isFalse();
    assertThat(seed.vms())
        .extracting(v -> v.name)
        .endsWith("app-1", "app-2", "app-3", "app-4", "app-5");
  }

  @Test
  void bundledSampleServesEveryCase() {
    FleetSeed seed = FleetSeed.sample();
    assertThat(seed.vms()).hasSize(12);
    MutableClock clock = MutableClock.at("2025-02-20T10:00:00Z");
    try (ArmSimulator sim =
        ArmSimulator.builder()
            .clock(clock)
            .fleet(seed)
            .catalog(ReleaseCatalog.generate(2025))
            .start()) {
      var vms = Sdk.vms(sim, "00000000-0000-0000-0000-000000000001");
      var all = vms.list("true", null, null, com.azure.core.util.Context.NONE).stream().toList();
      assertThat(all).hasSize(12);
      assertThat(all)
          .filteredOn(v -> v.name().equals("noagent-1"))
          .singleElement()
          .satisfies(v -> assertThat(v.instanceView().osVersion()).isNull());
      assertThat(all)
          .filteredOn(v -> v.name().equals("api-1"))
          .singleElement()
          .satisfies(v -> assertThat(v.instanceView().osVersion()).isEqualTo("10.0.26100.2700"));
    }
  }

  @Test
  void defaultsTheBuildFromTheImage() {
    FleetSeed seed =
        FleetSeed.fromYaml(
            """
        vms:
          - {subscriptionId: s, resourceGroup: rg, name: a, image: {sku: 2025-datacenter-azure-edition}}
        """);
    assertThat(seed.vms().get(0).osBuild).isEqualTo("26100.2700");
    assertThat(seed.vms().get(0).image.publisher).isEqualTo("MicrosoftWindowsServer");
  }

  @Test
  void seedsBuiltInJavaGetTheSameDefaults() {
    var seed = new FleetSeed.VmSeed("s", "rg", "java-1", null);
    try (ArmSimulator sim =
        ArmSimulator.builder()
            .clock(MutableClock.at("2025-02-20T10:00:00Z"))
            .fleet(FleetSeed.of(seed))
            .catalog(ReleaseCatalog.generate(2025))
            .start()) {
      assertThat(sim.vm("s", "RG", "JAVA-1").orElseThrow().osBuild()).isEqualTo("20348.2700");
      var added = sim.addVm(new FleetSeed.VmSeed("s", "rg", "java-2", "20348.2750"));
      // cumulative: every release of the VM's OS up to its build (none of Windows Server 2025)
      assertThat(added.installedKbs()).containsExactly("KB5250001", "KB5250002");
    }
  }

  @Test
  void rejectsTyposAndMissingFields() {
    assertThatThrownBy(
            () ->
                FleetSeed.fromYaml(
                    "vms:\n  - {subscriptionId: s, resourceGroup: rg, name: a, osbuild: x}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("osbuild");
    assertThatThrownBy(() -> FleetSeed.fromYaml("vms:\n  - {subscriptionId: s, name: a}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resourceGroup");
    assertThatThrownBy(
            () ->
                FleetSeed.fromYaml(
                    "vms:\n  - {subscriptionId: s, resourceGroup: rg, name: a, count: 3}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{i}");
  }
}
