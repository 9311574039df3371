package dev.hotpatch.operator.simulator;

import dev.hotpatch.operator.api.PatchBaselineSpec.OsFamily;
import dev.hotpatch.operator.simulator.Release.Type;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Windows releases the simulator knows: planned baselines in January, April, July and October,
 * hotpatches in the other months (each on the quarter's baseline), unplanned baselines added on
 * demand. All released on the second Tuesday of the month.
 *
 * <p>{@link #generate} is deterministic: KB numbers are {@code KB5<yy><os>0<mm>} (os 0 = 2022, 1 =
 * 2025, e.g. KB5250001 = January 2025 for Windows Server 2022) and the UBR of month m of year y is
 * {@code 300 + (y - 2021) * 600 + (m - 1) * 50} (January 2025 = 20348.2700 / 26100.2700).
 * Thread-safe.
 */
public final class ReleaseCatalog {
  private static final Comparator<Release> BY_DATE =
      Comparator.comparing(Release::released).thenComparing(Release::build, OsBuilds.ORDER);

  private final List<Release> releases = new ArrayList<>();

  public ReleaseCatalog() {}

  public ReleaseCatalog(List<Release> releases) {
    releases.forEach(this::add);
  }

  /** The releases of one year for the given OS families (both when none is given). */
  public static ReleaseCatalog generate(int year, OsFamily... oses) {
    return generateYears(year, year, oses);
  }

  /** The releases of several consecutive years. */
  public static ReleaseCatalog generateYears(int fromYear, int toYear, OsFamily... oses) {
    OsFamily[] families = oses.length == 0 ? OsFamily.values() : oses;
    ReleaseCatalog catalog = new ReleaseCatalog();
    for (OsFamily os : families) {
      Release baseline = null;
      for (int year = fromYear; year <= toYear; year++) {
        for (int month = 1; month <= 12; month++) {
          String kb = String.format("KB5%02d%d%03d", year % 100, os.ordinal(), month);
          String build =
              OsBuilds.baseBuild(os) + "." + (300 + (year - 2021) * 600 + (month - 1) * 50);
          LocalDate date = secondTuesday(year, month);
          if (month % 3 == 1) {
            baseline = new Release(kb, os, Type.Planned, build, date, null);
            catalog.add(baseline);
          } else if (baseline != null) {
            catalog.add(new Release(kb, os, Type.Hotpatch, build, date, baseline.kb()));
          }
        }
      }
    }
    return catalog;
  }

  public static LocalDate secondTuesday(int year, int month) {
    return LocalDate.of(year, month, 1)
        .with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.TUESDAY));
  }

  public synchronized void add(Release release) {
    if (byKb(release.kb()).isPresent()) {
      throw new IllegalArgumentException("duplicate KB " + release.kb());
    }
    releases.add(release);
    releases.sort(BY_DATE);
  }

  /**
   * An unplanned baseline released on {@code date}: it replaces that month's hotpatch, and the
   * later hotpatches of the quarter move onto it (their builds are raised above it when needed).
   */
  public synchronized Release addUnplanned(OsFamily os, LocalDate date, String kb, String build) {
    releases.removeIf(
        r ->
            r.os() == os
                && r.type() == Type.Hotpatch
                && r.released().getYear() == date.getYear()
                && r.released().getMonth() == date.getMonth());
    Release unplanned = new Release(normalizeKb(kb), os, Type.Unplanned, build, date, null);
    add(unplanned);
    String previous = latestBaselineBefore(os, date).map(Release::kb).orElse(null);
    int bump = 0;
    for (int i = 0; i < releases.size(); i++) {
      Release r = releases.get(i);
      boolean laterInQuarter =
          r.os() == os
              && r.type() == Type.Hotpatch
              && r.released().isAfter(date)
              && previous != null
              && previous.equals(r.baselineKb());
      if (laterInQuarter) {
        String newBuild = r.build();
        if (OsBuilds.compare(newBuild, build) <= 0) {
          bump += 10;
          newBuild = OsBuilds.baseBuild(os) + "." + (OsBuilds.ubr(build) + bump);
        }
        releases.set(
            i, new Release(r.kb(), os, Type.Hotpatch, newBuild, r.released(), unplanned.kb()));
      }
    }
    releases.sort(BY_DATE);
    return unplanned;
  }

  public synchronized List<Release> all() {
    return List.copyOf(releases);
  }

  /** Releases for {@code os} released on or before {@code date}, oldest first. */
  public synchronized List<Release> releasedBy(OsFamily os, LocalDate date) {
    return releases.stream().filter(r -> r.os() == os && !r.released().isAfter(date)).toList();
  }

  /** The newest baseline (planned or unplanned) released on or before {@code date}. */
  public synchronized Optional<Release> latestBaseline(OsFamily os, LocalDate date) {
    return releasedBy(os, date).stream().filter(Release::isBaseline).reduce((a, b) -> b);
  }

  private Optional<Release> latestBaselineBefore(OsFamily os, LocalDate date) {
    return latestBaseline(os, date.minusDays(1));
  }

  /** Hotpatches that apply on top of the given baseline, oldest first. */
  public synchronized List<Release> hotpatchesOf(String baselineKb) {
    String kb = normalizeKb(baselineKb);
    return releases.stream()
        .filter(r -> r.type() == Type.Hotpatch && kb.equalsIgnoreCase(r.baselineKb()))
        .toList();
  }

  /** By KB, with or without the "KB" prefix. */
  public synchronized Optional<Release> byKb(String kb) {
    String wanted = normalizeKb(kb);
    return releases.stream().filter(r -> r.kb().equalsIgnoreCase(wanted)).findFirst();
  }

  /** The baseline a build belongs to: the same OS's baseline with the greatest build <= it. */
  public synchronized Optional<Release> baselineOf(String build) {
    OsFamily os = OsBuilds.osOf(build);
    return releases.stream()
        .filter(r -> r.os() == os && r.isBaseline() && OsBuilds.compare(r.build(), build) <= 0)
        .max(Comparator.comparing(Release::build, OsBuilds.ORDER));
  }

  /** The release that brings exactly this build, if any. */
  public synchronized Optional<Release> byBuild(String build) {
    return releases.stream()
        .filter(r -> OsBuilds.compare(r.build(), build) == 0 && r.os() == OsBuilds.osOf(build))
        .findFirst();
  }

  static String normalizeKb(String kb) {
    String k = kb.trim().toUpperCase(Locale.ROOT);
    return k.startsWith("KB") ? k : "KB" + k;
  }
}
