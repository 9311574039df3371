package dev.hotpatch.operator.azure;

import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpHeaders;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Reads what ARM says is left of its throttling budgets: {@code x-ms-ratelimit-remaining-resource}
 * ("Microsoft.Compute/HighCostGet3Min;137,Microsoft.Compute/HighCostGet30Min;670") and the
 * subscription-wide {@code x-ms-ratelimit-remaining-subscription-reads}. The smallest number wins.
 */
final class RateLimitHeaders {
  private RateLimitHeaders() {}

  static OptionalInt remaining(HttpHeaders headers) {
    int least = Integer.MAX_VALUE;
    for (HttpHeader h : headers) {
      String name = h.getName().toLowerCase(Locale.ROOT);
      if (name.equals("x-ms-ratelimit-remaining-resource")) {
        for (String part : h.getValue().split(",")) {
          int semi = part.lastIndexOf(';');
          least = Math.min(least, parse(semi < 0 ? "" : part.substring(semi + 1)));
        }
      } else if (name.equals("x-ms-ratelimit-remaining-subscription-reads")) {
        least = Math.min(least, parse(h.getValue()));
      }
    }
    return least == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(least);
  }

  private static int parse(String number) {
    try {
      return Math.max(0, Integer.parseInt(number.trim()));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
