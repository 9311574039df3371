package dev.hotpatch.operator.fleet;

import dev.hotpatch.operator.azure.AzureException;
import dev.hotpatch.operator.azure.AzureGateway;
import dev.hotpatch.operator.azure.VmRef;
import dev.hotpatch.operator.policy.ListPacing;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link FleetView} per (credentials, subscription), loaded and refreshed by one loader thread
 * (single flight: no reconcile thread ever lists), and an index from each VM to the resources that
 * manage it, so a changed VM triggers just their reconciles.
 *
 * @param <K> how a managing resource is identified (JOSDK's ResourceID in the operator)
 */
public final class FleetRegistry<K> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetRegistry.class);

  /** How often the loader thread looks for a due page in {@link Mode#BACKGROUND}. */
  private static final Duration TICK = Duration.ofMillis(250);

  /** Who moves the loader. */
  public enum Mode {
    /** Production: the loader thread sends paced pages on the real clock. */
    BACKGROUND,
    /**
     * Simulated time: {@link #tick} (called after each clock step) sends the pages due, paced on
     * the injected clock. The fleet benchmark runs this way.
     */
    TICKED,
    /**
     * Tests and the demo: a new view, or a stale one, is listed whole on the loader thread when a
     * reconcile asks for it, and {@link #refreshAll} lists every view whole when the caller moves
     * time.
     */
    ON_DEMAND
  }

  private final Clock clock;
  private final Mode mode;
  private final ListPacing pacing;
  private final Consumer<Set<K>> trigger;
  private final Map<String, FleetView> views = new ConcurrentHashMap<>();
  private final Map<VmRef, Set<K>> watchers = new ConcurrentHashMap<>();
  private final Map<K, VmRef> watching = new ConcurrentHashMap<>();
  private final ScheduledExecutorService loader;
  private final AtomicInteger loadsQueued = new AtomicInteger();
  private final Set<FleetView> queued = ConcurrentHashMap.newKeySet();
  private final List<Consumer<FleetView>> viewListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * @param refreshInterval zero: {@link Mode#ON_DEMAND}; else {@link Mode#BACKGROUND}, listing each
   *     subscription this often while something in it is in flight
   */
  public FleetRegistry(Clock clock, Duration refreshInterval, Consumer<Set<K>> trigger) {
    this(
        clock,
        refreshInterval.isZero() ? Mode.ON_DEMAND : Mode.BACKGROUND,
        ListPacing.defaults(refreshInterval.isZero() ? Duration.ofMinutes(2) : refreshInterval),
        trigger);
  }

  public FleetRegistry(Clock clock, Mode mode, ListPacing pacing, Consumer<Set<K>> trigger) {
    this.clock = clock;
    this.mode = mode;
    this.pacing = pacing;
    this.trigger = trigger;
    this.loader =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "fleet-loader");
              t.setDaemon(true);
              return t;
            });
    if (mode == Mode.BACKGROUND) {
      long ms = TICK.toMillis();
      loader.scheduleWithFixedDelay(this::tickQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  /** The view of a subscription seen through these credentials; loading starts on first ask. */
  public FleetView view(String credentialsKey, String subscriptionId, AzureGateway gateway) {
    String key = credentialsKey + "|" + subscriptionId.toLowerCase(Locale.ROOT);
    FleetView existing = views.get(key);
    if (existing != null) {
      if (mode == Mode.ON_DEMAND
          && existing.loaded()
          && pacing.stale(existing.lastRefresh(), clock.instant())) {
        queueLoad(existing); // nobody moves this view but its readers: a stale one is listed again
      }
      return existing;
    }
    boolean[] created = new boolean[1];
    FleetView view =
        views.computeIfAbsent(
            key,
            k -> {
              created[0] = true;
              return new FleetView(subscriptionId, gateway, clock, this::vmsChanged);
            });
    if (created[0]) {
      viewListeners.forEach(l -> l.accept(view));
      if (mode == Mode.ON_DEMAND) {
        queueLoad(view);
      }
    }
    return view;
  }

  /** Told of every view, those there now and each one made later (metrics bind to it). */
  public void onNewView(Consumer<FleetView> listener) {
    viewListeners.add(listener);
    views.values().forEach(listener);
  }

  /** Seconds since the list behind the view started; NaN while it has never been listed. */
  public double ageSeconds(FleetView view) {
    java.time.Instant at = view.lastRefresh();
    return at == null ? Double.NaN : Duration.between(at, clock.instant()).toMillis() / 1000.0;
  }

  /** One list at a time per view: a view already queued is not queued again. */
  private void queueLoad(FleetView view) {
    if (!queued.add(view)) {
      return;
    }
    loadsQueued.incrementAndGet();
    loader.execute(
        () -> {
          try {
            refreshQuietly(view);
          } finally {
            queued.remove(view);
            loadsQueued.decrementAndGet();
          }
        });
  }

  /** The pacing, refresh intervals and staleness bound the views follow. */
  public ListPacing pacing() {
    return pacing;
  }

  /** A first load is queued or running ({@link Mode#ON_DEMAND}): a driver waits for it. */
  public boolean loading() {
    return loadsQueued.get() > 0;
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

  /**
   * Whether a view of its subscription lists the VM this resource watches. False once the VM is
   * gone from Azure (or the resource watches nothing).
   */
  public boolean inView(K resource) {
    VmRef vm = watching.get(resource);
    if (vm == null) {
      return false;
    }
    for (FleetView view : views.values()) {
      if (view.subscriptionId().equalsIgnoreCase(vm.subscriptionId()) && view.get(vm).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** Lists every view now, whole; returns how many VMs all views hold. */
  public int refreshAll() {
    int total = 0;
    for (FleetView view : new ArrayList<>(views.values())) {
      refreshQuietly(view);
      total += view.size();
    }
    return total;
  }

  /**
   * {@link Mode#TICKED}: sends the pages due at the clock's instant, on the loader thread, and
   * returns when they are in.
   */
  public void tick() {
    try {
      loader.submit(this::tickQuietly).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private void tickQuietly() {
    for (FleetView view : new ArrayList<>(views.values())) {
      try {
        view.step(clock.instant(), pacing);
      } catch (RuntimeException e) {
        LOG.warn("fleet loader of subscription {} failed", view.subscriptionId(), e);
      }
    }
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
      // Keep the last good view; the next refresh tries again.
      LOG.warn(
          "fleet refresh of subscription {} failed: {} {}",
          view.subscriptionId(),
          e.code(),
          e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("fleet refresh of subscription {} failed", view.subscriptionId(), e);
    }
  }

  /**
   * After the first load every watcher of the subscription reconciles (they were waiting for it);
   * after a refresh only those whose VM changed.
   */
  private void vmsChanged(FleetView view, Set<VmRef> vms, boolean firstLoad) {
    Set<K> affected = new HashSet<>();
    for (VmRef vm : vms) {
      affected.addAll(watchers.getOrDefault(vm, Set.of()));
    }
    if (firstLoad) {
      watchers.forEach(
          (vm, resources) -> {
            if (vm.subscriptionId().equalsIgnoreCase(view.subscriptionId())) {
              affected.addAll(resources);
            }
          });
    }
    if (!affected.isEmpty()) {
      trigger.accept(affected);
    }
  }

  @Override
  public void close() {
    loader.shutdownNow();
  }
}
