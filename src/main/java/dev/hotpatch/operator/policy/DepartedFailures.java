package dev.hotpatch.operator.policy;

import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.PatchBaselineStatus;
import dev.hotpatch.operator.api.PatchBaselineStatus.DepartedFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Failed transitions that outlived their HotpatchVM, kept on the PatchBaseline's status. A failed
 * VM's status was the only record of its failure: once the HotpatchVM was deleted the failure
 * budget counted nothing and reopened the rollout. A record counts while the baseline declares the
 * KB it was onto, and goes when the KB changes (a new baseline starts with a fresh budget).
 */
public final class DepartedFailures {
  private DepartedFailures() {}

  /** The records that still count: those onto the baseline's KB now. */
  public static List<DepartedFailure> current(PatchBaseline baseline, PatchBaselineStatus status) {
    if (status == null || status.departedFailures == null || baseline.getSpec() == null) {
      return List.of();
    }
    String kb = baseline.getSpec().kb;
    return status.departedFailures.stream()
        .filter(f -> f != null && f.hotpatchVM != null && kb != null && kb.equals(f.kb))
        .toList();
  }

  /**
   * namespace/name of the departed HotpatchVMs, the key the gate counts failures by: a VM that
   * failed and was deleted in this pod's life is counted once, not once here and once in memory.
   */
  public static Set<String> keys(PatchBaseline baseline) {
    String ns = baseline.getMetadata().getNamespace();
    return current(baseline, baseline.getStatus()).stream()
        .map(f -> ns + "/" + f.hotpatchVM)
        .collect(Collectors.toSet());
  }

  /**
   * {@code status} (a copy of the baseline's, changed in place) with this failure recorded, or null
   * when there is nothing to write: it is recorded already, or it is onto a KB the baseline no
   * longer declares.
   */
  public static PatchBaselineStatus withFailure(
      PatchBaseline baseline, PatchBaselineStatus status, DepartedFailure failure) {
    if (baseline.getSpec() == null || !failure.kb.equals(baseline.getSpec().kb)) {
      return null;
    }
    boolean known =
        current(baseline, status).stream().anyMatch(f -> f.hotpatchVM.equals(failure.hotpatchVM));
    if (known) {
      return null;
    }
    List<DepartedFailure> all = new ArrayList<>(current(baseline, status));
    all.add(failure);
    status.departedFailures = all;
    return status;
  }
}
