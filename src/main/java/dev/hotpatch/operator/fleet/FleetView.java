package dev.hotpatch.operator.fleet;

import dev.hotpatch.operator.azure.AzureGateway;
import dev.hotpatch.operator.azure.VmRef;
import dev.hotpatch.operator.azure.VmSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every VM of one subscription, as the last paged list saw it. Reconciles read from here instead of
 * calling Azure per VM; a refresh tells the listener which VMs changed (or disappeared).
 */
public final class FleetView {
  private final String subscriptionId;
  private final AzureGateway gateway;
  private final Clock clock;
  private final Consumer<Set<VmRef>> onChange;
  private final Map<VmRef, VmSnapshot> vms = new HashMap<>();

  /**
   * Reads are numbered as they start; a confirm records the number it came after. A list that began
   * before a confirm is older than it and must not overwrite what the confirm saw.
   */
  private long reads;

  private final Map<VmRef, Long> confirmedAfter = new HashMap<>();
  private Instant lastRefresh;

  FleetView(
      String subscriptionId, AzureGateway gateway, Clock clock, Consumer<Set<VmRef>> onChange) {
    this.subscriptionId = subscriptionId;
    this.gateway = gateway;
    this.clock = clock;
    this.onChange = onChange;
  }

  public String subscriptionId() {
    return subscriptionId;
  }

  public AzureGateway gateway() {
    return gateway;
  }

  /** The VM as last seen; lists the subscription first if this view was never loaded. */
  public Optional<VmSnapshot> get(VmRef ref) {
    synchronized (this) {
      if (lastRefresh != null) {
        return Optional.ofNullable(vms.get(ref));
      }
    }
    refresh();
    synchronized (this) {
      return Optional.ofNullable(vms.get(ref));
    }
  }

  /** Lists the subscription (paged) and reports the VMs whose snapshot changed. */
  public void refresh() {
    long startedAs;
    synchronized (this) {
      startedAs = ++reads;
    }
    List<VmSnapshot> listed = gateway.listVms(subscriptionId);
    Set<VmRef> changed = new HashSet<>();
    synchronized (this) {
      Map<VmRef, VmSnapshot> fresh = new HashMap<>();
      for (VmSnapshot vm : listed) {
        fresh.put(vm.ref(), vm);
      }
      // A confirm that landed while this list was on the wire is newer than the list.
      confirmedAfter.forEach(
          (ref, after) -> {
            if (after >= startedAs) {
              VmSnapshot confirmed = vms.get(ref);
              if (confirmed == null) {
                fresh.remove(ref);
              } else {
                fresh.put(ref, confirmed);
              }
            }
          });
      confirmedAfter.values().removeIf(after -> after < startedAs);
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
      boolean firstLoad = lastRefresh == null;
      vms.clear();
      vms.putAll(fresh);
      lastRefresh = clock.instant();
      if (firstLoad) {
        return; // nobody has read the view yet, so nothing they saw has changed
      }
    }
    if (!changed.isEmpty()) {
      onChange.accept(changed);
    }
  }

  /** Records what a per-VM read after a write showed, so the next reconcile sees it. */
  public synchronized void confirm(VmRef ref, Optional<VmSnapshot> snapshot) {
    snapshot.ifPresentOrElse(s -> vms.put(ref, s), () -> vms.remove(ref));
    confirmedAfter.put(ref, reads);
  }

  public synchronized int size() {
    return vms.size();
  }

  public synchronized Instant lastRefresh() {
    return lastRefresh;
  }
}
