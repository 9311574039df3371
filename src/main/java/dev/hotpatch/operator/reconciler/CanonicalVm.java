package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMStatus;
import dev.hotpatch.operator.azure.Canonical;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * Replaces the strings a fleet of HotpatchVMs repeats (namespace, subscription, resource group,
 * baseline, builds, phases, condition reasons and messages) with one shared instance each, as the
 * object enters an informer cache. Equal values, so nothing reads differently; only the copies go.
 */
final class CanonicalVm {
  private CanonicalVm() {}

  static HotpatchVM apply(HotpatchVM vm) {
    vm.setApiVersion(Canonical.of(vm.getApiVersion()));
    vm.setKind(Canonical.of(vm.getKind()));
    ObjectMeta m = vm.getMetadata();
    if (m != null) {
      m.setNamespace(Canonical.of(m.getNamespace()));
      m.setName(Canonical.of(m.getName()));
      m.setUid(Canonical.of(m.getUid()));
      if (m.getFinalizers() != null) {
        m.setFinalizers(Canonical.of(m.getFinalizers()));
      }
    }
    var spec = vm.getSpec();
    if (spec != null) {
      if (spec.azure != null) {
        spec.azure.subscriptionId = Canonical.of(spec.azure.subscriptionId);
        spec.azure.resourceGroup = Canonical.of(spec.azure.resourceGroup);
        if (spec.azure.credentialsSecretRef != null) {
          spec.azure.credentialsSecretRef.name = Canonical.of(spec.azure.credentialsSecretRef.name);
        }
      }
      if (spec.baselineRef != null) {
        spec.baselineRef.name = Canonical.of(spec.baselineRef.name);
      }
    }
    HotpatchVMStatus s = vm.getStatus();
    if (s != null) {
      s.phase = Canonical.of(s.phase);
      s.osBuild = Canonical.of(s.osBuild);
      s.baseline = Canonical.of(s.baseline);
      s.nextRebootWindow = Canonical.of(s.nextRebootWindow);
      s.nextReboot = Canonical.of(s.nextReboot);
      s.nextRebootReason = Canonical.of(s.nextRebootReason);
      s.failedTransition = Canonical.of(s.failedTransition);
      activity(s.lastAssessment);
      activity(s.lastInstallation);
      if (s.pendingOperation != null) {
        var p = s.pendingOperation;
        p.kind = Canonical.of(p.kind);
        p.targetBaseline = Canonical.of(p.targetBaseline);
        p.baselineKey = Canonical.of(p.baselineKey);
        p.targetBuild = Canonical.of(p.targetBuild);
        p.kbs = Canonical.of(p.kbs);
      }
      if (s.conditions != null) {
        for (Condition c : s.conditions) {
          c.setType(Canonical.of(c.getType()));
          c.setStatus(Canonical.of(c.getStatus()));
          c.setReason(Canonical.of(c.getReason()));
          c.setMessage(Canonical.of(c.getMessage()));
          c.setLastTransitionTime(Canonical.of(c.getLastTransitionTime()));
        }
      }
    }
    return vm;
  }

  private static void activity(HotpatchVMStatus.PatchActivity a) {
    if (a != null) {
      a.status = Canonical.of(a.status);
      a.kind = Canonical.of(a.kind);
      a.startTime = Canonical.of(a.startTime);
      a.kbs = Canonical.of(a.kbs);
    }
  }
}
