package dev.hotpatch.operator.simulator;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** The real Azure SDK pointed at a simulator: no credential, default HTTP client, no retries. */
final class Sdk {
  static final String TENANT = "00000000-0000-0000-0000-0000000000aa";

  static {
    // The SDK and Netty log every byte at DEBUG under logback's default configuration.
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
  }

  private Sdk() {}

  static ComputeManager compute(ArmSimulator sim, String subscriptionId) {
    Map<String, String> endpoints =
        Arrays.stream(AzureEnvironment.Endpoint.values())
            .collect(Collectors.toMap(AzureEnvironment.Endpoint::identifier, e -> sim.endpoint()));
    endpoints.put("microsoftGraphResourceId", sim.endpoint() + "/");
    AzureProfile profile =
        new AzureProfile(TENANT, subscriptionId, new AzureEnvironment(endpoints));
    HttpPipeline pipeline =
        new HttpPipelineBuilder().httpClient(HttpClient.createDefault()).build();
    return ComputeManager.authenticate(pipeline, profile);
  }

  static VirtualMachinesClient vms(ArmSimulator sim, String subscriptionId) {
    return compute(sim, subscriptionId).serviceClient().getVirtualMachines();
  }
}
