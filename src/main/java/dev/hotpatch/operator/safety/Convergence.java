package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.reconciler.Conditions;
import java.util.Optional;

/** Whether a HotpatchVM is converged or says why not; empty when it is, else what is wrong. */
final class Convergence {
  private Convergence() {}

  static Optional<String> problem(HotpatchVM vm) {
    if (vm.getMetadata().getDeletionTimestamp() != null) {
      return Optional.of("still being deleted");
    }
    if (vm.getStatus() == null) {
      return Optional.of("no status");
    }
    Long observed = vm.getStatus().observedGeneration;
    if (observed == null || !observed.equals(vm.getMetadata().getGeneration())) {
      return Optional.of(
          "status is of generation " + observed + ", spec is " + vm.getMetadata().getGeneration());
    }
    var ready = Conditions.find(vm.getStatus().conditions, Conditions.READY);
    if (ready.isEmpty()) {
      return Optional.of("no Ready condition");
    }
    if ("True".equals(ready.get().getStatus())
        || TerminalReasons.terminal(ready.get().getReason())) {
      return Optional.empty();
    }
    return Optional.of(
        "Ready="
            + ready.get().getStatus()
            + " "
            + ready.get().getReason()
            + ": "
            + ready.get().getMessage());
  }

  static String key(HotpatchVM vm) {
    return vm.getMetadata().getNamespace() + "/" + vm.getMetadata().getName();
  }
}
