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

  void record(VmWork w, PendingOperation op) {
    w.status.pendingOperation = op;
    w.resource = writer.write(w.resource, StatusWriter.copyOf(w.status));
  }
}
