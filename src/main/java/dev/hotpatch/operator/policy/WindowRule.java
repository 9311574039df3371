package dev.hotpatch.operator.policy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One parsed maintenance window: on each of {@code days} (all days when empty), open from local
 * {@code start} in {@code zone} for {@code duration} of elapsed time.
 */
public record WindowRule(Set<DayOfWeek> days, LocalTime start, Duration duration, ZoneId zone) {
  public WindowRule {
    days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("window duration must be positive: " + duration);
    }
  }

  /**
   * The occurrence that starts on local date {@code date}, if the window opens that day. The day is
   * the day the window starts, whatever day it ends on.
   */
  public Optional<Interval> occurrenceOn(LocalDate date) {
    if (!days.contains(date.getDayOfWeek())) {
      return Optional.empty();
    }
    Instant open = startInstant(LocalDateTime.of(date, start));
    // Elapsed time, not wall-clock time: a 4h window on a DST night lasts 4 real hours.
    return Optional.of(new Interval(open, open.plus(duration)));
  }

  /** Occurrences starting on local dates from..to (both inclusive), in start order. */
  public List<Interval> occurrences(LocalDate from, LocalDate to) {
    List<Interval> out = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      occurrenceOn(d).ifPresent(out::add);
    }
    return out;
  }

  /** The local date in this window's zone at {@code t}. */
  public LocalDate localDate(Instant t) {
    return t.atZone(zone).toLocalDate();
  }

  private Instant startInstant(LocalDateTime local) {
    if (zone.getRules().getValidOffsets(local).isEmpty()) {
      // Spring-forward gap: the start time does not exist that night; open at the first instant
      // after the gap, when the wall clock has passed the start time (02:30 in a 02:00-03:00 gap
      // opens at 03:00; ZonedDateTime.of would shift it by the gap's length, to 03:30).
      ZoneOffsetTransition gap = zone.getRules().getTransition(local);
      return gap.getInstant();
    }
    // In a fall-back overlap ZonedDateTime picks the earlier offset: the first occurrence opens it.
    return ZonedDateTime.of(local, zone).toInstant();
  }
}
