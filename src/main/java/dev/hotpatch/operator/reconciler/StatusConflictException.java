package dev.hotpatch.operator.reconciler;

/**
 * A status or intent write found the resource changed since the copy it was computed from. The
 * reconcile stops (acting on an old copy could repeat an operation) and starts over from fresh
 * state.
 */
public final class StatusConflictException extends RuntimeException {
  public StatusConflictException(String resource, String resourceVersion, Throwable cause) {
    super(
        "status of "
            + resource
            + " changed since resourceVersion "
            + resourceVersion
            + "; starting over from the latest copy",
        cause);
  }
}
