package dev.hotpatch.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A resource's identity for in-memory bookkeeping: names repeat across namespaces. */
final class VmKeys {
  private VmKeys() {}

  static String of(HasMetadata resource) {
    return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }
}
