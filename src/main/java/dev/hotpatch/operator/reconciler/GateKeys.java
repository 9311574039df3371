package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVM;
import java.util.List;

/**
 * The keys under which the reboot gate's informer indexes file a HotpatchVM, for gauges that must
 * count a baseline's members, slots and failures exactly as the gate does. Keys are {@code
 * namespace/baseline}; a failure's is {@code namespace/baseline|KB}.
 */
public final class GateKeys {
  private GateKeys() {}

  /** The baselines whose members the VM counts among: its spec's, and the one its slot is on. */
  public static List<String> memberOf(HotpatchVM vm) {
    return HotpatchVMReconciler.baselineKeys(vm);
  }

  /** The baseline whose rollout slot the VM's transition in flight holds; empty when none. */
  public static List<String> slotOn(HotpatchVM vm) {
    return HotpatchVMReconciler.slotKeys(vm);
  }

  /** {@code namespace/baseline|KB} of the VM's failed transition; empty when none. */
  public static List<String> failedOn(HotpatchVM vm) {
    return HotpatchVMReconciler.failedKeys(vm);
  }

  /** The key {@link #failedOn} gives a VM whose transition onto {@code kb} failed. */
  public static String failure(String baselineKey, String kb) {
    return baselineKey + "|" + kb;
  }

  /** {@code namespace/name} of the baseline the VM's spec names. */
  public static String specBaseline(HotpatchVM vm) {
    return BaselineMembers.slotBaselineOf(vm);
  }
}
