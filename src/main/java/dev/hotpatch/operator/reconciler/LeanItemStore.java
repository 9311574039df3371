package dev.hotpatch.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer cache that drops each object's managedFields. A real API server keeps one entry per
 * field manager (kubectl, Argo CD, the operator's status writes), often larger than the object
 * itself; the operator never reads them, and at 10,000 HotpatchVMs they were most of its heap.
 */
public final class LeanItemStore<R extends HasMetadata> extends BasicItemStore<R> {
  public LeanItemStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public R put(String key, R obj) {
    if (obj.getMetadata() != null) {
      obj.getMetadata().setManagedFields(null);
    }
    return super.put(key, obj);
  }
}
