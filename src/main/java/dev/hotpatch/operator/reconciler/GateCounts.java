package dev.hotpatch.operator.reconciler;

import java.util.Set;

/** What the reboot gate counts on a baseline: its members, the slots held, the failures. */
interface GateCounts {
  /** HotpatchVMs that name the baseline (maxUnavailable's percentages are of these). */
  int targeted();

  /** VMs holding the baseline's rollout slot, by namespace/name. */
  Set<String> transitioning();

  /** VMs whose transition onto the baseline's KB failed, by namespace/name. */
  Set<String> failedVms();
}
