package dev.hotpatch.operator.devtools;

import dev.hotpatch.operator.api.PatchBaselineSpec;
import dev.hotpatch.operator.api.PatchBaselineSpec.OsFamily;
import dev.hotpatch.operator.simulator.Release;
import dev.hotpatch.operator.simulator.ReleaseCatalog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a platform team would commit to Git on a given day: the newest baseline released by then,
 * with the hotpatches of that baseline released by then. Read off the simulator's release catalog.
 */
public final class HotpatchCalendar {
  private final ReleaseCatalog catalog;

  public HotpatchCalendar(ReleaseCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Updates the spec's baseline fields in place (the rollout stays); returns whether anything
   * changed.
   */
  public boolean declare(PatchBaselineSpec spec, LocalDate date) {
    OsFamily os = spec.os;
    Release baseline =
        catalog
            .latestBaseline(os, date)
            .orElseThrow(() -> new IllegalStateException("no baseline for " + os + " by " + date));
    List<PatchBaselineSpec.Hotpatch> hotpatches = new ArrayList<>();
    for (Release r : catalog.hotpatchesOf(baseline.kb())) {
      if (!r.released().isAfter(date)) {
        PatchBaselineSpec.Hotpatch h = new PatchBaselineSpec.Hotpatch();
        h.kb = r.kb();
        h.build = r.build();
        h.released = r.released().toString();
        hotpatches.add(h);
      }
    }
    PatchBaselineSpec.BaselineType type =
        baseline.type() == Release.Type.Unplanned
            ? PatchBaselineSpec.BaselineType.Unplanned
            : PatchBaselineSpec.BaselineType.Planned;
    boolean changed =
        !baseline.kb().equals(spec.kb)
            || hotpatches.size() != (spec.hotpatches == null ? 0 : spec.hotpatches.size());
    spec.kb = baseline.kb();
    spec.build = baseline.build();
    spec.released = baseline.released().toString();
    spec.type = type;
    spec.hotpatches = hotpatches;
    return changed;
  }

  /** The day after each month's second Tuesday ("Patch Tuesday"), when a team would commit. */
  public static LocalDate commitDay(int year, int month) {
    return ReleaseCatalog.secondTuesday(year, month).plusDays(1);
  }
}
