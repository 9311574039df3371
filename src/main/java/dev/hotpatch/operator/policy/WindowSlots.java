package dev.hotpatch.operator.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transition slots of one baseline's maintenance windows from a given instant on, filled in the
 * order VMs ask. Each open period [open, close) from {@code from} on is cut into rows of one
 * transition's length starting at max(open, from), as many as start with {@code transitionNeeds}
 * left before the window closes (the gate's rule), and each row takes {@code perRow} VMs
 * (maxUnavailable). Only rows that end by {@code until} are handed out, so that the next wave,
 * starting there, never shares a slot with this one. Not thread-safe.
 */
final class WindowSlots {
  /** One place in a window: its row's start, the window, and its number among the window's. */
  record Slot(Instant at, Interval window, int number, int ofWindow) {}

  private record Row(Instant at, Interval window, int index, int rowsInWindow) {}

  private final MaintenanceSchedule schedule;
  private final int perRow;
  private final Duration transitionNeeds;
  private final Instant until;
  private final List<Row> rows = new ArrayList<>();
  private final List<Integer> used = new ArrayList<>();

  /** Where to start looking for the next window, once the rows so far are used up. */
  private Instant cursor;

  private final Instant from;
  private boolean exhausted;

  /** Every row before this one is full: VMs asking in order need not look at them again. */
  private int firstNotFull;

  WindowSlots(
      MaintenanceSchedule schedule,
      int perRow,
      Duration transitionNeeds,
      Instant from,
      Instant until) {
    if (perRow < 1) {
      throw new IllegalArgumentException("a row holds at least one VM, got " + perRow);
    }
    if (transitionNeeds.isZero() || transitionNeeds.isNegative()) {
      throw new IllegalArgumentException("a transition needs time, got " + transitionNeeds);
    }
    this.schedule = schedule;
    this.perRow = perRow;
    this.transitionNeeds = transitionNeeds;
    this.from = from;
    this.until = until;
    this.cursor = from;
  }

  /**
   * Counts a transition already running at {@code from} against the first row, when that row starts
   * at {@code from} (inside a window): it holds its slot there. One outside a window is assumed to
   * end before the next one opens.
   */
  void occupyFirstRowIfOpenNow() {
    if (row(0).filter(r -> r.at().equals(from)).isPresent()) {
      use(0);
    }
  }

  /**
   * The first free slot in a row starting at or after {@code earliest}; empty when none is left.
   */
  Optional<Slot> take(Instant earliest) {
    for (int i = firstNotFull; ; i++) {
      Optional<Row> row = row(i);
      if (row.isEmpty()) {
        return Optional.empty();
      }
      Row r = row.get();
      if (r.at().isBefore(earliest) || used.get(i) >= perRow) {
        continue;
      }
      use(i);
      int number = r.index() * perRow + used.get(i);
      return Optional.of(new Slot(r.at(), r.window(), number, r.rowsInWindow() * perRow));
    }
  }

  private void use(int i) {
    used.set(i, used.get(i) + 1);
    while (firstNotFull < rows.size() && used.get(firstNotFull) >= perRow) {
      firstNotFull++;
    }
  }

  /** Row i, generating windows as far as needed; empty past {@code until} or with no windows. */
  private Optional<Row> row(int i) {
    while (rows.size() <= i && !exhausted) {
      addNextWindow();
    }
    return i < rows.size() ? Optional.of(rows.get(i)) : Optional.empty();
  }

  private void addNextWindow() {
    Optional<Interval> next = schedule.nextWindow(cursor);
    if (next.isEmpty()) {
      // The schedule looks about a week ahead and every window opens weekly: none means never.
      exhausted = true;
      return;
    }
    Interval window = next.get();
    Instant open = window.start().isBefore(from) ? from : window.start();
    if (!open.isBefore(until)) {
      exhausted = true;
      return;
    }
    long count = Duration.between(open, window.end()).toSeconds() / transitionNeeds.toSeconds();
    int inWindow = (int) Math.min(count, Integer.MAX_VALUE);
    for (int r = 0; r < inWindow; r++) {
      Instant at = open.plus(transitionNeeds.multipliedBy(r));
      if (at.plus(transitionNeeds).isAfter(until)) {
        break;
      }
      rows.add(new Row(at, window, r, inWindow));
      used.add(0);
    }
    cursor = window.end();
  }
}
