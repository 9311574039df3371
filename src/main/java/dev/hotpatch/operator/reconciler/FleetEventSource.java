package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVM;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;

/**
 * Turns "these VMs changed in the fleet view" into reconciles of the HotpatchVMs that manage them.
 */
public final class FleetEventSource extends AbstractEventSource<Void, HotpatchVM> {

  public FleetEventSource() {
    super(Void.class, "fleet");
  }

  /** Fleet events carry no Kubernetes objects; reconcilers read the fleet view instead. */
  @Override
  public Set<Void> getSecondaryResources(HotpatchVM primary) {
    return Set.of();
  }

  /**
   * VMs whose row changed in the fleet view. One following an operation by its own schedule is left
   * to it (its requeue comes when a look is due; see FollowInterval): a wave of 1,000 transitions
   * changes 1,000 rows at every refresh, and a reconcile of each would spend a read of ARM's budget
   * on an answer not due yet. A VM gone from the view is reconciled at once (an operation on a
   * deleted VM may never end, and its slot must not wait for it).
   */
  public void viewChanged(Set<ResourceID> resources) {
    java.util.function.Predicate<ResourceID> followed = followedOnItsOwn;
    changed(
        resources.stream()
            .filter(id -> !followed.test(id))
            .collect(java.util.stream.Collectors.toSet()));
  }

  private volatile java.util.function.Predicate<ResourceID> followedOnItsOwn = id -> false;

  /** Which VMs follow an operation by their own schedule (the reconciler knows their status). */
  void followedOnItsOwn(java.util.function.Predicate<ResourceID> followed) {
    this.followedOnItsOwn = followed;
  }

  public void changed(Set<ResourceID> resources) {
    if (!isRunning()) {
      return;
    }
    resources.forEach(id -> getEventHandler().handleEvent(new Event(id)));
  }

  /** The same, for VMs named namespace/name (how rollout slots know them). */
  public void changedKeys(Set<String> keys) {
    Set<ResourceID> ids = new java.util.HashSet<>();
    for (String key : keys) {
      int slash = key.indexOf('/');
      ids.add(new ResourceID(key.substring(slash + 1), key.substring(0, slash)));
    }
    changed(ids);
  }
}
