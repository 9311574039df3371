package dev.hotpatch.operator.azure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A list from a preferred source (Resource Graph) that switches to the fallback (Compute's lists)
 * when the preferred one keeps failing: throttled or failing for longer than a bound, or refused in
 * a way retrying cannot mend (a 4xx other than 429: the query, the role). Until then a failure is
 * thrown as usual, so the loader backs off and honours Retry-After. Each list starts with the
 * preferred source again.
 */
final class FallbackVmListing implements VmListing {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackVmListing.class);

  private final String subscriptionId;
  private final VmListing preferred;
  private final Supplier<VmListing> fallback;
  private final Clock clock;
  private final Duration bound;
  private VmListing current;
  private Instant failingSince;
  private String fallbackReason;

  FallbackVmListing(
      String subscriptionId,
      VmListing preferred,
      Supplier<VmListing> fallback,
      Clock clock,
      Duration bound) {
    this.subscriptionId = subscriptionId;
    this.preferred = preferred;
    this.fallback = fallback;
    this.clock = clock;
    this.bound = bound;
    this.current = preferred;
  }

  @Override
  public boolean done() {
    return current.done();
  }

  @Override
  public OptionalInt fetchNext() {
    if (current != preferred) {
      return current.fetchNext();
    }
    try {
      OptionalInt remaining = preferred.fetchNext();
      failingSince = null;
      return remaining;
    } catch (AzureException e) {
      Instant now = clock.instant();
      if (failingSince == null) {
        failingSince = now;
      }
      boolean hopeless = e.httpStatus() >= 400 && e.httpStatus() < 500 && e.httpStatus() != 429;
      if (!hopeless && now.isBefore(failingSince.plus(bound))) {
        throw e; // the loader backs off and asks again
      }
      fallbackReason =
          preferred.source()
              + " answered "
              + e.httpStatus()
              + " "
              + e.code()
              + (hopeless ? "" : " for " + Duration.between(failingSince, now).toSeconds() + " s");
      LOG.warn(
          "fleet list of subscription {}: {}; listing it through Compute instead ({})",
          subscriptionId,
          fallbackReason,
          e.getMessage());
      current = fallback.get();
      return OptionalInt.empty(); // the first Compute page goes at the loader's next turn
    }
  }

  @Override
  public int pages() {
    return current.pages();
  }

  @Override
  public List<VmSnapshot> result() {
    return current.result();
  }

  /** "resource-graph", or "compute (fallback: resource-graph answered 429 ...)". */
  @Override
  public String source() {
    return current == preferred
        ? preferred.source()
        : current.source() + " (fallback: " + fallbackReason + ")";
  }

  @Override
  public Duration lag() {
    return current.lag();
  }

  @Override
  public boolean cheapToRepeat() {
    return current.cheapToRepeat();
  }

  @Override
  public Duration quotaWindow() {
    return current.quotaWindow();
  }

  /** The list is being read from the fallback. */
  boolean fellBack() {
    return current != preferred;
  }
}
