package dev.hotpatch.operator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.PatchBaselineSpec.OsFamily;
import dev.hotpatch.operator.simulator.Release.Type;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReleaseCatalogTest {
  static final OsFamily WS2022 = OsFamily.WindowsServer2022AzureEdition;
  static final OsFamily WS2025 = OsFamily.WindowsServer2025AzureEdition;

  @Test
  void generatesQuarterlyBaselinesAndMonthlyHotpatchesOnSecondTuesdays() {
    ReleaseCatalog c = ReleaseCatalog.generate(2025, WS2022);
    assertThat(c.all()).hasSize(12);
    assertThat(c.all())
        .filteredOn(Release::isBaseline)
        .extracting(r -> r.released().getMonthValue())
        .containsExactly(1, 4, 7, 10);
    Release jan = c.byKb("KB5250001").orElseThrow();
    assertThat(jan.type()).isEqualTo(Type.Planned);
    assertThat(jan.build()).isEqualTo("20348.2700");
    assertThat(jan.released()).isEqualTo(LocalDate.of(2025, 1, 14));
    Release feb = c.byKb("5250002").orElseThrow();
    assertThat(feb.type()).isEqualTo(Type.Hotpatch);
    assertThat(feb.baselineKb()).isEqualTo("KB5250001");
    assertThat(feb.released()).isEqualTo(LocalDate.of(2025, 2, 11));
    assertThat(c.all()).extracting(Release::build).isSortedAccordingTo(OsBuilds.ORDER);
    assertThat(c.hotpatchesOf("KB5250004"))
        .extracting(Release::kb)
        .containsExactly("KB5250005", "KB5250006");
  }

  @Test
  void sameCatalogEveryTimeAndBothOsesByDefault() {
    assertThat(ReleaseCatalog.generate(2026).all()).isEqualTo(ReleaseCatalog.generate(2026).all());
    ReleaseCatalog both = ReleaseCatalog.generate(2025);
    assertThat(both.all()).hasSize(24);
    assertThat(both.byKb("KB5251001").orElseThrow().build()).isEqualTo("26100.2700");
    assertThat(both.latestBaseline(WS2025, LocalDate.of(2025, 6, 1)).orElseThrow().kb())
        .isEqualTo("KB5251004");
  }

  @Test
  void answersQueriesByDateAndBuild() {
    ReleaseCatalog c = ReleaseCatalog.generateYears(2025, 2026, WS2022);
    assertThat(c.releasedBy(WS2022, LocalDate.of(2025, 3, 10)))
        .extracting(Release::kb)
        .containsExactly("KB5250001", "KB5250002");
    assertThat(c.latestBaseline(WS2022, LocalDate.of(2025, 4, 7)).orElseThrow().kb())
        .isEqualTo("KB5250001");
    assertThat(c.latestBaseline(WS2022, LocalDate.of(2025, 4, 8)).orElseThrow().kb())
        .isEqualTo("KB5250004");
    assertThat(c.baselineOf("20348.2800").orElseThrow().kb()).isEqualTo("KB5250001");
    assertThat(c.baselineOf("20348.2850").orElseThrow().kb()).isEqualTo("KB5250004");
    assertThat(c.baselineOf("20348.100")).isEmpty();
    assertThat(c.byBuild("20348.3300").orElseThrow().kb()).isEqualTo("KB5260001");
    assertThat(c.hotpatchesOf("KB5251001")).isEmpty();
  }

  @Test
  void unplannedBaselineReplacesTheMonthsHotpatchAndLaterHotpatchesBuildOnIt() {
    ReleaseCatalog c = ReleaseCatalog.generate(2025, WS2022);
    Release u = c.addUnplanned(WS2022, LocalDate.of(2025, 5, 13), "KB5999001", "20348.2905");
    assertThat(u.type()).isEqualTo(Type.Unplanned);
    assertThat(c.byKb("KB5250005")).isEmpty();
    Release june = c.byKb("KB5250006").orElseThrow();
    assertThat(june.baselineKb()).isEqualTo("KB5999001");
    assertThat(c.hotpatchesOf("KB5250004")).isEmpty();
    assertThat(c.hotpatchesOf("KB5999001")).containsExactly(june);
    assertThat(c.latestBaseline(WS2022, LocalDate.of(2025, 6, 1)).orElseThrow()).isEqualTo(u);
    assertThat(c.baselineOf("20348.2950").orElseThrow()).isEqualTo(u);
    assertThat(c.hotpatchesOf("KB5250007"))
        .extracting(Release::baselineKb)
        .containsOnly("KB5250007");
  }

  @Test
  void unplannedBuildAboveLaterHotpatchesRaisesThem() {
    ReleaseCatalog c = ReleaseCatalog.generate(2025, WS2022);
    c.addUnplanned(WS2022, LocalDate.of(2025, 2, 11), "KB5999002", "20348.2810");
    assertThat(c.byKb("KB5250003").orElseThrow().build()).isEqualTo("20348.2820");
    assertThat(c.all()).extracting(Release::build).isSortedAccordingTo(OsBuilds.ORDER);
  }

  @Test
  void buildsCompareNumerically() {
    assertThat(OsBuilds.compare("20348.999", "20348.1000")).isNegative();
    assertThat(OsBuilds.compare("10.0.20348.2700", "20348.2700")).isZero();
    assertThat(OsBuilds.osOf("26100.1")).isEqualTo(WS2025);
  }
}
