package dev.hotpatch.operator.reconciler;

/** Told when a reconcile ends, for metrics and for drivers that wait until the operator is idle. */
@FunctionalInterface
public interface ReconcileObserver {
  ReconcileObserver NONE = (controller, outcome) -> {};

  /**
   * @param outcome "success" or "error"
   */
  void reconciled(String controller, String outcome);

  /** A status write of this controller landed (the fleet benchmark counts them). */
  default void statusWritten(String controller) {}

  default ReconcileObserver and(ReconcileObserver other) {
    ReconcileObserver first = this;
    return new ReconcileObserver() {
      @Override
      public void reconciled(String c, String o) {
        first.reconciled(c, o);
        other.reconciled(c, o);
      }

      @Override
      public void statusWritten(String c) {
        first.statusWritten(c);
        other.statusWritten(c);
      }
    };
  }
}
