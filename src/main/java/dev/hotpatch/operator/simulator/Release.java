package dev.hotpatch.operator.simulator;

import dev.hotpatch.operator.api.PatchBaselineSpec.OsFamily;
import java.time.LocalDate;

/**
 * One monthly release of the catalog: a baseline cumulative update (Planned or Unplanned, needs a
 * reboot) or a hotpatch (no reboot) that applies only on top of {@code baselineKb}.
 */
public record Release(
    String kb, OsFamily os, Type type, String build, LocalDate released, String baselineKb) {

  public enum Type {
    Planned,
    Unplanned,
    Hotpatch
  }

  public boolean isBaseline() {
    return type != Type.Hotpatch;
  }

  /** The KB number as Azure's patch results report it: digits only. */
  public String kbDigits() {
    return kb.replaceFirst("(?i)^KB", "");
  }

  /** A Windows Update title like the ones Azure reports in patch results. */
  public String title() {
    String month = String.format("%d-%02d", released.getYear(), released.getMonthValue());
    String osText =
        os == OsFamily.WindowsServer2025AzureEdition
            ? "Microsoft server operating system version 24H2"
            : "Microsoft server operating system version 21H2";
    String what = isBaseline() ? "Cumulative Update" : "Hotpatch";
    return month + " " + what + " for " + osText + " for x64-based Systems (" + kb + ")";
  }
}
