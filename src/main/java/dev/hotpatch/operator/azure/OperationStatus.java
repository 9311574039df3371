package dev.hotpatch.operator.azure;

/** Where a long-running operation stands; error fields are set when it failed. */
public record OperationStatus(State state, String errorCode, String errorMessage) {
  public enum State {
    IN_PROGRESS,
    SUCCEEDED,
    FAILED,
    CANCELED,
    /** The operation is no longer known to Azure (expired or VM gone). */
    NOT_FOUND
  }

  public static OperationStatus of(State state) {
    return new OperationStatus(state, null, null);
  }

  public boolean finished() {
    return state != State.IN_PROGRESS;
  }
}
