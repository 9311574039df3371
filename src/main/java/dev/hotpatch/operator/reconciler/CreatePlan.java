package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.VmCreateTemplate;
import dev.hotpatch.operator.azure.ArmResourceRef;
import dev.hotpatch.operator.azure.NetworkCreateRequest;
import dev.hotpatch.operator.azure.VmCreateRequest;
import dev.hotpatch.operator.azure.VmRef;
import dev.hotpatch.operator.azure.VmSnapshot;
import dev.hotpatch.operator.policy.Ownership;
import java.util.Map;

/**
 * What a HotpatchVM's spec.create asks Azure for: deterministic names, owner tags, request values.
 */
record CreatePlan(VmRef vm, VmCreateTemplate template, String owner) {
  private static final String DEFAULT_VNET_PREFIX = "10.0.0.0/16";
  private static final String DEFAULT_SUBNET_PREFIX = "10.0.0.0/24";

  static CreatePlan of(HotpatchVM resource, VmRef vm) {
    return new CreatePlan(
        vm,
        resource.getSpec().create,
        Ownership.owner(resource.getMetadata().getNamespace(), resource.getMetadata().getName()));
  }

  Map<String, String> tags() {
    return Ownership.tags(owner, template == null ? null : template.tags);
  }

  /** True when the network is ours to create, false when the template names an existing subnet. */
  boolean createsNetwork() {
    return template.network == null
        || template.network.subnetId == null
        || template.network.subnetId.isBlank();
  }

  ArmResourceRef vnet() {
    String declared =
        template == null || template.network == null ? null : template.network.virtualNetworkName;
    return ref(ArmResourceRef.Type.VIRTUAL_NETWORK, Ownership.vnetName(vm.name(), declared));
  }

  String subnetName() {
    String s = template.network == null ? null : template.network.subnetName;
    return s == null || s.isBlank() ? "default" : s;
  }

  ArmResourceRef nic() {
    return ref(ArmResourceRef.Type.NETWORK_INTERFACE, Ownership.nicName(vm.name()));
  }

  ArmResourceRef osDisk() {
    return ref(ArmResourceRef.Type.DISK, Ownership.osDiskName(vm.name()));
  }

  NetworkCreateRequest.VirtualNetwork vnetRequest() {
    var n = template.network;
    return new NetworkCreateRequest.VirtualNetwork(
        vnet(),
        template.location,
        or(n.virtualNetworkAddressPrefix, DEFAULT_VNET_PREFIX),
        subnetName(),
        or(n.subnetAddressPrefix, DEFAULT_SUBNET_PREFIX),
        tags());
  }

  NetworkCreateRequest.NetworkInterface nicRequest(String subnetId) {
    return new NetworkCreateRequest.NetworkInterface(nic(), template.location, subnetId, tags());
  }

  VmCreateRequest vmRequest(String password) {
    var i = template.image;
    var d = template.osDisk;
    return new VmCreateRequest(
        vm,
        template.location,
        template.size,
        new VmSnapshot.Image(i.publisher, i.offer, i.sku, i.version),
        template.adminUsername,
        password,
        nic().id(),
        osDisk().name(),
        d == null ? null : d.storageAccountType,
        d == null ? null : d.sizeGb,
        template.zone,
        template.securityType,
        tags());
  }

  private ArmResourceRef ref(ArmResourceRef.Type type, String name) {
    return new ArmResourceRef(vm.subscriptionId(), vm.resourceGroup(), type, name);
  }

  private static String or(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
