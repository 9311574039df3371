package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.reconciler.RolloutSlots;
import java.util.List;

/** The reservations a {@link RolloutSlots} holds, as "baseline|vm", for the I5 end check. */
final class SlotProbe {
  private SlotProbe() {}

  static List<String> held(RolloutSlots slots) {
    return slots.holders();
  }
}
