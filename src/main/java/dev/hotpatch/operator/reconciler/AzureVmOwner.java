package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.policy.SpecValidator;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One Azure VM, one manager: when several HotpatchVMs name the same VM, the one created first
 * manages it and the others say Conflict and never act (two managers would send two transitions).
 */
final class AzureVmOwner {
  static final String INDEX = "azureVm";

  private static final Comparator<HotpatchVM> FIRST_CREATED =
      Comparator.comparing(
              (HotpatchVM vm) ->
                  vm.getMetadata().getCreationTimestamp() == null
                      ? ""
                      : vm.getMetadata().getCreationTimestamp())
          .thenComparing(VmKeys::of);

  private AzureVmOwner() {}

  /** The lower-cased ARM ID a valid spec names (none for an invalid one). */
  static List<String> indexKeys(HotpatchVM vm) {
    if (!SpecValidator.validate(vm.getSpec()).isEmpty()) {
      return List.of();
    }
    return List.of(VmRefs.of(vm.getSpec().azure).key());
  }

  /** The HotpatchVM that manages the VM instead of {@code self}, if it is not self. */
  static Optional<HotpatchVM> otherOwner(HotpatchVM self, List<HotpatchVM> naming) {
    return naming.stream()
        .min(FIRST_CREATED)
        .filter(first -> !VmKeys.of(first).equals(VmKeys.of(self)));
  }
}
