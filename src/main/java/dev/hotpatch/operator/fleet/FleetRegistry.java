package dev.hotpatch.operator.fleet;

import dev.hotpatch.operator.azure.AzureException;
import dev.hotpatch.operator.azure.AzureGateway;
import dev.hotpatch.operator.azure.VmRef;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link FleetView} per (credentials, subscription), refreshed on an interval, and an index
 * from each VM to the resources that manage it, so a changed VM triggers just their reconciles.
 *
 * @param <K> how a managing resource is identified (JOSDK's ResourceID in the operator)
 */
public final class FleetRegistry<K> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetRegistry.class);

  private final Clock clock;
  private final Duration refreshInterval;
  private final Consumer<Set<K>> trigger;
  private final Map<String, FleetView> views = new ConcurrentHashMap<>();
  private final Map<VmRef, Set<K>> watchers = new ConcurrentHashMap<>();
  private final Map<K, VmRef> watching = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;

  /**
   * @param refreshInterval zero: no background refresh (tests and the demo call {@link
   *     #refreshAll})
   */
  public FleetRegistry(Clock clock, Duration refreshInterval, Consumer<Set<K>> trigger) {
    this.clock = clock;
    this.refreshInterval = refreshInterval;
    this.trigger = trigger;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "fleet-refresh");
              t.setDaemon(true);
              return t;
            });
  }

  /** The view of a subscription seen through these credentials. */
  public FleetView view(String credentialsKey, String subscriptionId, AzureGateway gateway) {
    String key = credentialsKey + "|" + subscriptionId.toLowerCase(Locale.ROOT);
    return views.computeIfAbsent(
        key,
        k -> {
          FleetView view = new FleetView(subscriptionId, gateway, clock, this::vmsChanged);
          if (!refreshInterval.isZero()) {
            long ms = refreshInterval.toMillis();
            scheduler.scheduleWithFixedDelay(
                () -> refreshQuietly(view), ms, ms, TimeUnit.MILLISECONDS);
          }
          return view;
        });
  }

  /** The resource manages this VM (and no other): its changes trigger the resource's reconcile. */
  public void watch(VmRef vm, K resource) {
    VmRef previous = watching.put(resource, vm);
    if (previous != null && !previous.equals(vm)) {
      watchers.getOrDefault(previous, Set.of()).remove(resource);
    }
    watchers.computeIfAbsent(vm, v -> ConcurrentHashMap.newKeySet()).add(resource);
  }

  public void unwatch(K resource) {
    VmRef previous = watching.remove(resource);
    if (previous != null) {
      watchers.getOrDefault(previous, Set.of()).remove(resource);
    }
  }

  /** Refreshes every view now; returns how many VMs all views hold. */
  public int refreshAll() {
    int total = 0;
    for (FleetView view : new ArrayList<>(views.values())) {
      refreshQuietly(view);
      total += view.size();
    }
    return total;
  }

  /** Every resource that watches a VM. */
  public Set<K> watchedResources() {
    return Set.copyOf(watching.keySet());
  }

  public List<FleetView> views() {
    return List.copyOf(views.values());
  }

  private void refreshQuietly(FleetView view) {
    try {
      view.refresh();
    } catch (AzureException e) {
      // Keep the last good view; the next interval tries again.
      LOG.warn(
          "fleet refresh of subscription {} failed: {} {}",
          view.subscriptionId(),
          e.code(),
          e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("fleet refresh of subscription {} failed", view.subscriptionId(), e);
    }
  }

  private void vmsChanged(Set<VmRef> vms) {
    Set<K> affected = new HashSet<>();
    for (VmRef vm : vms) {
      affected.addAll(watchers.getOrDefault(vm, Set.of()));
    }
    if (!affected.isEmpty()) {
      trigger.accept(affected);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
