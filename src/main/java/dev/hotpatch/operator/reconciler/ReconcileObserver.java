package dev.hotpatch.operator.reconciler;

/** Told when a reconcile ends, for metrics and for drivers that wait until the operator is idle. */
@FunctionalInterface
public interface ReconcileObserver {
  ReconcileObserver NONE = (controller, outcome) -> {};

  /**
   * @param outcome "success" or "error"
   */
  void reconciled(String controller, String outcome);

  default ReconcileObserver and(ReconcileObserver other) {
    return (c, o) -> {
      reconciled(c, o);
      other.reconciled(c, o);
    };
  }
}
