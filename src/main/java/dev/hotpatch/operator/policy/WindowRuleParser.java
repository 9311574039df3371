package dev.hotpatch.operator.policy;

import dev.hotpatch.operator.api.Rollout.MaintenanceWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@link MaintenanceWindow} into a {@link WindowRule}, or says what is wrong with each
 * field under a field path. The validator and {@link MaintenanceSchedule} both use it, so they
 * agree.
 */
public final class WindowRuleParser {
  /** Same as the CRD pattern on start. */
  private static final Pattern HH_MM = Pattern.compile("^([01][0-9]|2[0-3]):[0-5][0-9]$");

  /** Longer windows would overlap their own next week; a week-long window never closes anyway. */
  public static final Duration MAX_DURATION = Duration.ofDays(7);

  /** ZoneId copies its ~600 names into a new set on every call: once is enough. */
  private static final Set<String> ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

  /** The rule when every field is valid, else the errors (each prefixed with its field path). */
  public record Parsed(Optional<WindowRule> rule, List<String> errors) {}

  private WindowRuleParser() {}

  public static Parsed parse(MaintenanceWindow w, String path) {
    List<String> errors = new ArrayList<>();
    if (w == null) {
      return new Parsed(Optional.empty(), List.of(path + ": must not be empty"));
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    List<String> names = w.days == null ? List.of() : w.days;
    for (int i = 0; i < names.size(); i++) {
      Optional<DayOfWeek> day = day(names.get(i));
      if (day.isPresent()) {
        days.add(day.get());
      } else {
        errors.add(
            path
                + ".days["
                + i
                + "]: unknown day \""
                + names.get(i)
                + "\" (want Mon..Sun or Monday..Sunday)");
      }
    }
    LocalTime start = null;
    if (w.start == null || w.start.isBlank()) {
      errors.add(path + ".start: required (local time HH:mm, e.g. 22:00)");
    } else if (!HH_MM.matcher(w.start).matches()) {
      errors.add(path + ".start: \"" + w.start + "\" is not a time HH:mm (00:00 to 23:59)");
    } else {
      start = LocalTime.parse(w.start);
    }
    Duration duration = null;
    if (w.duration == null || w.duration.isBlank()) {
      errors.add(path + ".duration: required (e.g. 4h, 90m or 3h30m)");
    } else {
      try {
        duration = GoDuration.parse(w.duration);
        if (duration.isZero()) {
          errors.add(path + ".duration: \"" + w.duration + "\" is zero; a window must last");
          duration = null;
        } else if (duration.compareTo(MAX_DURATION) > 0) {
          errors.add(path + ".duration: \"" + w.duration + "\" is longer than 168h (a week)");
          duration = null;
        }
      } catch (IllegalArgumentException e) {
        errors.add(path + ".duration: " + e.getMessage());
      }
    }
    ZoneId zone = null;
    if (w.timeZone == null || w.timeZone.isBlank()) {
      errors.add(path + ".timeZone: required (IANA time zone, e.g. Europe/Berlin)");
    } else if (!ZONES.contains(w.timeZone)) {
      errors.add(
          path
              + ".timeZone: unknown time zone \""
              + w.timeZone
              + "\" (want an IANA name, e.g. Europe/Berlin)");
    } else {
      zone = ZoneId.of(w.timeZone);
    }
    if (!errors.isEmpty()) {
      return new Parsed(Optional.empty(), List.copyOf(errors));
    }
    return new Parsed(Optional.of(new WindowRule(days, start, duration, zone)), List.of());
  }

  /** Mon or Monday, any case. */
  static Optional<DayOfWeek> day(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.trim().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (n.equals(d.name()) || n.equals(d.name().substring(0, 3))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
