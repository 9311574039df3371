package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.policy.DepartedFailures;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The HotpatchVMs that reference one PatchBaseline, counted the way the rollout budget needs. */
public record BaselineMembers(PatchBaseline baseline, List<HotpatchVM> vms) implements GateCounts {

  @Override
  public int targeted() {
    return vms.size();
  }

  /**
   * VMs holding this baseline's rollout slot (a transition in flight, intended, or refused while
   * another operation ran), by namespace/name.
   */
  @Override
  public Set<String> transitioning() {
    String key = baseline.getMetadata().getNamespace() + "/" + baseline.getMetadata().getName();
    return vms.stream()
        .filter(vm -> holdsSlotOn(vm, key))
        .map(VmKeys::of)
        .collect(Collectors.toSet());
  }

  /** Failed or overrun transitions onto this baseline's KB. */
  public int failed() {
    return failedVms().size();
  }

  /** Members whose transition failed, and failed VMs whose HotpatchVM is gone since. */
  @Override
  public Set<String> failedVms() {
    String kb = baseline.getSpec().kb;
    Set<String> failed =
        vms.stream()
            .filter(vm -> vm.getStatus() != null && kb.equals(vm.getStatus().failedTransition))
            .map(VmKeys::of)
            .collect(Collectors.toCollection(java.util.HashSet::new));
    failed.addAll(DepartedFailures.keys(baseline));
    return failed;
  }

  public int converged() {
    return (int)
        vms.stream()
            .filter(
                vm ->
                    vm.getStatus() != null
                        && Conditions.isTrue(
                            vm.getStatus().conditions, Conditions.BASELINE_CONVERGED))
            .count();
  }

  /** The slot is on the baseline recorded with the transition, even if the spec moved since. */
  static boolean holdsSlotOn(HotpatchVM vm, String baselineKey) {
    if (!isTransitioning(vm)) {
      return false;
    }
    String held = vm.getStatus().pendingOperation.baselineKey;
    return held == null ? baselineKey.equals(slotBaselineOf(vm)) : baselineKey.equals(held);
  }

  /** namespace/name of the baseline the spec names. */
  static String slotBaselineOf(HotpatchVM vm) {
    String name =
        vm.getSpec() == null || vm.getSpec().baselineRef == null
            ? ""
            : vm.getSpec().baselineRef.name;
    return vm.getMetadata().getNamespace() + "/" + name;
  }

  static boolean isTransitioning(HotpatchVM vm) {
    return vm.getStatus() != null
        && vm.getStatus().pendingOperation != null
        && TransitionStep.KIND.equals(vm.getStatus().pendingOperation.kind);
  }
}
