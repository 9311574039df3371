package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVMStatus.PendingOperation;
import dev.hotpatch.operator.azure.InstallRequest;
import dev.hotpatch.operator.azure.OperationHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Installs approved hotpatches with rebootSetting Never and excludeKbsRequiringReboot: never
 * reboots.
 */
final class HotpatchInstallStep {
  static final String KIND = "InstallHotpatches";

  private final OperatorSettings settings;
  private final IntentRecorder intent;

  HotpatchInstallStep(OperatorSettings settings, IntentRecorder intent) {
    this.settings = settings;
    this.intent = intent;
  }

  /**
   * An install of the same KBs that just ended without raising the build is not repeated before
   * resync.
   */
  boolean recentlyTried(VmWork w, List<String> kbs) {
    var last = w.status.lastInstallation;
    if (last == null
        || !KIND.equals(last.kind)
        || !Objects.equals(last.kbs, kbs)
        || last.startTime == null) {
      return false;
    }
    return Instant.parse(last.startTime).plus(settings.resyncInterval()).isAfter(w.now);
  }

  Duration start(VmWork w, List<String> kbs) {
    PendingOperation op = new PendingOperation();
    op.kind = KIND;
    op.started = w.now.toString();
    op.kbs = List.copyOf(kbs);
    intent.record(w, op);
    OperationHandle handle =
        intent.call(
            () ->
                w.gateway.beginInstallPatches(
                    w.ref,
                    InstallRequest.hotpatchesOnly(kbs, settings.installMaxDuration().toString())));
    op.operationUrl = handle.operationUrl();
    op.resultUrl = handle.resultUrl();
    w.status.phase = Phases.INSTALLING;
    String message = "installing hotpatches " + String.join(", ", kbs) + " without reboot";
    w.condition(Conditions.BASELINE_CONVERGED, false, "InstallingHotpatches", message);
    w.condition(Conditions.READY, false, "InstallingHotpatches", message);
    return settings.pollInterval();
  }
}
