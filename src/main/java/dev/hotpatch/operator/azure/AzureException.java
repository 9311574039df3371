package dev.hotpatch.operator.azure;

/** An error answered by Azure, with its HTTP status and ARM error code kept for conditions. */
public class AzureException extends RuntimeException {
  private final int httpStatus;
  private final String code;

  public AzureException(int httpStatus, String code, String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.code = code;
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
