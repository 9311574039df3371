package dev.hotpatch.operator.safety;

import java.util.Collection;
import java.util.Locale;

/** KB numbers compared as Azure does: digits, with or without the "KB" prefix. */
final class Kbs {
  private Kbs() {}

  static String normal(String kb) {
    return kb == null ? "" : kb.trim().toUpperCase(Locale.ROOT).replaceFirst("^KB", "");
  }

  static boolean contains(Collection<String> kbs, String kb) {
    String want = normal(kb);
    return !want.isEmpty() && kbs.stream().anyMatch(k -> normal(k).equals(want));
  }
}
