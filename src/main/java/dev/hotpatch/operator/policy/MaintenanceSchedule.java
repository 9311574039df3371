package dev.hotpatch.operator.policy;

import dev.hotpatch.operator.api.Rollout.MaintenanceWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When reboots may happen: the union of a baseline's maintenance windows. Each window is open on
 * [start, start + duration); windows that overlap or touch count as one open period. No windows
 * means never open. Answers look about a week ahead: windows chained back to back for longer (every
 * day for 24h) report an open period ending about 8 days out, longer than any transition needs.
 */
public final class MaintenanceSchedule {
  /** How far ahead we look: every window opens at least once a week. */
  private static final int DAYS_AHEAD = 8;

  private final List<WindowRule> rules;

  private MaintenanceSchedule(List<WindowRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Builds the schedule; throws IllegalArgumentException listing every invalid field. */
  public static MaintenanceSchedule of(List<MaintenanceWindow> windows) {
    List<WindowRule> rules = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<MaintenanceWindow> list = windows == null ? List.of() : windows;
    for (int i = 0; i < list.size(); i++) {
      WindowRuleParser.Parsed parsed =
          WindowRuleParser.parse(list.get(i), "maintenanceWindows[" + i + "]");
      parsed.rule().ifPresent(rules::add);
      errors.addAll(parsed.errors());
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
    return new MaintenanceSchedule(rules);
  }

  public static MaintenanceSchedule ofRules(List<WindowRule> rules) {
    return new MaintenanceSchedule(rules);
  }

  public static MaintenanceSchedule never() {
    return new MaintenanceSchedule(List.of());
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  public List<WindowRule> rules() {
    return rules;
  }

  public boolean isOpen(Instant now) {
    return windowAt(now).isPresent();
  }

  /** When the open period around {@code now} closes; empty when closed now. */
  public Optional<Instant> openWindowEnd(Instant now) {
    return windowAt(now).map(Interval::end);
  }

  /** The start of the open period around now if open, else of the next one; empty if none. */
  public Optional<Instant> nextOpening(Instant now) {
    return nextWindow(now).map(Interval::start);
  }

  /** The open period containing now. */
  public Optional<Interval> windowAt(Instant now) {
    return periodsAround(now).stream().filter(p -> p.contains(now)).findFirst();
  }

  /** The open period containing now, or else the first one starting after now. */
  public Optional<Interval> nextWindow(Instant now) {
    return periodsAround(now).stream().filter(p -> p.end().isAfter(now)).findFirst();
  }

  /** Merged open periods from (now - longest window) to about a week after now, in order. */
  private List<Interval> periodsAround(Instant now) {
    List<Interval> all = new ArrayList<>();
    for (WindowRule rule : rules) {
      LocalDate today = rule.localDate(now);
      // An occurrence still open now started at most its duration ago (plus a day for zone shifts).
      LocalDate from = today.minusDays(rule.duration().toDays() + 2);
      all.addAll(rule.occurrences(from, today.plusDays(DAYS_AHEAD)));
    }
    all.sort(Comparator.comparing(Interval::start));
    List<Interval> merged = new ArrayList<>();
    for (Interval next : all) {
      Interval last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && !next.start().isAfter(last.end())) {
        Instant end = next.end().isAfter(last.end()) ? next.end() : last.end();
        merged.set(merged.size() - 1, new Interval(last.start(), end));
      } else {
        merged.add(next);
      }
    }
    return merged;
  }
}
