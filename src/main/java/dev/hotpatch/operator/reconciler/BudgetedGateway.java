package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.azure.ArmResourceRef;
import dev.hotpatch.operator.azure.AssessResult;
import dev.hotpatch.operator.azure.AzureGateway;
import dev.hotpatch.operator.azure.InstallRequest;
import dev.hotpatch.operator.azure.InstallResult;
import dev.hotpatch.operator.azure.NetworkCreateRequest;
import dev.hotpatch.operator.azure.OperationHandle;
import dev.hotpatch.operator.azure.OperationStatus;
import dev.hotpatch.operator.azure.ResourceInfo;
import dev.hotpatch.operator.azure.VmCreateRequest;
import dev.hotpatch.operator.azure.VmListing;
import dev.hotpatch.operator.azure.VmRef;
import dev.hotpatch.operator.azure.VmSnapshot;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reconcile's gateway: its first read takes a turn from the subscription's {@link
 * ArmRequestBudget} (a read over it is not sent: {@link ReadBudgetExhausted}), the others are
 * counted. Writes go as they are: starts are paced by the install pacer, and a write refused here
 * after its intent was recorded would be a lost call to resolve; lists are paced by the fleet
 * loader.
 */
final class BudgetedGateway implements AzureGateway {
  private static final Pattern SUBSCRIPTION = Pattern.compile("(?i)/subscriptions/([^/?]+)");

  private final AzureGateway delegate;
  private final ArmRequestBudget budget;
  private final String reader;

  /** This reconcile's first read got its turn: the later ones are counted, never refused. */
  private boolean granted;

  BudgetedGateway(AzureGateway delegate, ArmRequestBudget budget, String reader) {
    this.delegate = delegate;
    this.budget = budget;
    this.reader = reader;
  }

  /**
   * The VM read right after a write of this reconcile (a PATCH, a PUT), to put the write into the
   * fleet view: counted in the budget but never refused, or the stale view would repeat the write.
   */
  static Optional<VmSnapshot> confirmWrite(AzureGateway gateway, VmRef vm) {
    if (gateway instanceof BudgetedGateway b) {
      b.budget.take(vm.subscriptionId());
      return b.delegate.getVm(vm);
    }
    return gateway.getVm(vm);
  }

  /**
   * The first read of a reconcile waits for its turn; the ones after it go (counted): a reconcile
   * that needs two reads and got only one per turn would never get through a busy budget.
   */
  private void read(String subscription) {
    if (subscription == null) {
      return;
    }
    if (granted) {
      budget.take(subscription);
      return;
    }
    budget
        .tryTake(subscription, reader)
        .ifPresent(
            turn -> {
              throw new ReadBudgetExhausted(turn);
            });
    granted = true;
  }

  private static String subscriptionOf(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = SUBSCRIPTION.matcher(url);
    return m.find() ? m.group(1) : null;
  }

  @Override
  public VmListing startVmListing(String subscriptionId) {
    return delegate.startVmListing(subscriptionId);
  }

  @Override
  public Optional<VmSnapshot> getVm(VmRef vm) {
    read(vm.subscriptionId());
    return delegate.getVm(vm);
  }

  @Override
  public Optional<ResourceInfo> getResource(ArmResourceRef resource) {
    read(resource.subscriptionId());
    return delegate.getResource(resource);
  }

  @Override
  public OperationStatus pollOperation(OperationHandle handle) {
    read(subscriptionOf(handle.operationUrl()));
    return delegate.pollOperation(handle);
  }

  @Override
  public InstallResult installResult(OperationHandle handle) {
    read(subscriptionOf(handle.resultUrl() != null ? handle.resultUrl() : handle.operationUrl()));
    return delegate.installResult(handle);
  }

  @Override
  public AssessResult assessResult(OperationHandle handle) {
    read(subscriptionOf(handle.resultUrl() != null ? handle.resultUrl() : handle.operationUrl()));
    return delegate.assessResult(handle);
  }

  @Override
  public OperationHandle beginOrchestrate(VmRef vm) {
    return delegate.beginOrchestrate(vm);
  }

  @Override
  public OperationHandle beginCreateVm(VmCreateRequest request) {
    return delegate.beginCreateVm(request);
  }

  @Override
  public OperationHandle beginDeleteVm(VmRef vm) {
    return delegate.beginDeleteVm(vm);
  }

  @Override
  public OperationHandle beginCreateVirtualNetwork(NetworkCreateRequest.VirtualNetwork request) {
    return delegate.beginCreateVirtualNetwork(request);
  }

  @Override
  public OperationHandle beginCreateNetworkInterface(
      NetworkCreateRequest.NetworkInterface request) {
    return delegate.beginCreateNetworkInterface(request);
  }

  @Override
  public OperationHandle beginDeleteResource(ArmResourceRef resource) {
    return delegate.beginDeleteResource(resource);
  }

  @Override
  public OperationHandle beginAssessPatches(VmRef vm) {
    return delegate.beginAssessPatches(vm);
  }

  @Override
  public OperationHandle beginInstallPatches(VmRef vm, InstallRequest request) {
    return delegate.beginInstallPatches(vm, request);
  }
}
