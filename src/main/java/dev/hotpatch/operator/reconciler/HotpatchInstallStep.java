package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVMStatus.PendingOperation;
import dev.hotpatch.operator.azure.AzureException;
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
  private final InstallStartPacer pacer;

  HotpatchInstallStep(OperatorSettings settings, IntentRecorder intent, InstallStartPacer pacer) {
    this.settings = settings;
    this.intent = intent;
    this.pacer = pacer;
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
    String what = "hotpatches " + String.join(", ", kbs);
    // A month's hotpatches reach every VM at once: thousands of installPatches calls, under the
    // same guest patch quota as transitions.
    Instant now = settings.clock().instant();
    var turn = pacer.tryStart(w.ref.subscriptionId(), w.key(), now);
    if (turn.isPresent()) {
      return InstallStartPacer.sayWaiting(
          w,
          Phases.INSTALLING,
          turn.get(),
          "Azure allows "
              + InstallStartPacer.AZURE_STARTS_PER_MINUTE
              + " installPatches a minute per subscription; "
              + what
              + " install at "
              + turn.get(),
          now);
    }
    PendingOperation op = new PendingOperation();
    op.kind = KIND;
    op.started = w.now.toString();
    op.kbs = List.copyOf(kbs);
    intent.record(w, op);
    OperationHandle handle;
    try {
      handle =
          intent.call(
              () ->
                  w.gateway.beginInstallPatches(
                      w.ref,
                      InstallRequest.hotpatchesOnly(
                          kbs, settings.installMaxDuration().toString())));
    } catch (AzureException e) {
      if (e.httpStatus() != 429) {
        throw e;
      }
      w.status.pendingOperation = null; // refused: nothing started
      Instant at = settings.clock().instant();
      pacer.throttled(w.ref.subscriptionId(), at, e.retryAfter());
      Instant again =
          pacer
              .tryStart(w.ref.subscriptionId(), w.key(), at)
              .orElse(at.plus(InstallStartPacer.MIN_HOLD));
      return InstallStartPacer.sayWaiting(
          w,
          Phases.INSTALLING,
          again,
          "Azure throttled the install of "
              + what
              + " ("
              + e.code()
              + ": "
              + e.getMessage()
              + "); it goes at "
              + again,
          at);
    }
    op.operationUrl = handle.operationUrl();
    op.resultUrl = handle.resultUrl();
    w.status.phase = Phases.INSTALLING;
    String message = "installing hotpatches " + String.join(", ", kbs) + " without reboot";
    w.condition(Conditions.BASELINE_CONVERGED, false, "InstallingHotpatches", message);
    w.condition(Conditions.READY, false, "InstallingHotpatches", message);
    return settings.pollInterval();
  }
}
