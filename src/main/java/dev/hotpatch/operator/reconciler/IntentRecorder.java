package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVMStatus.PendingOperation;

/**
 * Writes an operation into status before the call that starts it, so an operator that dies between
 * the two finds the intent on restart and never starts a second operation blindly.
 */
final class IntentRecorder {
  private final StatusWriter writer;

  IntentRecorder(StatusWriter writer) {
    this.writer = writer;
  }

  /**
   * @throws StatusConflictException when the resource moved on since this reconcile read it: the
   *     call is not made, and the reconcile starts over from the latest copy
   */
  void record(VmWork w, PendingOperation op) {
    PendingOperation before = w.status.pendingOperation;
    w.status.pendingOperation = op;
    try {
      w.resource = writer.write(w.resource, StatusWriter.copyOf(w.status), w.written);
    } catch (StatusConflictException e) {
      w.status.pendingOperation = before; // not recorded, so not made
      throw e;
    }
  }

  /**
   * Makes the call the intent was recorded for. Azure's error is marked as the answer to this call,
   * so the error hook clears the intent only when this call was refused, never when a later read
   * was.
   */
  <T> T call(java.util.function.Supplier<T> startCall) {
    try {
      return startCall.get();
    } catch (dev.hotpatch.operator.azure.AzureException e) {
      throw e.asAnswerToStartCall();
    }
  }
}
