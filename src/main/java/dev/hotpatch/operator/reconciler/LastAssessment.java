package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVMStatus.PatchActivity;
import dev.hotpatch.operator.azure.VmSnapshot;

/**
 * The platform's own latest assessment (assessment mode AutomaticByPlatform), as the fleet view's
 * instance view reports it; the operator never calls assessPatches for it.
 */
final class LastAssessment {
  private LastAssessment() {}

  static PatchActivity of(VmSnapshot.PatchStatus patchStatus) {
    if (patchStatus == null || patchStatus.assessmentStatus() == null) {
      return null;
    }
    PatchActivity a = new PatchActivity();
    a.kind = "Assessment";
    a.activityId = patchStatus.assessmentActivityId();
    a.status = patchStatus.assessmentStatus();
    a.startTime = patchStatus.assessmentTime();
    a.available = sum(patchStatus.criticalAndSecurityCount(), patchStatus.otherCount());
    a.rebootPending = patchStatus.rebootPending();
    return a;
  }

  private static Integer sum(Integer a, Integer b) {
    return a == null && b == null ? null : (a == null ? 0 : a) + (b == null ? 0 : b);
  }
}
