package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.reconciler.RolloutSlots;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the reservations a {@link RolloutSlots} holds, as "baseline|vm". RolloutSlots has no
 * accessor and belongs to the operator team, so this reads its field; replace it with {@code
 * RolloutSlots.holders()} once that exists.
 */
final class SlotProbe {
  private SlotProbe() {}

  @SuppressWarnings("unchecked")
  static List<String> held(RolloutSlots slots) {
    try {
      Field f = RolloutSlots.class.getDeclaredField("reserved");
      f.setAccessible(true);
      List<String> out = new ArrayList<>();
      synchronized (slots) {
        ((Map<String, Set<String>>) f.get(slots))
            .forEach((baseline, vms) -> vms.forEach(vm -> out.add(baseline + "|" + vm)));
      }
      return out;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("RolloutSlots changed shape; update SlotProbe", e);
    }
  }
}
