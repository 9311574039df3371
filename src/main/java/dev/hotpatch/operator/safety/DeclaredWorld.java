package dev.hotpatch.operator.safety;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the user declared, over time: each PatchBaseline's and HotpatchVM's spec from the instant it
 * was applied until the next change or its deletion. The checker judges Azure's history against it.
 */
public final class DeclaredWorld {
  private final Map<String, TreeMap<Instant, Optional<BaselineDecl>>> baselines = new HashMap<>();
  private final Map<String, TreeMap<Instant, Optional<VmDecl>>> vms = new HashMap<>();

  /** A baseline (namespace/name) applied at {@code t}; null: deleted. */
  public synchronized void baseline(Instant t, String key, BaselineDecl decl) {
    baselines.computeIfAbsent(key, k -> new TreeMap<>()).put(t, Optional.ofNullable(decl));
  }

  /** A HotpatchVM applied at {@code t}. */
  public synchronized void vm(Instant t, VmDecl decl) {
    vms.computeIfAbsent(decl.key(), k -> new TreeMap<>()).put(t, Optional.of(decl));
  }

  /** A HotpatchVM (namespace/name) deleted at {@code t}. */
  public synchronized void vmDeleted(Instant t, String key) {
    vms.computeIfAbsent(key, k -> new TreeMap<>()).put(t, Optional.empty());
  }

  /** The declaration in force at {@code t} (applied at or before it). */
  public synchronized Optional<BaselineDecl> baselineAt(String key, Instant t) {
    return at(baselines.get(key), t, false);
  }

  /** The declaration in force just before {@code t}. */
  public synchronized Optional<BaselineDecl> baselineBefore(String key, Instant t) {
    return at(baselines.get(key), t, true);
  }

  /** HotpatchVMs declared at {@code t} ({@code before}: just before it). */
  public synchronized List<VmDecl> vmsAt(Instant t, boolean before) {
    List<VmDecl> out = new ArrayList<>();
    for (var timeline : vms.values()) {
      at(timeline, t, before).ifPresent(out::add);
    }
    out.sort(java.util.Comparator.comparing(VmDecl::key));
    return out;
  }

  /** The HotpatchVM that declares this Azure VM at {@code t}, if any. */
  public Optional<VmDecl> vmFor(String vmId, Instant t, boolean before) {
    String id = vmId.toLowerCase(Locale.ROOT);
    return vmsAt(t, before).stream().filter(v -> v.vmId().equals(id)).findFirst();
  }

  /** HotpatchVMs referencing the baseline at {@code t}: the base of a percent maxUnavailable. */
  public int targeted(String baselineKey, Instant t, boolean before) {
    return (int) vmsAt(t, before).stream().filter(v -> v.baselineKey().equals(baselineKey)).count();
  }

  private static <T> Optional<T> at(
      TreeMap<Instant, Optional<T>> timeline, Instant t, boolean before) {
    if (timeline == null) {
      return Optional.empty();
    }
    var e = before ? timeline.lowerEntry(t) : timeline.floorEntry(t);
    return e == null ? Optional.empty() : e.getValue();
  }
}
