package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.LocalRef;
import dev.hotpatch.operator.azure.Credentials;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Reads a HotpatchVM's Azure credentials: the pod's default identity, or a named Secret. */
public final class CredentialsResolver {
  public static final String TENANT_ID = "tenantId";
  public static final String CLIENT_ID = "clientId";
  public static final String CLIENT_SECRET = "clientSecret";

  /** Looks a Secret up by namespace and name. */
  @FunctionalInterface
  public interface Secrets {
    Optional<Secret> get(String namespace, String name);
  }

  private final Secrets secrets;

  /** Reads each Secret from the API server when asked. */
  public CredentialsResolver(KubernetesClient client) {
    this((ns, name) -> Optional.ofNullable(client.secrets().inNamespace(ns).withName(name).get()));
  }

  public CredentialsResolver(Secrets secrets) {
    this.secrets = secrets;
  }

  /** Empty with {@code problem} set when the Secret or one of its keys is missing. */
  public record Resolved(Optional<Credentials> credentials, String problem) {}

  public Resolved resolve(HotpatchVM vm) {
    LocalRef ref = vm.getSpec().azure.credentialsSecretRef;
    if (ref == null || ref.name == null) {
      return new Resolved(Optional.of(Credentials.DEFAULT), null);
    }
    String ns = vm.getMetadata().getNamespace();
    Secret secret = secrets.get(ns, ref.name).orElse(null);
    if (secret == null) {
      return new Resolved(Optional.empty(), "Secret " + ns + "/" + ref.name + " not found");
    }
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    Map<String, String> plain = secret.getStringData() == null ? Map.of() : secret.getStringData();
    String[] values = new String[3];
    String[] keys = {TENANT_ID, CLIENT_ID, CLIENT_SECRET};
    for (int i = 0; i < keys.length; i++) {
      values[i] = plain.containsKey(keys[i]) ? plain.get(keys[i]) : decode(data.get(keys[i]));
      if (values[i] == null || values[i].isBlank()) {
        return new Resolved(
            Optional.empty(), "Secret " + ns + "/" + ref.name + " has no key " + keys[i]);
      }
    }
    return new Resolved(Optional.of(new Credentials(values[0], values[1], values[2])), null);
  }

  private static String decode(String base64) {
    return base64 == null
        ? null
        : new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
