package dev.hotpatch.operator.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open span of absolute time [start, end): open at start, closed at end. */
public record Interval(Instant start, Instant end) {
  public Interval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("interval ends before it starts: " + start + " > " + end);
    }
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  /**
   * True when some instant lies in both; touching ends (one ends where the other starts) do not.
   */
  public boolean overlaps(Interval other) {
    return start.isBefore(other.end) && other.start.isBefore(end);
  }

  public Duration length() {
    return Duration.between(start, end);
  }
}
