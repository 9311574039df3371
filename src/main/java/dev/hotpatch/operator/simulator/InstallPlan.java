package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an installPatches call will do on one VM, decided when it starts: each missing release with
 * its installation state (Pending = selected, NotSelected, Excluded). Also validates the request.
 */
record InstallPlan(String rebootSetting, List<Line> lines) {
  private static final Pattern KB = Pattern.compile("^KB\\d+$", Pattern.CASE_INSENSITIVE);
  private static final List<String> REBOOT_SETTINGS = List.of("IfRequired", "Never", "Always");

  record Line(Release release, String state) {
    boolean selected() {
      return "Pending".equals(state);
    }
  }

  Optional<Release> selectedBaseline() {
    return lines.stream()
        .filter(l -> l.selected() && l.release().isBaseline())
        .map(Line::release)
        .findFirst();
  }

  List<Release> selectedHotpatches() {
    return lines.stream()
        .filter(l -> l.selected() && !l.release().isBaseline())
        .map(Line::release)
        .toList();
  }

  /**
   * Validates VirtualMachineInstallPatchesParameters the way Compute does (400 InvalidParameter).
   */
  static void validate(JsonNode params) {
    JsonNode reboot = params.get("rebootSetting");
    if (reboot == null || reboot.isNull() || reboot.asText().isBlank()) {
      PatchSettingsValidator.fail(
          "Required parameter 'rebootSetting' is missing (null).", "rebootSetting");
    }
    if (REBOOT_SETTINGS.stream().noneMatch(r -> r.equalsIgnoreCase(reboot.asText()))) {
      PatchSettingsValidator.fail(
          "The value '"
              + reboot.asText()
              + "' of parameter 'rebootSetting' is"
              + " not valid. Allowed values are IfRequired, Never, Always.",
          "rebootSetting");
    }
    JsonNode win = params.path("windowsParameters");
    for (String field : List.of("kbNumbersToInclude", "kbNumbersToExclude")) {
      for (JsonNode kb : win.path(field)) {
        if (!KB.matcher(kb.asText()).matches()) {
          PatchSettingsValidator.fail(
              "The entry in '"
                  + field
                  + "' with value '"
                  + kb.asText()
                  + "' is not valid. It must be a KBID such as KB4512508.",
              "windowsParameters." + field);
        }
      }
    }
  }

  /** The plan for {@code vm} on {@code today}, given the request (already validated). */
  static InstallPlan plan(
      SimulatedVm vm, JsonNode params, ReleaseCatalog catalog, LocalDate today) {
    JsonNode win = params.path("windowsParameters");
    List<String> include = kbs(win.path("kbNumbersToInclude"));
    List<String> exclude = kbs(win.path("kbNumbersToExclude"));
    boolean noRebootKbs = win.path("excludeKbsRequiringReboot").asBoolean(false);
    LocalDate maxDate =
        win.hasNonNull("maxPatchPublishDate")
            ? OffsetDateTime.parse(win.get("maxPatchPublishDate").asText()).toLocalDate()
            : null;
    List<String> classes = new ArrayList<>();
    win.path("classificationsToInclude")
        .forEach(c -> classes.add(c.asText().toLowerCase(Locale.ROOT)));
    boolean securityWanted =
        classes.isEmpty() || classes.contains("security") || classes.contains("critical");

    String currentBaseline = catalog.baselineOf(vm.osBuild).map(Release::kb).orElse(null);
    List<Release> missing = missing(vm, catalog, today);
    Release newestBaseline =
        missing.stream().filter(Release::isBaseline).reduce((a, b) -> b).orElse(null);
    List<Line> lines = new ArrayList<>();
    for (Release r : missing) {
      if (r.isBaseline() && r != newestBaseline) {
        continue; // superseded by the newer cumulative update
      }
      String state = "Pending";
      if (!r.isBaseline()
          && (currentBaseline == null || !currentBaseline.equalsIgnoreCase(r.baselineKb()))) {
        state = "NotSelected"; // a hotpatch installs only on its own baseline
      } else if (exclude.contains(r.kb())) {
        state = "Excluded";
      } else if (r.isBaseline() && noRebootKbs) {
        state = "Excluded";
      } else if (!include.isEmpty() && !include.contains(r.kb())) {
        state = "NotSelected";
      } else if (maxDate != null && r.released().isAfter(maxDate)) {
        state = "NotSelected";
      } else if (!securityWanted) {
        state = "NotSelected";
      }
      lines.add(new Line(r, state));
    }
    boolean baselineSelected =
        lines.stream().anyMatch(l -> l.selected() && l.release().isBaseline());
    if (baselineSelected) { // the new cumulative update supersedes the old baseline's hotpatches
      lines.removeIf(
          l ->
              !l.release().isBaseline()
                  && currentBaseline != null
                  && currentBaseline.equalsIgnoreCase(l.release().baselineKb()));
    }
    String reboot =
        REBOOT_SETTINGS.stream()
            .filter(s -> s.equalsIgnoreCase(params.get("rebootSetting").asText()))
            .findFirst()
            .orElseThrow();
    return new InstallPlan(reboot, List.copyOf(lines));
  }

  /**
   * Releases for the VM's OS released by {@code today} that it lacks: not installed, build above
   * its own and above a baseline installed but waiting for its reboot (which supersedes older
   * ones).
   */
  static List<Release> missing(SimulatedVm vm, ReleaseCatalog catalog, LocalDate today) {
    String floor =
        vm.pendingBaselineBuild != null && OsBuilds.compare(vm.pendingBaselineBuild, vm.osBuild) > 0
            ? vm.pendingBaselineBuild
            : vm.osBuild;
    return catalog.releasedBy(OsBuilds.osOf(vm.osBuild), today).stream()
        .filter(r -> !vm.installedKbs.contains(r.kb()) && OsBuilds.compare(r.build(), floor) > 0)
        .toList();
  }

  static List<String> kbs(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(kb -> out.add(kb.asText().toUpperCase(Locale.ROOT)));
    return out;
  }
}
