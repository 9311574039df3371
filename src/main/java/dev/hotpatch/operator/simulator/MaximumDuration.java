package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * installPatches' maximumDuration as Compute checks it: an ISO 8601 duration of whole days, hours,
 * minutes and seconds (azure-cli sends "PT4H"; no recording shows Azure accepting a fractional
 * "PT1H37M0.25S", which Java's Duration.toString() produces; see stack-facts.md), within a range.
 * azure-arm-facts.md §4 documents the field only as "ISO-8601 duration string" with the example
 * PT4H and records no range; the range is therefore configurable (azureLike PT30M..PT4H: four hours
 * is the documented example and Update Manager's ceiling, 30 minutes its smallest window). Absent
 * is fine (the field is optional in the spec).
 */
final class MaximumDuration {
  private static final Pattern ISO =
      Pattern.compile("^P(?:(\\d+)D)?(?:T(?=\\d)(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?$");

  private MaximumDuration() {}

  static void validate(JsonNode value, Duration min, Duration max) {
    if (value == null || value.isNull()) {
      return;
    }
    String text = value.asText();
    Duration d = parse(text);
    if (d == null || d.isZero()) {
      PatchSettingsValidator.fail(
          "The value '"
              + text
              + "' of parameter 'maximumDuration' is not valid. It must be an ISO 8601 duration"
              + " of whole hours, minutes or seconds such as PT4H.",
          "maximumDuration");
    }
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      PatchSettingsValidator.fail(
          "The value '"
              + text
              + "' of parameter 'maximumDuration' is out of range. It must be between "
              + min
              + " and "
              + max
              + ".",
          "maximumDuration");
    }
  }

  /** The duration, or null when the text is not a whole ISO 8601 duration. */
  static Duration parse(String text) {
    Matcher m = ISO.matcher(text);
    if (!m.matches() || text.equals("P")) {
      return null;
    }
    return Duration.ofDays(n(m.group(1)))
        .plusHours(n(m.group(2)))
        .plusMinutes(n(m.group(3)))
        .plusSeconds(n(m.group(4)));
  }

  private static long n(String g) {
    return g == null ? 0 : Long.parseLong(g);
  }
}
