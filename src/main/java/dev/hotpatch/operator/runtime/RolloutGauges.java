package dev.hotpatch.operator.runtime;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.Rollout;
import dev.hotpatch.operator.policy.DepartedFailures;
import dev.hotpatch.operator.policy.OsBuild;
import dev.hotpatch.operator.policy.RolloutBudget;
import dev.hotpatch.operator.policy.RolloutDefaults;
import dev.hotpatch.operator.policy.SpecValidator;
import dev.hotpatch.operator.reconciler.GateKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Each PatchBaseline's rollout as the reboot gate sees it, counted from the informer caches in one
 * pass over the HotpatchVMs: transitions holding a slot, the slots maxUnavailable allows (resolved
 * as the gate resolves it, a percentage of the VMs counted on the baseline), the failure budget
 * left, and the VMs that still need their reboot-capable transition. A baseline whose spec is
 * invalid has no rows: the operator touches none of its VMs.
 */
final class RolloutGauges {
  private final MultiGauge inFlight;
  private final MultiGauge maxUnavailable;
  private final MultiGauge budgetLeft;
  private final MultiGauge rebootsPending;

  RolloutGauges(MeterRegistry registry) {
    inFlight =
        MultiGauge.builder(OperatorMetrics.TRANSITIONS_IN_FLIGHT)
            .description("Transitions holding one of the PatchBaseline's rollout slots")
            .register(registry);
    maxUnavailable =
        MultiGauge.builder(OperatorMetrics.MAX_UNAVAILABLE)
            .description("Rollout slots the PatchBaseline's maxUnavailable allows, as resolved now")
            .register(registry);
    budgetLeft =
        MultiGauge.builder(OperatorMetrics.BUDGET_LEFT)
            .description("Failed transitions the PatchBaseline's failure budget still allows")
            .register(registry);
    rebootsPending =
        MultiGauge.builder(OperatorMetrics.REBOOTS_PENDING)
            .description(
                "HotpatchVMs older than their PatchBaseline that still need a reboot-capable"
                    + " transition onto it (none in flight, none failed)")
            .register(registry);
  }

  /** One baseline's counts; keys are namespace/name as the gate's indexes have them. */
  private static final class Tally {
    final PatchBaseline baseline;
    final Optional<OsBuild> build;
    int targeted;
    int inFlight;

    /** Failed VMs by namespace/name: members and departed ones, each once, as the gate counts. */
    final java.util.Set<String> failed = new java.util.HashSet<>();

    int pending;

    Tally(PatchBaseline baseline) {
      this.baseline = baseline;
      this.build = OsBuild.tryParse(baseline.getSpec().build);
    }
  }

  void refresh(List<HotpatchVM> vms, List<PatchBaseline> baselines) {
    Map<String, Tally> tallies = new HashMap<>();
    Map<String, Tally> byFailure = new HashMap<>();
    for (PatchBaseline b : baselines) {
      if (b.getSpec() == null || !SpecValidator.validate(b.getSpec()).isEmpty()) {
        continue;
      }
      String key = b.getMetadata().getNamespace() + "/" + b.getMetadata().getName();
      Tally t = new Tally(b);
      t.failed.addAll(DepartedFailures.keys(b));
      tallies.put(key, t);
      byFailure.put(GateKeys.failure(key, b.getSpec().kb), t);
    }
    for (HotpatchVM vm : vms) {
      count(vm, tallies, byFailure);
    }
    List<MultiGauge.Row<?>> inFlightRows = new ArrayList<>();
    List<MultiGauge.Row<?>> maxRows = new ArrayList<>();
    List<MultiGauge.Row<?>> budgetRows = new ArrayList<>();
    List<MultiGauge.Row<?>> pendingRows = new ArrayList<>();
    for (Tally t : new TreeMap<>(tallies).values()) {
      Tags tags =
          Tags.of(
              ResourceGauges.NAMESPACE_LABEL,
              t.baseline.getMetadata().getNamespace(),
              "baseline",
              t.baseline.getMetadata().getName());
      Rollout rollout =
          t.baseline.getSpec().rollout == null ? new Rollout() : t.baseline.getSpec().rollout;
      inFlightRows.add(MultiGauge.Row.of(tags, t.inFlight));
      // As ConvergenceStep asks the gate: a percentage of the VMs counted on the baseline, one
      // at least.
      maxRows.add(
          MultiGauge.Row.of(
              tags, RolloutBudget.maxUnavailable(rollout.maxUnavailable, Math.max(1, t.targeted))));
      budgetRows.add(
          MultiGauge.Row.of(
              tags, Math.max(0, RolloutDefaults.failureBudget(rollout) - t.failed.size())));
      pendingRows.add(MultiGauge.Row.of(tags, t.pending));
    }
    inFlight.register(inFlightRows, true);
    maxUnavailable.register(maxRows, true);
    budgetLeft.register(budgetRows, true);
    rebootsPending.register(pendingRows, true);
  }

  private static void count(
      HotpatchVM vm, Map<String, Tally> tallies, Map<String, Tally> byFailure) {
    for (String key : GateKeys.memberOf(vm)) {
      Tally t = tallies.get(key);
      if (t != null) {
        t.targeted++;
      }
    }
    List<String> slots = GateKeys.slotOn(vm);
    for (String key : slots) {
      Tally t = tallies.get(key);
      if (t != null) {
        t.inFlight++;
      }
    }
    boolean failedHere = false;
    Tally spec = tallies.get(GateKeys.specBaseline(vm));
    for (String key : GateKeys.failedOn(vm)) {
      Tally t = byFailure.get(key);
      if (t != null) {
        t.failed.add(vm.getMetadata().getNamespace() + "/" + vm.getMetadata().getName());
        failedHere |= t == spec;
      }
    }
    if (spec != null && slots.isEmpty() && !failedHere && isBehind(vm, spec)) {
      spec.pending++;
    }
  }

  /** Older than the baseline's build, on the same OS, as last observed (status.osBuild). */
  private static boolean isBehind(HotpatchVM vm, Tally spec) {
    if (vm.getStatus() == null || spec.build.isEmpty()) {
      return false;
    }
    Optional<OsBuild> current = OsBuild.tryParse(vm.getStatus().osBuild);
    return current.isPresent()
        && current.get().sameFamilyAs(spec.build.get())
        && current.get().isOlderThan(spec.build.get());
  }
}
