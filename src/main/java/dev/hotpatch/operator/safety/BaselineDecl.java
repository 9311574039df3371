package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.api.PatchBaselineSpec;
import dev.hotpatch.operator.api.Rollout;
import dev.hotpatch.operator.api.Rollout.MaintenanceWindow;
import dev.hotpatch.operator.policy.MaintenanceSchedule;
import dev.hotpatch.operator.policy.OsBuild;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.Optional;

/** What a PatchBaseline declared at one moment: the part of its spec the promise depends on. */
public record BaselineDecl(
    String kb,
    String build,
    List<MaintenanceWindow> windows,
    IntOrString maxUnavailable,
    boolean paused,
    int failureBudget) {

  public BaselineDecl {
    windows = windows == null ? List.of() : List.copyOf(windows);
  }

  public static BaselineDecl of(PatchBaselineSpec spec) {
    Rollout r = spec.rollout == null ? new Rollout() : spec.rollout;
    return new BaselineDecl(
        spec.kb,
        spec.build,
        r.maintenanceWindows,
        r.maxUnavailable,
        r.paused,
        r.failureBudget == null ? 1 : r.failureBudget);
  }

  public Optional<OsBuild> osBuild() {
    return build == null ? Optional.empty() : OsBuild.tryParse(build);
  }

  /** The windows as the operator reads them; an invalid list never opens. */
  public MaintenanceSchedule schedule() {
    try {
      return MaintenanceSchedule.of(windows);
    } catch (IllegalArgumentException e) {
      return MaintenanceSchedule.never();
    }
  }
}
