package dev.hotpatch.operator.policy;

import java.util.List;

/**
 * The reboots expected for one HotpatchVM, oldest first, and notes on what the forecast could not
 * place or why none is due. A VM without reboots always has a note saying why.
 *
 * @param baseline the PatchBaseline it names (spec.baselineRef.name)
 */
public record VmCalendar(
    String namespace,
    String name,
    String baseline,
    List<ExpectedReboot> reboots,
    List<String> notes) {
  public VmCalendar {
    reboots = List.copyOf(reboots);
    notes = List.copyOf(notes);
  }

  public String key() {
    return namespace + "/" + name;
  }
}
