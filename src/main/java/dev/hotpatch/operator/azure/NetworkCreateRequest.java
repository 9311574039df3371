package dev.hotpatch.operator.azure;

import java.util.Map;

/**
 * What to create for a new VM's network: a virtual network with one subnet, or a NIC in a subnet.
 */
public final class NetworkCreateRequest {
  private NetworkCreateRequest() {}

  public record VirtualNetwork(
      ArmResourceRef ref,
      String location,
      String addressPrefix,
      String subnetName,
      String subnetPrefix,
      Map<String, String> tags) {}

  public record NetworkInterface(
      ArmResourceRef ref, String location, String subnetId, Map<String, String> tags) {}
}
