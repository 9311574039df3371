package dev.hotpatch.operator.policy;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How many VMs of a baseline may be transitioning (and so possibly rebooting) at once. */
public final class RolloutBudget {
  public static final int DEFAULT_MAX_UNAVAILABLE = 1;
  private static final Pattern PERCENT = Pattern.compile("^([0-9]{1,9})%$");

  private RolloutBudget() {}

  /**
   * The slot count: null means 1; a count as is; "N%" of {@code targeted} rounded up (so any
   * non-empty fleet gets at least one slot), capped at {@code targeted}. Throws
   * IllegalArgumentException for values {@link #problem} rejects.
   */
  public static int maxUnavailable(IntOrString value, int targeted) {
    problem(value)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("maxUnavailable " + p);
            });
    if (value == null) {
      return DEFAULT_MAX_UNAVAILABLE;
    }
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    long percent = percent(value.getStrVal());
    long slots = (percent * Math.max(0, targeted) + 99) / 100;
    return (int) Math.min(slots, Math.max(0, targeted));
  }

  /** What is wrong with a maxUnavailable value, worded to follow its field path; empty if valid. */
  public static Optional<String> problem(IntOrString value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.getIntVal() != null) {
      return value.getIntVal() < 1
          ? Optional.of("must be at least 1, got " + value.getIntVal())
          : Optional.empty();
    }
    String s = value.getStrVal();
    if (s == null || !PERCENT.matcher(s.trim()).matches()) {
      return Optional.of("\"" + s + "\" is not a count or a percent (e.g. 1 or \"10%\")");
    }
    return percent(s) < 1
        ? Optional.of("\"" + s + "\" lets no VM move; use at least 1%")
        : Optional.empty();
  }

  /** A slot is free while fewer than maxUnavailable VMs of the baseline are transitioning. */
  public static boolean hasFreeSlot(int transitioningNow, int maxUnavailable) {
    return transitioningNow < maxUnavailable;
  }

  private static long percent(String s) {
    Matcher m = PERCENT.matcher(s.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a percent: " + s);
    }
    return Long.parseLong(m.group(1));
  }
}
