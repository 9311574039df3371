package dev.hotpatch.operator.policy;

import dev.hotpatch.operator.api.PatchBaselineSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A declared baseline in parsed form: its KB and build, and the hotpatches approved on it. */
public record BaselineTarget(String kb, OsBuild build, List<ApprovedHotpatch> hotpatches) {
  public record ApprovedHotpatch(String kb, OsBuild build) {}

  public BaselineTarget {
    Objects.requireNonNull(kb, "kb");
    Objects.requireNonNull(build, "build");
    // Build order, so installs and status list them oldest first.
    hotpatches = hotpatches.stream().sorted(Comparator.comparing(ApprovedHotpatch::build)).toList();
  }

  /** From a spec that {@link SpecValidator} accepted; throws IllegalArgumentException otherwise. */
  public static BaselineTarget from(PatchBaselineSpec spec) {
    List<ApprovedHotpatch> hotpatches =
        spec.hotpatches == null
            ? List.of()
            : spec.hotpatches.stream()
                .map(h -> new ApprovedHotpatch(h.kb, OsBuild.parse(h.build)))
                .toList();
    return new BaselineTarget(spec.kb, OsBuild.parse(spec.build), hotpatches);
  }

  /** The newest build this baseline approves: its last hotpatch, or the baseline itself. */
  public OsBuild latestApproved() {
    return hotpatches.isEmpty() ? build : hotpatches.get(hotpatches.size() - 1).build();
  }
}
