package dev.hotpatch.operator.safety;

/** The promise, one name per rule (docs/architecture.md, "The promise, as invariants"). */
public enum Invariant {
  /** A reboot-capable call only for a transition, inside a window, not paused, budget left. */
  I1,
  /** Never more VMs of a baseline in a reboot-capable operation than maxUnavailable. */
  I2,
  /** At most one reboot-capable call per VM per target baseline. */
  I3,
  /** Every operation the operator started is followed to its end, and shows in status. */
  I4,
  /** No slot outlives its operation; once faults stop, everything converges or says why not. */
  I5,
  /** One bad object never stops the operator nor delays the others. */
  I6
}
