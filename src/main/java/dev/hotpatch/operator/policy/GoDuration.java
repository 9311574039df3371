package dev.hotpatch.operator.policy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the CRD spells them ("4h", "90m", "3h30m"): hours and/or minutes, the subset of Go's
 * duration syntax that the schema pattern {@code ^([0-9]+h)?([0-9]+m)?$} admits.
 */
public final class GoDuration {
  private static final Pattern FORMAT = Pattern.compile("^(?:([0-9]{1,6})h)?(?:([0-9]{1,8})m)?$");

  private GoDuration() {}

  /**
   * Parses a duration; throws IllegalArgumentException with a message fit for users. Zero is
   * allowed.
   */
  public static Duration parse(String text) {
    Matcher m = text == null ? null : FORMAT.matcher(text.trim());
    if (m == null || text.isBlank() || !m.matches()) {
      throw new IllegalArgumentException(
          "invalid duration \"" + text + "\": want hours and/or minutes, e.g. 4h, 90m or 3h30m");
    }
    long hours = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
    long minutes = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
    return Duration.ofHours(hours).plusMinutes(minutes);
  }

  /** The shortest spelling parse() reads back: 3h30m, 4h, 90m stays 1h30m. */
  public static String format(Duration d) {
    long hours = d.toHours();
    long minutes = d.toMinutesPart();
    if (hours == 0) {
      return minutes + "m";
    }
    return minutes == 0 ? hours + "h" : hours + "h" + minutes + "m";
  }
}
