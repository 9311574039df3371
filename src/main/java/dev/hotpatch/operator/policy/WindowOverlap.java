package dev.hotpatch.operator.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Finds where two windows are open at once. Windows repeat weekly, but time zones shift against
 * each other around DST changes, so we expand both over a whole reference year (not only two weeks)
 * to catch overlaps that exist in some weeks only.
 */
final class WindowOverlap {
  // A fixed year keeps validation independent of the clock: the same spec is always (in)valid.
  private static final LocalDate FROM = LocalDate.of(2025, 12, 24);
  private static final LocalDate TO = LocalDate.of(2027, 1, 8);

  private WindowOverlap() {}

  /** The first instant both windows are open, if any. */
  static Optional<Interval> firstOverlap(WindowRule a, WindowRule b) {
    List<Interval> as = a.occurrences(FROM, TO);
    List<Interval> bs = b.occurrences(FROM, TO);
    int i = 0;
    int j = 0;
    while (i < as.size() && j < bs.size()) {
      Interval x = as.get(i);
      Interval y = bs.get(j);
      if (x.overlaps(y)) {
        Instant start = x.start().isAfter(y.start()) ? x.start() : y.start();
        Instant end = x.end().isBefore(y.end()) ? x.end() : y.end();
        return Optional.of(new Interval(start, end));
      }
      // Both lists are in start (and end) order; the one ending first cannot meet a later item of
      // the other.
      if (x.end().isAfter(y.end())) {
        j++;
      } else {
        i++;
      }
    }
    return Optional.empty();
  }
}
