package dev.hotpatch.operator.policy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects "field.path: what is wrong" lines for the validators. */
final class Problems {
  private final List<String> lines = new ArrayList<>();

  void add(String path, String what) {
    lines.add(path + ": " + what);
  }

  boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** False (and a "required" line) when value is missing; blank strings count as missing. */
  boolean required(String path, Object value) {
    if (value == null || value instanceof String s && s.isBlank()) {
      add(path, "required");
      return false;
    }
    return true;
  }

  /**
   * Required and one of the enum's values. An unknown value (say {@code planned}) reaches here as
   * null: the API classes read unknown enum values as null rather than failing the whole informer.
   */
  boolean requiredEnum(String path, Object value, Enum<?>[] allowed) {
    if (value == null) {
      add(path, "required, one of " + names(allowed) + " (case matters)");
      return false;
    }
    return true;
  }

  static String names(Enum<?>[] allowed) {
    return java.util.Arrays.stream(allowed)
        .map(Enum::name)
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** Required and matching; true when valid. */
  boolean matches(String path, String value, String regex, String example) {
    if (!required(path, value)) {
      return false;
    }
    if (!Pattern.matches(regex, value)) {
      add(path, "\"" + value + "\" is not valid (want e.g. " + example + ")");
      return false;
    }
    return true;
  }

  /** Optional date; when set it must be YYYY-MM-DD. */
  void date(String path, String value) {
    if (isBlank(value)) {
      return;
    }
    try {
      LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      add(path, "\"" + value + "\" is not a date YYYY-MM-DD");
    }
  }

  void addAll(List<String> more) {
    lines.addAll(more);
  }

  List<String> list() {
    return List.copyOf(lines);
  }
}
