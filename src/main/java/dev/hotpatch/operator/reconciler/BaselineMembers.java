package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The HotpatchVMs that reference one PatchBaseline, counted the way the rollout budget needs. */
public record BaselineMembers(PatchBaseline baseline, List<HotpatchVM> vms) {

  public int targeted() {
    return vms.size();
  }

  /** VMs with a baseline transition in flight (or intended) right now, by name. */
  public Set<String> transitioning() {
    return vms.stream()
        .filter(BaselineMembers::isTransitioning)
        .map(vm -> vm.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  /** Failed or overrun transitions onto this baseline's KB. */
  public int failed() {
    return failedVms().size();
  }

  public Set<String> failedVms() {
    String kb = baseline.getSpec().kb;
    return vms.stream()
        .filter(vm -> vm.getStatus() != null && kb.equals(vm.getStatus().failedTransition))
        .map(vm -> vm.getMetadata().getName())
        .collect(Collectors.toSet());
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

  static boolean isTransitioning(HotpatchVM vm) {
    return vm.getStatus() != null
        && vm.getStatus().pendingOperation != null
        && TransitionStep.KIND.equals(vm.getStatus().pendingOperation.kind);
  }
}
