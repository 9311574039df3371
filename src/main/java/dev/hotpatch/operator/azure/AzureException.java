package dev.hotpatch.operator.azure;

/** An error answered by Azure, with its HTTP status and ARM error code kept for conditions. */
public class AzureException extends RuntimeException {
  private final int httpStatus;
  private final String code;
  private final boolean answerToStartCall;
  private final java.time.Duration retryAfter;

  public AzureException(int httpStatus, String code, String message, Throwable cause) {
    this(httpStatus, code, message, cause, false, null);
  }

  private AzureException(
      int httpStatus,
      String code,
      String message,
      Throwable cause,
      boolean answerToStartCall,
      java.time.Duration retryAfter) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.code = code;
    this.answerToStartCall = answerToStartCall;
    this.retryAfter = retryAfter;
  }

  /** This error with the wait Azure asked for (its Retry-After header). */
  public AzureException withRetryAfter(java.time.Duration wait) {
    return new AzureException(httpStatus, code, getMessage(), getCause(), answerToStartCall, wait);
  }

  /** How long Azure asked the caller to wait (a 429's Retry-After), when it said. */
  public java.util.Optional<java.time.Duration> retryAfter() {
    return java.util.Optional.ofNullable(retryAfter);
  }

  /**
   * This error, as Azure's answer to the call that would have started an operation (installPatches,
   * a create, a delete): only a refusal of that call is evidence that nothing started.
   */
  public AzureException asAnswerToStartCall() {
    return answerToStartCall
        ? this
        : new AzureException(httpStatus, code, getMessage(), getCause(), true, retryAfter);
  }

  /**
   * The call that would have started an operation was refused (a 4xx): nothing started. A refusal
   * of any other call (a read that resolves a lost answer, say) says nothing about the operation.
   */
  public boolean refusedStartCall() {
    return answerToStartCall && refusedBeforeStart();
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String code() {
    return code;
  }

  public boolean notFound() {
    return httpStatus == 404;
  }

  /**
   * Azure answered with a refusal (a 4xx, 429 included): nothing was started. A 5xx, a timeout or a
   * reset (status 0) is a lost answer: the call may have started an operation.
   */
  public boolean refusedBeforeStart() {
    return httpStatus >= 400 && httpStatus < 500;
  }

  /** 409: another operation runs on the resource (OperationNotAllowed, Conflict). */
  public boolean busy() {
    return httpStatus == 409;
  }

  /** 429 and 5xx: worth retrying later. 4xx other than 429: retrying the same call fails again. */
  public boolean transientFailure() {
    return httpStatus == 429 || httpStatus >= 500 || httpStatus == 0;
  }
}
