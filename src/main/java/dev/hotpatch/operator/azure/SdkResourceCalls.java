package dev.hotpatch.operator.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The create and delete calls of {@link SdkAzureGateway}: VMs, NICs, virtual networks and disks.
 */
final class SdkResourceCalls {
  private final ArmConnection connection;

  SdkResourceCalls(ArmConnection connection) {
    this.connection = connection;
  }

  private NetworkManagementClient network(String subscriptionId) {
    return connection.compute(subscriptionId).networkManager().serviceClient();
  }

  Optional<ResourceInfo> get(ArmResourceRef r) {
    try {
      return Optional.of(
          SdkAzureGateway.call(
              () ->
                  switch (r.type()) {
                    case VIRTUAL_NETWORK -> {
                      VirtualNetworkInner v =
                          network(r.subscriptionId())
                              .getVirtualNetworks()
                              .getByResourceGroupWithResponse(
                                  r.resourceGroup(), r.name(), null, Context.NONE)
                              .getValue();
                      List<String> subnets =
                          v.subnets() == null
                              ? List.of()
                              : v.subnets().stream().map(SubnetInner::id).toList();
                      yield new ResourceInfo(v.id(), tags(v.tags()), null, subnets);
                    }
                    case NETWORK_INTERFACE -> {
                      NetworkInterfaceInner n =
                          network(r.subscriptionId())
                              .getNetworkInterfaces()
                              .getByResourceGroupWithResponse(
                                  r.resourceGroup(), r.name(), null, Context.NONE)
                              .getValue();
                      yield new ResourceInfo(
                          n.id(),
                          tags(n.tags()),
                          n.virtualMachine() == null ? null : n.virtualMachine().id(),
                          List.of());
                    }
                    case DISK -> {
                      DiskInner d =
                          connection
                              .compute(r.subscriptionId())
                              .serviceClient()
                              .getDisks()
                              .getByResourceGroupWithResponse(
                                  r.resourceGroup(), r.name(), Context.NONE)
                              .getValue();
                      yield new ResourceInfo(d.id(), tags(d.tags()), d.managedBy(), List.of());
                    }
                  }));
    } catch (AzureException e) {
      if (e.notFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  OperationHandle createVirtualNetwork(NetworkCreateRequest.VirtualNetwork r) {
    VirtualNetworkInner vnet =
        new VirtualNetworkInner()
            .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of(r.addressPrefix())))
            .withSubnets(
                List.of(
                    new SubnetInner()
                        .withName(r.subnetName())
                        .withAddressPrefix(r.subnetPrefix())));
    vnet.withLocation(r.location()).withTags(r.tags());
    ArmResourceRef ref = r.ref();
    return SdkAzureGateway.call(
        () ->
            SdkAzureGateway.handleOf(
                network(ref.subscriptionId())
                    .getVirtualNetworks()
                    .createOrUpdateWithResponseAsync(ref.resourceGroup(), ref.name(), vnet)
                    .block()));
  }

  OperationHandle createNetworkInterface(NetworkCreateRequest.NetworkInterface r) {
    NetworkInterfaceInner nic =
        new NetworkInterfaceInner()
            .withIpConfigurations(
                List.of(
                    new NetworkInterfaceIpConfigurationInner()
                        .withName("ipconfig1")
                        .withPrimary(true)
                        .withPrivateIpAllocationMethod(IpAllocationMethod.DYNAMIC)
                        .withSubnet(new SubnetInner().withId(r.subnetId()))));
    nic.withLocation(r.location()).withTags(r.tags());
    ArmResourceRef ref = r.ref();
    return SdkAzureGateway.call(
        () ->
            SdkAzureGateway.handleOf(
                network(ref.subscriptionId())
                    .getNetworkInterfaces()
                    .createOrUpdateWithResponseAsync(ref.resourceGroup(), ref.name(), nic)
                    .block()));
  }

  OperationHandle createVm(VmCreateRequest r) {
    VmRef vm = r.ref();
    // If-None-Match: * makes Azure refuse (412) instead of overwriting a VM that appeared
    // meanwhile.
    return SdkAzureGateway.call(
        () ->
            SdkAzureGateway.handleOf(
                connection
                    .compute(vm.subscriptionId())
                    .serviceClient()
                    .getVirtualMachines()
                    .createOrUpdateWithResponseAsync(
                        vm.resourceGroup(), vm.name(), VmCreateModel.of(r), null, "*")
                    .block()));
  }

  OperationHandle deleteVm(VmRef vm) {
    return SdkAzureGateway.call(
        () ->
            SdkAzureGateway.handleOf(
                connection
                    .compute(vm.subscriptionId())
                    .serviceClient()
                    .getVirtualMachines()
                    .deleteWithResponseAsync(vm.resourceGroup(), vm.name(), null)
                    .block()));
  }

  OperationHandle delete(ArmResourceRef r) {
    String rg = r.resourceGroup();
    return SdkAzureGateway.call(
        () ->
            SdkAzureGateway.handleOf(
                switch (r.type()) {
                  case VIRTUAL_NETWORK ->
                      network(r.subscriptionId())
                          .getVirtualNetworks()
                          .deleteWithResponseAsync(rg, r.name())
                          .block();
                  case NETWORK_INTERFACE ->
                      network(r.subscriptionId())
                          .getNetworkInterfaces()
                          .deleteWithResponseAsync(rg, r.name())
                          .block();
                  case DISK ->
                      connection
                          .compute(r.subscriptionId())
                          .serviceClient()
                          .getDisks()
                          .deleteWithResponseAsync(rg, r.name())
                          .block();
                }));
  }

  private static Map<String, String> tags(Map<String, String> tags) {
    return tags == null ? Map.of() : Map.copyOf(tags);
  }
}
