package dev.hotpatch.operator.fleet;

import dev.hotpatch.operator.azure.AzureException;
import dev.hotpatch.operator.azure.AzureGateway;
import dev.hotpatch.operator.azure.VmListing;
import dev.hotpatch.operator.azure.VmRef;
import dev.hotpatch.operator.azure.VmSnapshot;
import dev.hotpatch.operator.policy.ListPacing;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Every VM of one subscription, as the last complete paged list saw it. Reconciles only read from
 * here; the registry's loader thread is the only one that lists ({@link #step} a page at a time,
 * paced, or {@link #refresh} all at once), so a thousand reconciles of a view that has not loaded
 * yet wait for one list instead of sending a thousand.
 */
public final class FleetView {
  /** What a refresh tells: the VMs whose snapshot changed, and whether this was the first load. */
  interface Listener {
    void changed(FleetView view, Set<VmRef> vms, boolean firstLoad);
  }

  /** What reconciles may say about a view that cannot be read yet, or is old. */
  /**
   * @param source where the last complete list came from ("compute", "resource-graph", or the
   *     Compute fallback with its reason); null before one, or when listed whole by {@link
   *     #refresh}
   */
  public record Health(
      Instant loadedAt, int pagesRead, String lastError, Instant nextAttemptAt, String source) {
    public boolean loaded() {
      return loadedAt != null;
    }
  }

  private final String subscriptionId;
  private final AzureGateway gateway;
  private final Clock clock;
  private final Listener listener;
  private final Map<VmRef, VmSnapshot> vms = new HashMap<>();

  /**
   * Reads are numbered as they start; a confirm records the number it came after. A list that began
   * before a confirm is older than it and must not overwrite what the confirm saw, and a list that
   * began before the last one applied is older than that one.
   */
  private long reads;

  private long appliedAs;
  private final Map<VmRef, Long> confirmedAfter = new HashMap<>();

  /** When each confirm in {@link #confirmedAfter} was made: lagging lists are held to it. */
  private final Map<VmRef, Instant> confirmedAt = new HashMap<>();

  private String source;
  private Instant loadedAt;
  private String lastError;
  private Instant lastActive;

  // The paced list in progress: written by the loader thread only, read by health().
  private volatile VmListing listing;
  private long listingStartedAs;
  private Instant listingStartedAt;
  private Instant nextAttemptAt = Instant.MIN;
  private Instant nextRefreshAt = Instant.MIN;
  private int failuresInARow;

  FleetView(String subscriptionId, AzureGateway gateway, Clock clock, Listener listener) {
    this.subscriptionId = subscriptionId;
    this.gateway = gateway;
    this.clock = clock;
    this.listener = listener;
    this.createdAt = clock.instant();
  }

  private final Instant createdAt;

  /** When the view was made: its first list was asked for then. */
  public Instant createdAt() {
    return createdAt;
  }

  public String subscriptionId() {
    return subscriptionId;
  }

  public AzureGateway gateway() {
    return gateway;
  }

  /** A complete list has been read: {@link #get} answers for every VM of the subscription. */
  public synchronized boolean loaded() {
    return loadedAt != null;
  }

  /**
   * The VM as last seen. Before the first complete list this only knows what {@link #confirm}
   * recorded: ask {@link #loaded()} first.
   */
  public synchronized Optional<VmSnapshot> get(VmRef ref) {
    return Optional.ofNullable(vms.get(ref));
  }

  public synchronized Health health() {
    VmListing inProgress = listing; // the loader thread replaces it without this lock
    return new Health(
        loadedAt,
        inProgress == null ? 0 : inProgress.pages(),
        lastError,
        nextAttemptAt.equals(Instant.MIN) ? null : nextAttemptAt,
        source);
  }

  /** An operation runs on a VM of this subscription: list it again sooner. */
  public synchronized void markActive(Instant now) {
    lastActive = now;
  }

  /** Lists the whole subscription now, every page at once (tests, the demo's clock jumps). */
  public void refresh() {
    long startedAs;
    Instant startedAt = clock.instant();
    synchronized (this) {
      startedAs = ++reads;
    }
    List<VmSnapshot> listed;
    try {
      listed = gateway.listVms(subscriptionId);
    } catch (RuntimeException e) {
      failed(e);
      throw e;
    }
    apply(listed, startedAs, startedAt, java.time.Duration.ZERO, null);
  }

  /**
   * The loader's turn at {@code now}: sends at most one page if one is due, and applies the list
   * once its last page is in.
   *
   * @return true while a list is under way (more pages will be due)
   */
  boolean step(Instant now, ListPacing pacing) {
    if (now.isBefore(nextAttemptAt)) {
      return listing != null;
    }
    if (listing == null) {
      boolean active;
      synchronized (this) {
        if (loadedAt != null && now.isBefore(nextRefreshAt)) {
          return false;
        }
        active = lastActive != null && !now.isAfter(lastActive.plus(pacing.activeInterval()));
        listingStartedAs = ++reads;
      }
      listing = gateway.startVmListing(subscriptionId);
      listingStartedAt = now;
      nextRefreshAt = pacing.nextRefresh(now, active); // provisional: moved once the list ends
    }
    try {
      OptionalInt remaining = listing.fetchNext();
      failuresInARow = 0;
      nextAttemptAt = pacing.nextPage(now, remaining, listing.quotaWindow());
    } catch (AzureException e) {
      failuresInARow++;
      nextAttemptAt = pacing.retryAt(now, failuresInARow, e.retryAfter());
      failed(e);
      return true;
    } catch (RuntimeException e) {
      failuresInARow++;
      nextAttemptAt = pacing.retryAt(now, failuresInARow, Optional.empty());
      failed(e);
      return true;
    }
    if (!listing.done()) {
      return true;
    }
    List<VmSnapshot> listed = listing.result();
    java.time.Duration lag = listing.lag();
    String from = listing.source();
    boolean cheap = listing.cheapToRepeat();
    listing = null;
    boolean active;
    synchronized (this) {
      active = lastActive != null && !now.isAfter(lastActive.plus(pacing.activeInterval()));
    }
    // A Resource Graph list is one read a thousand VMs: it keeps the active pace all the time, so
    // a quiet view is minutes old, not ten (Compute's 50-VM pages would cost 20 times as much).
    nextRefreshAt = pacing.nextRefresh(now, active || cheap);
    apply(listed, listingStartedAs, listingStartedAt, lag, from);
    return false;
  }

  private synchronized void failed(RuntimeException e) {
    lastError =
        e instanceof AzureException a
            ? "Azure answered " + a.httpStatus() + " " + a.code() + ": " + a.getMessage()
            : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /**
   * {@code startedAt}: the view is as old as the start of the list that made it, less the lag of
   * its source (Resource Graph's rows trail ARM). A per-VM read made after that is newer than the
   * list and stays.
   */
  private void apply(
      List<VmSnapshot> listed,
      long startedAs,
      Instant startedAt,
      java.time.Duration lag,
      String from) {
    Instant asOf = startedAt.minus(lag);
    Set<VmRef> changed = new HashSet<>();
    boolean firstLoad;
    synchronized (this) {
      if (startedAs < appliedAs) {
        return; // a newer list is already in
      }
      appliedAs = startedAs;
      Map<VmRef, VmSnapshot> fresh = new HashMap<>();
      for (VmSnapshot vm : listed) {
        fresh.put(vm.ref(), vm);
      }
      // A confirm that landed while this list was on the wire is newer than the list.
      confirmedAfter.forEach(
          (ref, after) -> {
            if (after >= startedAs || newerThanLaggingList(ref, lag, asOf)) {
              VmSnapshot confirmed = vms.get(ref);
              if (confirmed == null) {
                fresh.remove(ref);
              } else {
                fresh.put(ref, confirmed);
              }
            }
          });
      confirmedAfter
          .entrySet()
          .removeIf(e -> e.getValue() < startedAs && !newerThanLaggingList(e.getKey(), lag, asOf));
      confirmedAt.keySet().retainAll(confirmedAfter.keySet());
      for (VmSnapshot vm : fresh.values()) {
        if (!vm.equals(vms.get(vm.ref()))) {
          changed.add(vm.ref());
        }
      }
      for (VmRef gone : vms.keySet()) {
        if (!fresh.containsKey(gone)) {
          changed.add(gone);
        }
      }
      firstLoad = loadedAt == null;
      vms.clear();
      vms.putAll(fresh);
      loadedAt = asOf;
      lastError = null;
      if (from != null) {
        source = from;
      }
    }
    if (firstLoad || !changed.isEmpty()) {
      listener.changed(this, changed, firstLoad);
    }
  }

  /** Records what a per-VM read after a write showed, so the next reconcile sees it. */
  public synchronized void confirm(VmRef ref, Optional<VmSnapshot> snapshot) {
    snapshot.ifPresentOrElse(s -> vms.put(ref, s), () -> vms.remove(ref));
    confirmedAfter.put(ref, reads);
    confirmedAt.put(ref, clock.instant());
  }

  /** A lagging list (lag above zero) shows Azure as of {@code asOf}: a later confirm is newer. */
  private boolean newerThanLaggingList(VmRef ref, java.time.Duration lag, Instant asOf) {
    Instant at = confirmedAt.get(ref);
    return !lag.isZero() && at != null && at.isAfter(asOf);
  }

  public synchronized int size() {
    return vms.size();
  }

  /** The last complete list came from Compute because Resource Graph kept failing. */
  public synchronized boolean listedThroughFallback() {
    return source != null && source.contains("(fallback:");
  }

  /** When the list behind the view started (its age); null before the first complete list. */
  public synchronized Instant lastRefresh() {
    return loadedAt;
  }
}
