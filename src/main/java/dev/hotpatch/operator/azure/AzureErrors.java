package dev.hotpatch.operator.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementException;

/** Maps what the SDK throws to {@link AzureException}, keeping ARM's error code. */
final class AzureErrors {
  private AzureErrors() {}

  static AzureException translate(RuntimeException e) {
    Throwable cause = e;
    // Reactor wraps checked exceptions; unwrap to the SDK's own.
    while (cause.getCause() != null && !(cause instanceof HttpResponseException)) {
      cause = cause.getCause();
    }
    if (cause instanceof ManagementException m) {
      int status = m.getResponse() == null ? 0 : m.getResponse().getStatusCode();
      String code = m.getValue() == null ? "HttpError" + status : m.getValue().getCode();
      String message = m.getValue() == null ? m.getMessage() : m.getValue().getMessage();
      return withRetryAfter(new AzureException(status, code, message, e), m.getResponse());
    }
    if (cause instanceof HttpResponseException h) {
      int status = h.getResponse() == null ? 0 : h.getResponse().getStatusCode();
      return withRetryAfter(
          new AzureException(status, "HttpError" + status, h.getMessage(), e), h.getResponse());
    }
    return new AzureException(0, "ConnectionError", String.valueOf(e.getMessage()), e);
  }

  /** Keeps a Retry-After in whole seconds (what ARM sends with a 429). */
  private static AzureException withRetryAfter(
      AzureException e, com.azure.core.http.HttpResponse response) {
    String header = response == null ? null : response.getHeaderValue(RETRY_AFTER);
    if (header == null || header.isBlank()) {
      return e;
    }
    try {
      return e.withRetryAfter(java.time.Duration.ofSeconds(Long.parseLong(header.trim())));
    } catch (NumberFormatException notSeconds) {
      return e;
    }
  }

  private static final com.azure.core.http.HttpHeaderName RETRY_AFTER =
      com.azure.core.http.HttpHeaderName.fromString("Retry-After");
}
