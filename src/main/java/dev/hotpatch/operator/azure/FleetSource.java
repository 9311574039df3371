package dev.hotpatch.operator.azure;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Where the fleet loader reads a subscription's VMs: Compute's VM lists (the default: live, two
 * paged lists of 50) or Resource Graph (one query of up to 1,000 rows a page, but an index that
 * trails ARM), falling back to Compute when Resource Graph keeps failing.
 */
public enum FleetSource {
  COMPUTE("compute"),
  RESOURCE_GRAPH("resource-graph");

  private final String label;

  FleetSource(String label) {
    this.label = label;
  }

  /** The option's spelling: "compute" or "resource-graph". */
  public String label() {
    return label;
  }

  public static FleetSource parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (FleetSource s : values()) {
      if (s.label.equals(t)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "fleet source '" + text + "': expected compute or resource-graph");
  }

  /**
   * How the gateway reads fleets.
   *
   * @param source where lists come from
   * @param clock the clock the fallback bound is measured on
   * @param fallbackAfter how long Resource Graph may keep failing (throttled or not) before a list
   *     is read from Compute instead; a refusal that retrying cannot mend (a 4xx other than 429)
   *     falls back at once
   * @param assumedLag how far Resource Graph's rows may trail ARM: a list is taken as that much
   *     older than its start (for the view's age, and so that it does not undo a per-VM read made
   *     after it)
   */
  public record Reads(
      FleetSource source, Clock clock, Duration fallbackAfter, Duration assumedLag) {
    /** Resource Graph: most changes are in within 30 s; two minutes is taken as its worst. */
    public static final Duration ASSUMED_LAG = Duration.ofMinutes(2);

    public static final Duration FALLBACK_AFTER = Duration.ofMinutes(2);

    public static Reads compute() {
      return new Reads(COMPUTE, Clock.systemUTC(), FALLBACK_AFTER, ASSUMED_LAG);
    }

    public static Reads of(FleetSource source, Clock clock) {
      return new Reads(source, clock, FALLBACK_AFTER, ASSUMED_LAG);
    }
  }
}
