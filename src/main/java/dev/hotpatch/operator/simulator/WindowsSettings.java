package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/** osProfile.windowsConfiguration fields the simulator models, merged ARM-PATCH style. */
record WindowsSettings(
    boolean provisionVmAgent,
    boolean enableAutomaticUpdates,
    String patchMode,
    Boolean enableHotpatching,
    String assessmentMode,
    String rebootSetting,
    Boolean bypassPlatformSafetyChecks) {

  static WindowsSettings of(SimulatedVm vm) {
    return new WindowsSettings(
        vm.provisionVmAgent,
        vm.enableAutomaticUpdates,
        vm.patchMode,
        vm.enableHotpatching,
        vm.assessmentMode,
        vm.rebootSetting,
        vm.bypassPlatformSafetyChecks);
  }

  /** These settings with the fields present in a {@code windowsConfiguration} object overlaid. */
  WindowsSettings merge(JsonNode win) {
    if (win == null || !win.isObject()) {
      return this;
    }
    JsonNode ps = win.path("patchSettings");
    JsonNode abp = ps.path("automaticByPlatformSettings");
    return new WindowsSettings(
        bool(win, "provisionVMAgent", provisionVmAgent),
        bool(win, "enableAutomaticUpdates", enableAutomaticUpdates),
        text(ps, "patchMode", patchMode),
        boolObj(ps, "enableHotpatching", enableHotpatching),
        text(ps, "assessmentMode", assessmentMode),
        text(abp, "rebootSetting", rebootSetting),
        boolObj(abp, "bypassPlatformSafetyChecksOnUserSchedule", bypassPlatformSafetyChecks));
  }

  void applyTo(SimulatedVm vm) {
    vm.provisionVmAgent = provisionVmAgent;
    vm.enableAutomaticUpdates = enableAutomaticUpdates;
    vm.patchMode = patchMode;
    vm.enableHotpatching = enableHotpatching;
    vm.assessmentMode = assessmentMode;
    vm.rebootSetting = rebootSetting;
    vm.bypassPlatformSafetyChecks = bypassPlatformSafetyChecks;
  }

  boolean hotpatching() {
    return Boolean.TRUE.equals(enableHotpatching);
  }

  boolean is(String mode) {
    return mode.equalsIgnoreCase(patchMode);
  }

  private static boolean bool(JsonNode node, String field, boolean current) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? current : v.asBoolean();
  }

  private static Boolean boolObj(JsonNode node, String field, Boolean current) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? current : Boolean.valueOf(v.asBoolean());
  }

  private static String text(JsonNode node, String field, String current) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? current : v.asText();
  }
}
