package dev.hotpatch.operator.policy;

/** Why the reboot gate opened or stayed shut; the names are condition reasons. */
public enum GateReason {
  Allowed,
  NotBehindBaseline,
  RolloutPaused,
  FailureBudgetSpent,
  OutsideMaintenanceWindow,
  FleetViewStale,
  NoRolloutSlot
}
