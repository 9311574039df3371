package dev.hotpatch.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer cache that drops each object's managedFields and kubectl's last-applied annotation. A
 * real API server keeps one managedFields entry per field manager (kubectl, Argo CD, the operator's
 * status writes), often larger than the object itself, and a client-side {@code kubectl apply}
 * (Argo CD's default) stores the whole applied object again in the annotation. The operator never
 * reads either; at 10,000 HotpatchVMs they were most of its heap. Nothing is lost on the server:
 * JOSDK patches finalizers and status from the cached copy, and a patch only sends what it changes.
 */
public final class LeanItemStore<R extends HasMetadata> extends BasicItemStore<R> {
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final java.util.function.UnaryOperator<R> slim;

  public LeanItemStore() {
    this(java.util.function.UnaryOperator.identity());
  }

  /** With a further cut of each object, applied after the above ({@link CanonicalVm}). */
  public LeanItemStore(java.util.function.UnaryOperator<R> slim) {
    super(Cache::metaNamespaceKeyFunc);
    this.slim = slim;
  }

  /** The HotpatchVM controller's cache: also one instance of each string the fleet repeats. */
  public static LeanItemStore<dev.hotpatch.operator.api.HotpatchVM> forVms() {
    return new LeanItemStore<>(CanonicalVm::apply);
  }

  @Override
  public R put(String key, R obj) {
    if (obj.getMetadata() != null) {
      obj.getMetadata().setManagedFields(null);
      var annotations = obj.getMetadata().getAnnotations();
      if (annotations != null && annotations.containsKey(LAST_APPLIED)) {
        annotations = new java.util.HashMap<>(annotations);
        annotations.remove(LAST_APPLIED);
        obj.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);
      }
    }
    return super.put(key, slim.apply(obj));
  }
}
