package dev.hotpatch.operator.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * ARM's own throttling, in front of every resource provider: since 2024 a token bucket per
 * subscription (and principal, and region) for each kind of request, refilled every second. Real
 * limits: reads 250 tokens refilled 25 a second, writes and deletes 200 refilled 10 a second
 * (request-limits-and-throttling.md). A request that finds its bucket empty is answered 429 and
 * does not reach Compute. The simulator serves one principal and one region, so one bucket per
 * subscription and kind. Guarded by the simulator lock; time from the injected clock.
 */
final class ArmRequestBuckets {
  /** Which bucket a request draws from. */
  enum Kind {
    READ("read", "reads"),
    WRITE("write", "writes"),
    DELETE("delete", "deletes");

    final String word;
    final String header;

    Kind(String word, String plural) {
      this.word = word;
      this.header = "x-ms-ratelimit-remaining-subscription-" + plural;
    }

    static Kind of(String method) {
      return switch (method) {
        case "GET", "HEAD" -> READ;
        case "DELETE" -> DELETE;
        default -> WRITE;
      };
    }
  }

  /**
   * Bucket sizes and refill rates; a rate of 0 turns a kind's throttling off (its header still
   * counts nothing down).
   */
  record Limits(
      double readsPerSecond,
      int readBurst,
      double writesPerSecond,
      int writeBurst,
      double deletesPerSecond,
      int deleteBurst) {
    /** What ARM enforces today. */
    static Limits azure() {
      return new Limits(25, 250, 10, 200, 10, 200);
    }

    static Limits off() {
      return new Limits(0, 0, 0, 0, 0, 0);
    }

    double rate(Kind k) {
      return switch (k) {
        case READ -> readsPerSecond;
        case WRITE -> writesPerSecond;
        case DELETE -> deletesPerSecond;
      };
    }

    int burst(Kind k) {
      return switch (k) {
        case READ -> readBurst;
        case WRITE -> writeBurst;
        case DELETE -> deleteBurst;
      };
    }
  }

  private static final class Bucket {
    double tokens;
    Instant at;

    Bucket(double tokens, Instant at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  private final Limits limits;
  private final Map<String, Bucket> buckets = new HashMap<>();

  ArmRequestBuckets(Limits limits) {
    this.limits = limits;
  }

  boolean enforced(Kind kind) {
    return limits.rate(kind) > 0;
  }

  /** Takes a token; false (nothing taken) when the bucket is empty or throttling is off. */
  boolean tryTake(String subscription, Kind kind, Instant now) {
    if (!enforced(kind)) {
      return true;
    }
    Bucket b = refilled(subscription, kind, now);
    if (b.tokens < 1) {
      return false;
    }
    b.tokens -= 1;
    return true;
  }

  /** Whole tokens left, what ARM's remaining-requests header says (after this request). */
  int remaining(String subscription, Kind kind, Instant now) {
    if (!enforced(kind)) {
      return kind == Kind.READ ? 12000 : 1200; // the legacy hourly figures, as before
    }
    return (int) Math.floor(refilled(subscription, kind, now).tokens);
  }

  /** Seconds until the next token, at least 1: ARM's Retry-After. */
  int retryAfterSeconds(String subscription, Kind kind, Instant now) {
    Bucket b = refilled(subscription, kind, now);
    double missing = Math.max(0, 1 - b.tokens);
    return (int) Math.max(1, Math.ceil(missing / limits.rate(kind)));
  }

  private Bucket refilled(String subscription, Kind kind, Instant now) {
    String key = kind + "/" + subscription.toLowerCase(Locale.ROOT);
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(limits.burst(kind), now));
    if (now.isAfter(b.at)) {
      double seconds = Duration.between(b.at, now).toNanos() / 1e9;
      b.tokens = Math.min(limits.burst(kind), b.tokens + seconds * limits.rate(kind));
      b.at = now;
    }
    return b;
  }
}
