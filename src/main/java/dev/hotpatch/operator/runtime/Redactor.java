package dev.hotpatch.operator.runtime;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in log output: values of secret-looking keys ({@code client_secret=...}, {@code
 * "password": "..."}), bearer/basic credentials and JWTs. The last line of defence: code should not
 * log secrets in the first place.
 */
public final class Redactor {
  public static final String MASK = "***";

  private static final String SECRET_KEYS =
      "client[_-]?secret|password|passwd|pwd|secret|token|access[_-]?token|refresh[_-]?token"
          + "|client[_-]?assertion|api[_-]?key|accountkey|sharedaccesskey|sig|credential";

  private static final List<Replacement> RULES =
      List.of(
          // key=value, key: value, "key":"value", key = 'value'
          new Replacement(
              Pattern.compile(
                  "(?i)((?:" + SECRET_KEYS + ")[\"']?\\s*[:=]\\s*[\"']?)([^\\s\"'&,;}\\]]+)"),
              "$1" + MASK),
          // Authorization headers and the like
          new Replacement(
              Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}"), "$1 " + MASK),
          // JSON Web Tokens anywhere
          new Replacement(
              Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"),
              MASK));

  private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(" + SECRET_KEYS + ").*");

  private Redactor() {}

  /** The text with every secret-looking value replaced by {@value #MASK}; null stays null. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (Replacement r : RULES) {
      Matcher m = r.pattern.matcher(out);
      if (m.find()) {
        out = m.replaceAll(r.replacement);
      }
    }
    return out;
  }

  /** Whether a key (an MDC key, a field name) names a secret, so its whole value is masked. */
  public static boolean isSecretKey(String key) {
    return key != null && SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
  }

  private record Replacement(Pattern pattern, String replacement) {}
}
