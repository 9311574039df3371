package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.SecretKeyRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads a new VM's admin password from its Secret, only at the moment of the PUT. The value never
 * leaves this object except to the gateway; {@link Result#toString()} hides it.
 */
final class AdminPassword {
  private final KubernetesClient client;

  AdminPassword(KubernetesClient client) {
    this.client = client;
  }

  /** The password, or (password null) a problem naming the Secret and key, never a value. */
  record Result(String password, String problem) {
    boolean found() {
      return password != null;
    }

    @Override
    public String toString() {
      return found() ? "AdminPassword[(redacted)]" : "AdminPassword[" + problem + "]";
    }
  }

  Result read(String namespace, SecretKeyRef ref) {
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.name).get();
    if (secret == null) {
      return new Result(null, "Secret " + namespace + "/" + ref.name + " not found");
    }
    String value = null;
    if (secret.getStringData() != null && secret.getStringData().get(ref.key) != null) {
      value = secret.getStringData().get(ref.key);
    } else if (secret.getData() != null && secret.getData().get(ref.key) != null) {
      value =
          new String(
              Base64.getDecoder().decode(secret.getData().get(ref.key)), StandardCharsets.UTF_8);
    }
    if (value == null || value.isEmpty()) {
      return new Result(null, "Secret " + namespace + "/" + ref.name + " has no key " + ref.key);
    }
    return new Result(value, null);
  }
}
