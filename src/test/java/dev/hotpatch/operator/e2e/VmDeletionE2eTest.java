package dev.hotpatch.operator.e2e;

import static dev.hotpatch.operator.e2e.CreatedVm.DISK_ID;
import static dev.hotpatch.operator.e2e.CreatedVm.NAME;
import static dev.hotpatch.operator.e2e.CreatedVm.NIC_ID;
import static dev.hotpatch.operator.e2e.CreatedVm.VM_ID;
import static dev.hotpatch.operator.e2e.CreatedVm.VNET_ID;
import static dev.hotpatch.operator.e2e.OperatorHarness.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.reconciler.Phases;
import dev.hotpatch.operator.simulator.RequestRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * deletionPolicy through the finalizer on the mock API server: what the operator created goes,
 * nothing else.
 */
class VmDeletionE2eTest {
  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.startWithExampleBaselines();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private void createExample(String yaml) throws Exception {
    createExample(yaml, List.of(VM_ID, NIC_ID, VNET_ID, DISK_ID));
  }

  private void createExample(String yaml, List<String> created) throws Exception {
    h.applyYaml(yaml);
    h.awaitStatus(
        NAME,
        s ->
            s.pendingOperation != null
                && s.pendingOperation.operationUrl != null
                && Phases.CREATING.equals(s.phase)
                && h.simulator.vm(SUBSCRIPTION, "rg-new", NAME).isPresent());
    h.clock.advance(CreatedVm.REPORTS_AFTER);
    h.awaitCondition(NAME, Conditions.READY, "True", null);
    assertThat(h.vm(NAME).getMetadata().getFinalizers()).isNotEmpty();
    for (String id : created) {
      assertThat(h.armStatus(id)).as(id).isEqualTo(200);
    }
  }

  @Test
  void deletePolicyRemovesTheVmAndEverythingTheOperatorCreated() throws Exception {
    createExample(CreatedVm.example());
    h.deleteVm(NAME);
    h.awaitCondition(NAME, Conditions.READY, "False", "Deleting");
    assertThat(h.vm(NAME).getStatus().phase).isEqualTo(Phases.DELETING);
    h.clock.advance(Duration.ofMinutes(2));
    h.awaitGone(NAME);
    for (String id : List.of(VM_ID, NIC_ID, VNET_ID, DISK_ID)) {
      assertThat(h.armStatus(id)).as(id).isEqualTo(404);
    }
    assertThat(CreatedVm.requests(h, "DELETE", VM_ID)).hasSize(1);
    // The other VMs of the subscription are untouched.
    assertThat(h.simulator.requestLog())
        .filteredOn(r -> r.method().equals("DELETE"))
        .allMatch(r -> r.path().toLowerCase().contains("/app-1"));
  }

  @Test
  void orphanPolicyLeavesTheVmAsItIs() throws Exception {
    createExample(CreatedVm.example().replace("deletionPolicy: Delete", "deletionPolicy: Orphan"));
    h.deleteVm(NAME);
    h.awaitGone(NAME);
    assertThat(h.simulator.requestLog()).noneMatch(r -> r.method().equals("DELETE"));
    for (String id : List.of(VM_ID, NIC_ID, VNET_ID, DISK_ID)) {
      assertThat(h.armStatus(id)).as(id).isEqualTo(200);
    }
  }

  @Test
  void deletingAHotpatchVmNeverDeletesRebootsOrChangesAnAdoptedVm() throws Exception {
    h.applyYaml(
        """
        apiVersion: hotpatch.dev/v1alpha1
        kind: HotpatchVM
        metadata:
          name: web-1
        spec:
          azure: {subscriptionId: %s, resourceGroup: rg-web, name: web-1}
          baselineRef: {name: ws2022}
          deletionPolicy: Delete
        """
            .formatted(SUBSCRIPTION));
    h.awaitCondition("web-1", Conditions.READY, "True", null);
    int requestsBefore = h.simulator.requestLog().size();
    var before = h.simulator.vm(SUBSCRIPTION, "rg-web", "web-1").orElseThrow();
    h.deleteVm("web-1");
    h.awaitGone("web-1");
    List<RequestRecord> after =
        h.simulator.requestLog().subList(requestsBefore, h.simulator.requestLog().size());
    assertThat(after).allMatch(r -> r.method().equals("GET"));
    assertThat(h.simulator.vm(SUBSCRIPTION, "rg-web", "web-1").orElseThrow()).isEqualTo(before);
    assertThat(h.simulator.rebootLedger()).isEmpty();
  }

  @Test
  void azureRefusingTheCreateLeavesNoHalfCreatedLeftoversAfterDelete() throws Exception {
    h.simulator
        .faults()
        .failNext(
            "PUT",
            "(?i).*/virtualMachines/app-1$",
            400,
            "InvalidParameter",
            "The requested VM size Standard_Nope is not available in the current region.",
            1000);
    h.apply(CreatedVm.EXAMPLE);
    var failed = h.awaitCondition(NAME, Conditions.READY, "False", "CreateFailed");
    assertThat(Conditions.find(failed.conditions, Conditions.READY).orElseThrow().getMessage())
        .contains("InvalidParameter")
        .contains("Standard_Nope");
    assertThat(h.armStatus(NIC_ID)).isEqualTo(200); // made before the VM PUT was refused
    h.deleteVm(NAME);
    h.awaitGone(NAME);
    for (String id : List.of(VM_ID, NIC_ID, VNET_ID, DISK_ID)) {
      assertThat(h.armStatus(id)).as(id).isEqualTo(404);
    }
  }

  @Test
  void existingSubnetIsUsedAndItsNetworkIsNeverDeleted() throws Exception {
    String vnet = CreatedVm.RG + "Microsoft.Network/virtualNetworks/shared-vnet";
    h.armPut(
        vnet,
        "{\"location\":\"westeurope\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.20.0.0/16\"]},"
            + "\"subnets\":[{\"name\":\"apps\",\"properties\":{\"addressPrefix\":\"10.20.1.0/24\"}}]}}");
    String yaml =
        CreatedVm.example()
            .replace(
                "      virtualNetworkName: app-1-vnet\n",
                "      subnetId: " + vnet + "/subnets/apps\n")
            .replace("      virtualNetworkAddressPrefix: 10.10.0.0/16\n", "")
            .replace("      subnetName: default\n", "")
            .replace("      subnetAddressPrefix: 10.10.1.0/24\n", "");
    createExample(yaml, List.of(VM_ID, NIC_ID, DISK_ID, vnet));
    assertThat(h.armStatus(VNET_ID)).isEqualTo(404);
    h.deleteVm(NAME);
    h.awaitCondition(NAME, Conditions.READY, "False", "Deleting");
    h.clock.advance(Duration.ofMinutes(2));
    h.awaitGone(NAME);
    for (String id : List.of(VM_ID, NIC_ID, DISK_ID)) {
      assertThat(h.armStatus(id)).as(id).isEqualTo(404);
    }
    assertThat(h.armStatus(vnet)).isEqualTo(200);
    assertThat(CreatedVm.requests(h, "DELETE", vnet)).isEmpty();
  }

  /** Regression: a deletion Azure never finished had no deadline and said "Deleting" forever. */
  @Test
  void aDeletionThatRunsTooLongIsShownOverdueAndStillFollowed() throws Exception {
    createExample(CreatedVm.example());
    h.simulator.faults().hangOperations(NAME);
    h.deleteVm(NAME);
    h.awaitCondition(NAME, Conditions.READY, "False", "Deleting");
    h.clock.advance(Duration.ofMinutes(31));
    h.awaitCondition(NAME, Conditions.READY, "False", "DeleteOverdue");
    h.simulator.faults().clear();
    h.clock.advance(Duration.ofMinutes(2));
    h.awaitGone(NAME);
    assertThat(h.armStatus(VM_ID)).isEqualTo(404);
  }
}
