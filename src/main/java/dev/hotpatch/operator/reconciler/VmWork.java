package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMStatus;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.azure.AzureGateway;
import dev.hotpatch.operator.azure.VmRef;
import dev.hotpatch.operator.azure.VmSnapshot;
import dev.hotpatch.operator.fleet.FleetView;
import dev.hotpatch.operator.policy.RebootForecast;
import java.time.Instant;

/** What one reconcile of a HotpatchVM knows and is about to write. Steps fill it in order. */
public final class VmWork {
  HotpatchVM resource;
  final HotpatchVMStatus status;
  final Instant now;
  final Conditions conditions;
  VmRef ref;
  PatchBaseline baseline;
  AzureGateway gateway;
  FleetView view;
  VmSnapshot vm;

  /** Nothing to say yet: this reconcile writes no status (a new VM while its view loads). */
  boolean nothingToSay;

  /** The gate said yes, Azure's quota holds the start back: the slot stays though nothing runs. */
  boolean keepsSlotForQuota;

  /** Hands each status this reconcile lands to JOSDK's cache, so the next one starts from it. */
  final StatusWriter.Written written;

  VmWork(HotpatchVM resource, Instant now, Conditions conditions) {
    this(resource, now, conditions, StatusWriter.Written.NONE);
  }

  VmWork(HotpatchVM resource, Instant now, Conditions conditions, StatusWriter.Written written) {
    this.written = written;
    this.resource = resource;
    this.status = StatusWriter.copyOf(resource.getStatus());
    this.now = now;
    this.conditions = conditions;
  }

  /** namespace/name: names repeat across namespaces, so this is how slots and failures count. */
  String key() {
    return VmKeys.of(resource);
  }

  Long generation() {
    return resource.getMetadata().getGeneration();
  }

  void condition(String type, boolean value, String reason, String message) {
    conditions.set(status.conditions, generation(), type, value, reason, message);
  }

  /** Ready=False with this reason, and the phase to show. */
  void notReady(String phase, String reason, String message) {
    status.phase = phase;
    condition(Conditions.READY, false, reason, message);
  }

  /**
   * What every status written says besides the steps' findings: the generation it was computed
   * from, and, when the reconcile stopped before forecasting a reboot (not ready: ineligible,
   * blocked, orchestrating...), why none is forecast.
   */
  void completeForWrite() {
    if (status.nextReboot == null && status.nextRebootReason == null) {
      Conditions.find(status.conditions, Conditions.READY)
          .filter(c -> !"True".equals(c.getStatus()))
          .ifPresent(
              c ->
                  status.nextRebootReason =
                      RebootForecast.noneWhileNotReady(c.getReason(), c.getMessage()));
    }
    status.observedGeneration = generation();
  }
}
