package dev.hotpatch.operator.azure;

import java.util.List;

/**
 * One shared instance per distinct value of the strings that repeat across a fleet (subscription
 * IDs, resource groups, builds, patch modes, condition reasons). Every object read from Azure or
 * from the API server arrives with its own copy of each; at 10,000 VMs those copies were a large
 * part of the heap per VM. The JVM's string table holds the one instance and lets it go when
 * nothing refers to it.
 */
public final class Canonical {
  private Canonical() {}

  public static String of(String s) {
    return s == null ? null : s.intern();
  }

  /** A mutable copy of the list with each element canonical. */
  public static List<String> of(List<String> list) {
    if (list == null || list.isEmpty()) {
      return list;
    }
    List<String> out = new java.util.ArrayList<>(list.size());
    list.forEach(s -> out.add(of(s)));
    return out;
  }
}
