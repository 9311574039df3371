package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.policy.OsBuild;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Each VM's OS build as the simulator knew it (not as the operator reported it), sampled whenever
 * the harness looks; absent while the VM does not exist.
 */
public final class AzureTruth {
  private final Map<String, TreeMap<Instant, Optional<OsBuild>>> builds = new HashMap<>();

  /** The VM's build at {@code t}; null: the VM does not exist. */
  public synchronized void sample(String vmId, Instant t, OsBuild build) {
    TreeMap<Instant, Optional<OsBuild>> line =
        builds.computeIfAbsent(vmId.toLowerCase(Locale.ROOT), k -> new TreeMap<>());
    var last = line.floorEntry(t);
    if (last == null || !last.getValue().equals(Optional.ofNullable(build))) {
      line.put(t, Optional.ofNullable(build));
    }
  }

  /** The last sampled build at or before {@code t}; empty when unknown or the VM was gone. */
  public synchronized Optional<OsBuild> buildAt(String vmId, Instant t) {
    var line = builds.get(vmId.toLowerCase(Locale.ROOT));
    var e = line == null ? null : line.floorEntry(t);
    return e == null ? Optional.empty() : e.getValue();
  }

  /** Whether the VM existed at its last sample. */
  public synchronized boolean existsAtEnd(String vmId) {
    var line = builds.get(vmId.toLowerCase(Locale.ROOT));
    return line != null && line.lastEntry().getValue().isPresent();
  }
}
