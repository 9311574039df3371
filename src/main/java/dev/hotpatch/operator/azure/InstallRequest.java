package dev.hotpatch.operator.azure;

import java.util.List;

/**
 * An installPatches request. Built only by the reboot gate's decision for reboot-capable settings;
 * every other path uses {@link #hotpatchesOnly}.
 */
public record InstallRequest(
    RebootSetting rebootSetting,
    String maximumDuration,
    List<String> kbNumbersToInclude,
    boolean excludeKbsRequiringReboot) {

  public enum RebootSetting {
    Never,
    IfRequired,
    Always
  }

  public static InstallRequest hotpatchesOnly(List<String> kbs, String maximumDuration) {
    return new InstallRequest(RebootSetting.Never, maximumDuration, List.copyOf(kbs), true);
  }
}
