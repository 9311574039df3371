package dev.hotpatch.operator.azure;

import java.util.List;
import java.util.Optional;

/**
 * Every call the operator makes to Azure. Long-running operations are only started here: the caller
 * records the returned handle and checks it on a later reconcile.
 */
public interface AzureGateway {

  /** All VMs of a subscription with their instance views, every page at once. */
  default List<VmSnapshot> listVms(String subscriptionId) {
    VmListing listing = startVmListing(subscriptionId);
    while (!listing.done()) {
      listing.fetchNext();
    }
    return listing.result();
  }

  /** A subscription's VM list (the run-time list, then the model list), read page by page. */
  VmListing startVmListing(String subscriptionId);

  /** One VM with its instance view; empty when it does not exist. Only to confirm a write. */
  Optional<VmSnapshot> getVm(VmRef vm);

  /**
   * PATCH the VM's patch settings to Azure-orchestrated hotpatching; returns the operation to
   * follow.
   */
  OperationHandle beginOrchestrate(VmRef vm);

  /**
   * PUT a new VM (only if none exists by that name), orchestrated from the start. The request holds
   * the admin password; implementations never log it or put it in an exception message.
   */
  OperationHandle beginCreateVm(VmCreateRequest request);

  /** DELETE the VM; its NIC and OS disk go with it when created with deleteOption Delete. */
  OperationHandle beginDeleteVm(VmRef vm);

  /** A NIC, virtual network or disk; empty when it does not exist. */
  Optional<ResourceInfo> getResource(ArmResourceRef resource);

  OperationHandle beginCreateVirtualNetwork(NetworkCreateRequest.VirtualNetwork request);

  OperationHandle beginCreateNetworkInterface(NetworkCreateRequest.NetworkInterface request);

  OperationHandle beginDeleteResource(ArmResourceRef resource);

  OperationHandle beginAssessPatches(VmRef vm);

  OperationHandle beginInstallPatches(VmRef vm, InstallRequest request);

  /** One poll of an operation's status URL. */
  OperationStatus pollOperation(OperationHandle handle);

  /** The final result of a finished installPatches operation. */
  InstallResult installResult(OperationHandle handle);

  /** The final result of a finished assessPatches operation. */
  AssessResult assessResult(OperationHandle handle);
}
