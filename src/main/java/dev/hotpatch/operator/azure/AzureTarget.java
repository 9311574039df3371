package dev.hotpatch.operator.azure;

import java.util.Objects;

/**
 * Which Azure Resource Manager to talk to and how to authenticate. {@link #simulator} is a
 * plain-HTTP endpoint without bearer tokens (the ARM simulator); {@link #cloud} is real Azure.
 */
public record AzureTarget(String resourceManagerEndpoint, boolean anonymous, String cloudName) {
  public AzureTarget {
    Objects.requireNonNull(resourceManagerEndpoint, "resourceManagerEndpoint");
  }

  public static AzureTarget simulator(String endpoint) {
    return new AzureTarget(endpoint, true, "Simulator");
  }

  /** AzureCloud, AzureChinaCloud or AzureUSGovernment. */
  public static AzureTarget cloud(String cloudName) {
    String endpoint =
        switch (cloudName) {
          case "AzureChinaCloud" -> "https://management.chinacloudapi.cn/";
          case "AzureUSGovernment" -> "https://management.usgovcloudapi.net/";
          case "AzureCloud" -> "https://management.azure.com/";
          default -> throw new IllegalArgumentException("unknown Azure cloud: " + cloudName);
        };
    return new AzureTarget(endpoint, false, cloudName);
  }
}
