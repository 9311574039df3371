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
