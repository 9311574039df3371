package dev.hotpatch.operator.policy;

import dev.hotpatch.operator.policy.BaselineTarget.ApprovedHotpatch;
import java.util.List;

/**
 * Step 5 of the reconcile loop, as a decision: in order, follow a pending operation; then compare
 * the OS build with the declared baseline. Installed hotpatches are read off the OS build: each
 * hotpatch raises the UBR, so one whose build is at or below the VM's build is installed.
 */
public final class ConvergencePlanner {
  private ConvergencePlanner() {}

  /**
   * @param current the VM's OS build, null when Azure reports none
   * @param gate the reboot gate's decision for this VM; consulted only when the VM is behind the
   *     baseline (may be null otherwise)
   */
  public static Plan plan(
      boolean pendingOperation, OsBuild current, BaselineTarget target, GateDecision gate) {
    if (pendingOperation) {
      return plan(
          Plan.Kind.FOLLOW_PENDING,
          List.of(),
          List.of(),
          null,
          "following the operation in flight");
    }
    if (current == null) {
      return plan(
          Plan.Kind.OS_BUILD_UNKNOWN,
          List.of(),
          List.of(),
          null,
          "Azure reports no OS build for the VM");
    }
    OsBuild baseline = target.build();
    if (!current.sameFamilyAs(baseline)) {
      return plan(
          Plan.Kind.WRONG_OS,
          List.of(),
          List.of(),
          null,
          "OS build "
              + current
              + " is not the OS of baseline "
              + target.kb()
              + " ("
              + baseline
              + ")");
    }
    if (current.isOlderThan(baseline)) {
      if (gate == null) {
        throw new IllegalArgumentException(
            "VM is behind its baseline: the reboot gate's decision is required");
      }
      if (gate.allowed()) {
        return plan(
            Plan.Kind.TRANSITION,
            List.of(target.kb()),
            List.of(),
            gate,
            "moving from " + current + " to baseline " + target.kb() + " (" + baseline + ")");
      }
      return plan(
          Plan.Kind.WAIT_FOR_GATE,
          List.of(),
          List.of(),
          gate,
          "behind baseline " + target.kb() + " (" + baseline + "): " + gate.message());
    }
    List<String> installed =
        target.hotpatches().stream()
            .filter(h -> !h.build().isNewerThan(current))
            .map(ApprovedHotpatch::kb)
            .toList();
    if (current.isNewerThan(target.latestApproved())) {
      return plan(
          Plan.Kind.AHEAD_OF_BASELINE,
          List.of(),
          installed,
          null,
          "OS build "
              + current
              + " is newer than the latest approved build "
              + target.latestApproved()
              + "; not downgrading");
    }
    List<String> missing =
        target.hotpatches().stream()
            .filter(h -> h.build().isNewerThan(current))
            .map(ApprovedHotpatch::kb)
            .toList();
    if (!missing.isEmpty()) {
      return plan(
          Plan.Kind.INSTALL_HOTPATCHES,
          missing,
          installed,
          null,
          "installing hotpatches " + String.join(", ", missing) + " without reboot");
    }
    return plan(
        Plan.Kind.CONVERGED,
        List.of(),
        installed,
        null,
        "on baseline " + target.kb() + " at build " + current);
  }

  private static Plan plan(
      Plan.Kind kind, List<String> kbs, List<String> installed, GateDecision gate, String msg) {
    return new Plan(kind, kbs, installed, gate, msg);
  }
}
