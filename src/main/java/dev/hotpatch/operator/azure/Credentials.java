package dev.hotpatch.operator.azure;

/**
 * How to authenticate: the pod's DefaultAzureCredential (workload identity), or a service principal
 * read from a Secret. {@code toString} never shows the secret.
 */
public record Credentials(String tenantId, String clientId, String clientSecret) {
  public static final Credentials DEFAULT = new Credentials(null, null, null);

  public boolean isDefault() {
    return clientSecret == null;
  }

  /** Key for caching clients; identifies the principal without the secret. */
  public String cacheKey() {
    return isDefault()
        ? "default"
        : tenantId + "/" + clientId + "/" + Integer.toHexString(clientSecret.hashCode());
  }

  @Override
  public String toString() {
    return isDefault()
        ? "DefaultAzureCredential"
        : "ServicePrincipal(" + tenantId + "/" + clientId + ")";
  }
}
