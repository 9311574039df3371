package dev.hotpatch.operator.simulator;

import java.util.List;

/**
 * Compute's rules for Windows patch settings, with its error codes and (where known) its exact
 * wording. Throws {@link ArmResponse.Failure} with a 400 on the first broken rule.
 */
final class PatchSettingsValidator {
  static final String PS = "windowsConfiguration.patchSettings";
  private static final List<String> PATCH_MODES =
      List.of("Manual", "AutomaticByOS", "AutomaticByPlatform");
  private static final List<String> ASSESSMENT_MODES =
      List.of("ImageDefault", "AutomaticByPlatform");
  private static final List<String> REBOOT_SETTINGS =
      List.of("Unknown", "IfRequired", "Never", "Always");

  private PatchSettingsValidator() {}

  /** Rules that hold for any VM model (create or update). */
  static void validate(WindowsSettings s, boolean hotpatchImage, boolean patchSettingsSent) {
    oneOf(s.patchMode(), PATCH_MODES, PS + ".patchMode");
    oneOf(s.assessmentMode(), ASSESSMENT_MODES, PS + ".assessmentMode");
    oneOf(s.rebootSetting(), REBOOT_SETTINGS, PS + ".automaticByPlatformSettings.rebootSetting");
    if (s.hotpatching() && Boolean.TRUE.equals(s.bypassPlatformSafetyChecks())) {
      fail(
          "Hotpatch updates require platform safety checks. The 'BypassPlatformSafetyChecksOnUserSchedule'"
              + " flag must be set to false to enable hotpatching.",
          PS + ".automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule");
    }
    if (s.hotpatching() && (!s.is("AutomaticByPlatform") || !s.provisionVmAgent())) {
      fail(
          "For enableHotpatching, the 'provisionVMAgent' must be set to true and 'patchMode' must be"
              + " set to 'AutomaticByPlatform'.",
          PS + ".enableHotpatching");
    }
    if (s.is("AutomaticByPlatform") && !s.enableAutomaticUpdates()) {
      failMode("AutomaticByPlatform", "enableAutomaticUpdates", "true");
    }
    if (s.is("AutomaticByPlatform") && !s.provisionVmAgent()) {
      failMode("AutomaticByPlatform", "provisionVMAgent", "true");
    }
    if (s.is("AutomaticByOS") && !s.enableAutomaticUpdates()) {
      failMode("AutomaticByOS", "enableAutomaticUpdates", "true");
    }
    if (s.is("Manual") && s.enableAutomaticUpdates()) {
      failMode("Manual", "enableAutomaticUpdates", "false");
    }
    if ("AutomaticByPlatform".equalsIgnoreCase(s.assessmentMode()) && !s.provisionVmAgent()) {
      fail(
          "The assessmentMode 'AutomaticByPlatform' is invalid. For assessmentMode"
              + " 'AutomaticByPlatform', the property 'provisionVMAgent' must be set to true.",
          PS + ".assessmentMode");
    }
    if (hotpatchImage && patchSettingsSent && s.enableHotpatching() == null) {
      fail("PatchSettings must be specified for hotpatch compatible VMs.", PS);
    }
    if (!hotpatchImage && s.hotpatching()) {
      // Simulator wording: Azure refuses hotpatching on images that do not support it.
      fail(
          "Hotpatching is not supported for the image of this virtual machine. Hotpatch requires a"
              + " Windows Server Azure Edition hotpatch-compatible image.",
          PS + ".enableHotpatching");
    }
  }

  /** An update may not change properties Azure fixes at creation. */
  static void validateChange(WindowsSettings before, WindowsSettings after) {
    if (before.enableAutomaticUpdates() != after.enableAutomaticUpdates()) {
      throw new ArmResponse.Failure(
          ArmResponse.error(
              400,
              "PropertyChangeNotAllowed",
              "Changing property 'windowsConfiguration.enableAutomaticUpdates' is not allowed.",
              "windowsConfiguration.enableAutomaticUpdates"));
    }
    if (before.provisionVmAgent() != after.provisionVmAgent()) {
      throw new ArmResponse.Failure(
          ArmResponse.error(
              400,
              "PropertyChangeNotAllowed",
              "Changing property 'windowsConfiguration.provisionVMAgent' is not allowed.",
              "windowsConfiguration.provisionVMAgent"));
    }
  }

  private static void failMode(String mode, String property, String value) {
    fail(
        "The patchMode '"
            + mode
            + "' is invalid. For patchMode '"
            + mode
            + "', the property '"
            + property
            + "' must be set to "
            + value
            + ".",
        PS + ".patchMode");
  }

  private static void oneOf(String value, List<String> allowed, String target) {
    if (value != null && allowed.stream().noneMatch(a -> a.equalsIgnoreCase(value))) {
      fail(
          "The value '"
              + value
              + "' of parameter '"
              + target
              + "' is not valid. Allowed values are "
              + String.join(", ", allowed)
              + ".",
          target);
    }
  }

  static void fail(String message, String target) {
    throw new ArmResponse.Failure(ArmResponse.invalidParameter(message, target));
  }
}
