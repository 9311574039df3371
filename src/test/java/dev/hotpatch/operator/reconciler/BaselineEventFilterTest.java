package dev.hotpatch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.PatchBaselineStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which changes of a PatchBaseline reconcile its HotpatchVMs: a person's (a new generation, a
 * deletion), not the operator's own status writes, which came once per member change and made
 * onboarding N² (2.05 million reconciles for 3,000 VMs).
 */
class BaselineEventFilterTest {
  @ParameterizedTest(name = "generation {0}->{1}, deleting {2}->{3}, status changed {4}: {5}")
  @CsvSource({
    "1, 1, false, false, true, false", // the counts were written
    "1, 1, false, false, false, false", // a resync, nothing changed
    "1, 2, false, false, false, true", // spec changed: maxUnavailable, pause, a new KB
    "1, 2, false, false, true, true",
    "1, 1, false, true, false, true", // deletion started
    "3, 3, true, true, true, false"
  })
  void onlySpecAndLifecycleChangesReconcileTheVms(
      long genBefore,
      long genNow,
      boolean deletingBefore,
      boolean deletingNow,
      boolean statusChanged,
      boolean reconciles) {
    PatchBaseline before = baseline(genBefore, deletingBefore, 1);
    PatchBaseline now = baseline(genNow, deletingNow, statusChanged ? 2 : 1);
    assertThat(HotpatchVMReconciler.specOrLifecycleChanged(now, before)).isEqualTo(reconciles);
  }

  private static PatchBaseline baseline(long generation, boolean deleting, int converged) {
    PatchBaseline b = new PatchBaseline();
    b.setMetadata(
        new ObjectMetaBuilder()
            .withName("ws2022")
            .withNamespace("ns")
            .withGeneration(generation)
            .withDeletionTimestamp(deleting ? "2026-03-02T10:00:00Z" : null)
            .build());
    PatchBaselineStatus status = new PatchBaselineStatus();
    status.converged = converged;
    b.setStatus(status);
    return b;
  }
}
