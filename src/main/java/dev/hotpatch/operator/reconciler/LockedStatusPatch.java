package dev.hotpatch.operator.reconciler;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Writes a resource's status locked on the resourceVersion of the copy it was computed from: a JSON
 * patch that sets that resourceVersion (a precondition: the API server answers 409 when the
 * resource moved on), then replaces the whole status. A JSON patch, not a merge patch: it replaces
 * lists, and Fabric8's mock server appends merged lists. One request: the copy is given, so the
 * client does not read the resource first.
 */
final class LockedStatusPatch {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LockedStatusPatch() {}

  /**
   * @return the resource as written
   * @throws StatusConflictException when the resource changed since {@code resource}
   */
  static <T extends HasMetadata> T write(KubernetesClient client, T resource, Object status) {
    try {
      return client
          .resource(resource)
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON), patch(resource, status));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new StatusConflictException(
            resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName(),
            resource.getMetadata().getResourceVersion(),
            e);
      }
      throw e;
    }
  }

  static String patch(HasMetadata resource, Object status) {
    var ops = JSON.createArrayNode();
    ops.addObject()
        .put("op", "replace")
        .put("path", "/metadata/resourceVersion")
        .put("value", resource.getMetadata().getResourceVersion());
    ops.addObject().put("op", "add").put("path", "/status").set("value", JSON.valueToTree(status));
    return ops.toString();
  }
}
