package dev.hotpatch.operator.policy;

import dev.hotpatch.operator.azure.VmSnapshot.PatchSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether a VM's patch settings make it Azure-orchestrated with Hotpatch, and the settings to PATCH
 * when not. The operator owns reboot timing, so the platform's rebootSetting must be Never.
 */
public final class OrchestrationPolicy {
  public static final String AUTOMATIC_BY_PLATFORM = "AutomaticByPlatform";
  public static final String REBOOT_NEVER = "Never";

  /** What to send: agent and automatic updates cannot change after creation, so they stay true. */
  public static final PatchSettings DESIRED =
      new PatchSettings(
          true, true, AUTOMATIC_BY_PLATFORM, true, AUTOMATIC_BY_PLATFORM, REBOOT_NEVER, false);

  public enum Outcome {
    ALREADY_ORCHESTRATED,
    NEEDS_UPDATE,
    CANNOT
  }

  /** Condition reasons. */
  public static final String REASON_ORCHESTRATED = "Orchestrated";

  public static final String REASON_NEEDS_UPDATE = "PatchSettingsDiffer";
  public static final String REASON_AUTOMATIC_UPDATES_DISABLED = "AutomaticUpdatesDisabled";
  public static final String REASON_VM_AGENT_NOT_PROVISIONED = "VmAgentNotProvisioned";

  /**
   * desired is set for NEEDS_UPDATE (and ALREADY_ORCHESTRATED); differences names each field that
   * differs, as "field: current -> desired".
   */
  public record Decision(
      Outcome outcome,
      String reason,
      String message,
      PatchSettings desired,
      List<String> differences) {}

  private OrchestrationPolicy() {}

  /**
   * Checks creation-only settings first (automatic updates, then the agent): no PATCH can fix them.
   */
  public static Decision decide(PatchSettings current) {
    PatchSettings s =
        current == null ? new PatchSettings(null, null, null, null, null, null, null) : current;
    if (Boolean.FALSE.equals(s.enableAutomaticUpdates())) {
      return cannot(
          REASON_AUTOMATIC_UPDATES_DISABLED,
          "VM was created without automatic updates; Azure only sets enableAutomaticUpdates at creation,"
              + " so it cannot be Azure-orchestrated: recreate it");
    }
    if (Boolean.FALSE.equals(s.provisionVmAgent())) {
      return cannot(
          REASON_VM_AGENT_NOT_PROVISIONED,
          "VM was created without the VM agent; Azure only sets provisionVMAgent at creation,"
              + " so it cannot be Azure-orchestrated: recreate it");
    }
    List<String> diffs = new ArrayList<>();
    differ(diffs, "patchMode", s.patchMode(), AUTOMATIC_BY_PLATFORM);
    differ(diffs, "enableHotpatching", s.enableHotpatching(), true);
    differ(diffs, "assessmentMode", s.assessmentMode(), AUTOMATIC_BY_PLATFORM);
    differ(diffs, "automaticByPlatformSettings.rebootSetting", s.rebootSetting(), REBOOT_NEVER);
    // Unset bypass means false; only an explicit true must go (Azure rejects hotpatching with it).
    if (Boolean.TRUE.equals(s.bypassPlatformSafetyChecksOnUserSchedule())) {
      diffs.add(
          "automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule: true -> false");
    }
    if (diffs.isEmpty()) {
      return new Decision(
          Outcome.ALREADY_ORCHESTRATED,
          REASON_ORCHESTRATED,
          "patch mode AutomaticByPlatform with hotpatching on; operator-owned reboots",
          DESIRED,
          List.of());
    }
    return new Decision(
        Outcome.NEEDS_UPDATE,
        REASON_NEEDS_UPDATE,
        "patch settings to change: " + String.join(", ", diffs),
        DESIRED,
        List.copyOf(diffs));
  }

  private static Decision cannot(String reason, String message) {
    return new Decision(Outcome.CANNOT, reason, message, null, List.of());
  }

  // ARM echoes enum values in its own casing; compare loosely so casing alone never triggers a
  // write.
  private static void differ(List<String> diffs, String field, Object current, Object desired) {
    boolean same =
        current instanceof String c && desired instanceof String d
            ? c.equalsIgnoreCase(d)
            : Objects.equals(current, desired);
    if (!same) {
      diffs.add(field + ": " + current + " -> " + desired);
    }
  }
}
