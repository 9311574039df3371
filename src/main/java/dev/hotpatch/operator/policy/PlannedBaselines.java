package dev.hotpatch.operator.policy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Microsoft's calendar of planned Hotpatch baselines: a cumulative update that needs a reboot on
 * the second Tuesday of January, April, July and October; the months between bring hotpatches,
 * which need none. Unplanned baselines come when they come and are not in this calendar.
 */
public final class PlannedBaselines {
  private static final Set<Month> MONTHS =
      Set.of(Month.JANUARY, Month.APRIL, Month.JULY, Month.OCTOBER);

  private PlannedBaselines() {}

  /** The second Tuesday of the month ("Patch Tuesday"). */
  public static LocalDate patchTuesday(YearMonth month) {
    return month.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.TUESDAY));
  }

  public static boolean isPlannedMonth(YearMonth month) {
    return MONTHS.contains(month.getMonth());
  }

  /** Release days of the planned baselines from {@code from} to {@code to}, both inclusive. */
  public static List<LocalDate> releasedBetween(LocalDate from, LocalDate to) {
    List<LocalDate> days = new ArrayList<>();
    for (YearMonth m = YearMonth.from(from); !m.atDay(1).isAfter(to); m = m.plusMonths(1)) {
      LocalDate day = patchTuesday(m);
      if (isPlannedMonth(m) && !day.isBefore(from) && !day.isAfter(to)) {
        days.add(day);
      }
    }
    return days;
  }
}
