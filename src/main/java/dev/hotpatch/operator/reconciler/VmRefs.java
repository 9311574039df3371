package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.AzureVmRef;
import dev.hotpatch.operator.azure.VmRef;

/** The VM a spec names, by resource ID or by its three parts. */
final class VmRefs {
  private VmRefs() {}

  static VmRef of(AzureVmRef azure) {
    if (azure.resourceId != null && !azure.resourceId.isBlank()) {
      return VmRef.parse(azure.resourceId);
    }
    return new VmRef(azure.subscriptionId, azure.resourceGroup, azure.name);
  }
}
