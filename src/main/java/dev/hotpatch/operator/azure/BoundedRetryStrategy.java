package dev.hotpatch.operator.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RetryStrategy;
import java.time.Duration;

/**
 * Retries a transient failure a couple of times with a short back-off, so a reconcile thread is
 * never parked for long. A 429 whose Retry-After is longer than {@link #MAX_INLINE_WAIT} is not
 * retried here: it surfaces as an {@link AzureException} and the reconcile is requeued after it.
 *
 * <p>Only reads are retried ({@link ReadsOnlyRetryPolicy}). A POST, PUT, PATCH or DELETE may have
 * started an operation before its answer was lost (a 5xx, a timeout, a reset); sending it again
 * could start a second one (a second reboot). The caller resolves a lost answer by reading Azure
 * instead.
 */
final class BoundedRetryStrategy implements RetryStrategy {
  static final Duration MAX_INLINE_WAIT = Duration.ofSeconds(2);
  private final Duration firstPause;

  /** Pauses of 200 ms, doubling: for real Azure. */
  static BoundedRetryStrategy forAzure() {
    return new BoundedRetryStrategy(Duration.ofMillis(200));
  }

  /**
   * No pauses, and no waiting out a 429: the simulator's time is simulated, so a real-time pause
   * lets none of it pass; the reconcile is requeued instead.
   */
  static BoundedRetryStrategy forSimulator() {
    return new BoundedRetryStrategy(Duration.ZERO);
  }

  private BoundedRetryStrategy(Duration firstPause) {
    this.firstPause = firstPause;
  }

  /**
   * The header the SDK's retry policy waits out, or null for Azure's well-known ones (Retry-After,
   * retry-after-ms). For the simulator a name it never sends: its Retry-After counts simulated
   * seconds, and the policy would otherwise sleep them in real time whatever this strategy says.
   */
  String retryAfterHeader() {
    return firstPause.isZero() ? "x-hotpatch-simulated-time-not-waited" : null;
  }

  private static final HttpHeaderName RETRY_AFTER = HttpHeaderName.fromString("Retry-After");

  @Override
  public int getMaxRetries() {
    return 2;
  }

  @Override
  public Duration calculateRetryDelay(int retryAttempts) {
    return firstPause.multipliedBy(1L << Math.min(retryAttempts, 3));
  }

  @Override
  public boolean shouldRetry(HttpResponse response) {
    int code = response.getStatusCode();
    if (code == 429 && firstPause.isZero()) {
      return false;
    }
    if (code == 429) {
      Duration wait = retryAfter(response.getHeaders().getValue(RETRY_AFTER));
      return wait.compareTo(MAX_INLINE_WAIT) <= 0;
    }
    return code == 408 || (code >= 500 && code != 501 && code != 505);
  }

  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return Duration.ZERO;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return MAX_INLINE_WAIT.plusSeconds(1);
    }
  }
}
