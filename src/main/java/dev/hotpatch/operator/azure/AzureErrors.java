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
      return new AzureException(status, code, message, e);
    }
    if (cause instanceof HttpResponseException h) {
      int status = h.getResponse() == null ? 0 : h.getResponse().getStatusCode();
      return new AzureException(status, "HttpError" + status, h.getMessage(), e);
    }
    return new AzureException(0, "ConnectionError", String.valueOf(e.getMessage()), e);
  }
}
