package dev.hotpatch.operator.cli;

import java.time.Duration;
import java.util.Optional;

/** Lets tests outside cli/ ask RunCommand's duration parser what it makes of a string. */
public final class DurationsProbe {
  private DurationsProbe() {}

  /** What `run` reads {@code text} as (RESYNC_INTERVAL, FLEET_REFRESH_INTERVAL...), or empty. */
  public static Optional<Duration> parse(String text) {
    try {
      return Optional.of(RunCommand.Durations.parse(text));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
