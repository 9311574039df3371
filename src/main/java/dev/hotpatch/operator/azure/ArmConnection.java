package dev.hotpatch.operator.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resourcegraph.fluent.ResourceGraphClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One authenticated HTTP pipeline to ARM, and the Compute (and Resource Graph) clients built on it,
 * per subscription.
 */
final class ArmConnection {
  private final AzureTarget target;
  private final HttpPipeline pipeline;
  private final Map<String, ComputeManager> managers = new ConcurrentHashMap<>();
  private final Map<String, ResourceGraphManager> graphs = new ConcurrentHashMap<>();

  ArmConnection(AzureTarget target, Credentials credentials, RequestListener listener) {
    this.target = target;
    this.pipeline = buildPipeline(target, credentials, listener);
  }

  HttpPipeline pipeline() {
    return pipeline;
  }

  ComputeManager compute(String subscriptionId) {
    return managers.computeIfAbsent(
        subscriptionId.toLowerCase(java.util.Locale.ROOT),
        s ->
            ComputeManager.authenticate(
                pipeline, new AzureProfile(null, subscriptionId, environment())));
  }

  /** Resource Graph's query client, on the same pipeline (retries, metrics, credentials). */
  ResourceGraphClient resourceGraph(String subscriptionId) {
    return graphs
        .computeIfAbsent(
            subscriptionId.toLowerCase(java.util.Locale.ROOT),
            s ->
                ResourceGraphManager.authenticate(
                    pipeline, new AzureProfile(null, subscriptionId, environment())))
        .serviceClient();
  }

  private AzureEnvironment environment() {
    if (!target.anonymous()) {
      return switch (target.cloudName()) {
        case "AzureChinaCloud" -> AzureEnvironment.AZURE_CHINA;
        case "AzureUSGovernment" -> AzureEnvironment.AZURE_US_GOVERNMENT;
        default -> AzureEnvironment.AZURE;
      };
    }
    // Every endpoint must be set, or the managers' constructors fail (microsoftGraphResourceId).
    return new AzureEnvironment(
        Arrays.stream(AzureEnvironment.Endpoint.values())
            .collect(
                Collectors.toMap(
                    AzureEnvironment.Endpoint::identifier, e -> target.resourceManagerEndpoint())));
  }

  private static HttpPipeline buildPipeline(
      AzureTarget target, Credentials credentials, RequestListener listener) {
    List<HttpPipelinePolicy> policies = new ArrayList<>();
    policies.add(new UserAgentPolicy("hotpatch-operator"));
    policies.add(new RequestIdPolicy());
    policies.add(
        new ReadsOnlyRetryPolicy(
            target.anonymous()
                ? BoundedRetryStrategy.forSimulator()
                : BoundedRetryStrategy.forAzure()));
    policies.add(new MetricsPolicy(listener));
    if (!target.anonymous()) {
      String scope = target.resourceManagerEndpoint().replaceAll("/+$", "") + "/.default";
      policies.add(new BearerTokenAuthenticationPolicy(tokenCredential(credentials), scope));
    }
    return new HttpPipelineBuilder().policies(policies.toArray(HttpPipelinePolicy[]::new)).build();
  }

  private static TokenCredential tokenCredential(Credentials credentials) {
    if (credentials.isDefault()) {
      return new DefaultAzureCredentialBuilder().build();
    }
    return new ClientSecretCredentialBuilder()
        .tenantId(credentials.tenantId())
        .clientId(credentials.clientId())
        .clientSecret(credentials.clientSecret())
        .build();
  }
}
