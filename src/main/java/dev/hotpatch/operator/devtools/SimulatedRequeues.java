package dev.hotpatch.operator.devtools;

import dev.hotpatch.operator.reconciler.Requeues;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Requeues on the simulated clock: the driver collects the due ones after each step. */
public final class SimulatedRequeues implements Requeues {
  private final Clock clock;
  private final Map<ResourceID, Instant> due = new ConcurrentHashMap<>();

  public SimulatedRequeues(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Optional<Duration> schedule(ResourceID resource, Duration after) {
    due.put(resource, clock.instant().plus(after)); // the latest requeue replaces an earlier one
    return Optional.empty();
  }

  /** The resources whose requeue is due at {@code now}; each is handed out once. */
  public Set<ResourceID> takeDue(Instant now) {
    Set<ResourceID> out = new HashSet<>();
    due.forEach(
        (id, at) -> {
          if (!at.isAfter(now) && due.remove(id, at)) {
            out.add(id);
          }
        });
    return out;
  }

  /** The earliest requeue still to come. */
  public Optional<Instant> nextDue() {
    return due.values().stream().min(Instant::compareTo);
  }

  public int pending() {
    return due.size();
  }
}
