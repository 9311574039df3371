package dev.hotpatch.operator.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.Region;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.ApiErrorException;
import com.azure.resourcemanager.compute.models.HardwareProfile;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.compute.models.NetworkProfile;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.PatchSettings;
import com.azure.resourcemanager.compute.models.StorageProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import com.azure.resourcemanager.compute.models.WindowsConfiguration;
import com.azure.resourcemanager.compute.models.WindowsPatchAssessmentMode;
import com.azure.resourcemanager.compute.models.WindowsVMGuestPatchMode;
import com.azure.resourcemanager.network.models.Network;
import com.azure.resourcemanager.network.models.NetworkInterface;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Phase 2: VM creation through the real SDK (network + VM), and deletion. */
class VmCreateTest {
  static final String SUB = SimulatorSdkTest.SUB;
  static final String PASSWORD = "Sup3r-Secret-Pw!";

  MutableClock clock;
  ArmSimulator sim;
  ComputeManager compute;

  @BeforeEach
  void start() {
    clock = MutableClock.at("2025-05-20T10:00:00Z");
    sim = ArmSimulator.builder().clock(clock).catalog(ReleaseCatalog.generate(2025)).start();
    compute = Sdk.compute(sim, SUB);
    ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(d -> Duration.ofMillis(5));
  }

  @AfterEach
  void stop() {
    ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(d -> d);
    sim.close();
  }

  @Test
  void createsAnOrchestratedHotpatchVmOnAnExistingNetwork() {
    NetworkInterface nic = network();
    SyncPoller<?, VirtualMachineInner> poller =
        compute
            .serviceClient()
            .getVirtualMachines()
            .beginCreateOrUpdate(
                "rg-new",
                "hp-1",
                vmModel(nic.id(), "2022-datacenter-azure-edition-hotpatch", true));
    assertThat(sim.vm(SUB, "rg-new", "hp-1").orElseThrow().provisioningState())
        .isEqualTo("Creating");
    for (int i = 0; i < 10 && !poller.poll().getStatus().isComplete(); i++) {
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(poller.poll().getStatus())
        .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    VirtualMachineInner vm = poller.getFinalResult();
    assertThat(vm.provisioningState()).isEqualTo("Succeeded");
    assertThat(vm.osProfile().adminPassword()).isNull();
    SimulatedVmView view = sim.vm(SUB, "rg-new", "hp-1").orElseThrow();
    assertThat(view.createdBy()).isEqualTo("api");
    assertThat(view.osBuild())
        .isEqualTo("20348.2850"); // "latest" image = newest baseline (April 2025)
    assertThat(view.patchSettings().enableHotpatching()).isTrue();
    assertThat(view.powerState()).isEqualTo("running");
    assertThat(compute.disks().getById(vm.storageProfile().osDisk().managedDisk().id()).sizeInGB())
        .isEqualTo(127);
    assertThat(sim.requestCountsByKind()).containsEntry("PUT vm", 1L);
  }

  @Test
  void passwordNeverAppearsInResponsesOrLog() throws Exception {
    NetworkInterface nic = network();
    SyncPoller<?, VirtualMachineInner> poller =
        compute
            .serviceClient()
            .getVirtualMachines()
            .beginCreateOrUpdate(
                "rg-new", "hp-2", vmModel(nic.id(), "2025-datacenter-azure-edition", true));
    while (!poller.poll().getStatus().isComplete()) {
      clock.advance(Duration.ofMinutes(1));
    }
    var http = java.net.http.HttpClient.newHttpClient();
    String body =
        http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            sim.endpoint()
                                + "/subscriptions/"
                                + SUB
                                + "/resourceGroups/rg-new/providers/Microsoft.Compute/virtualMachines/hp-2?api-version=2025-04-01"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(body).doesNotContain(PASSWORD).doesNotContain("adminPassword");
    assertThat(sim.requestLog().toString()).doesNotContain(PASSWORD);
    assertThat(sim.vm(SUB, "rg-new", "hp-2").orElseThrow().toString()).doesNotContain(PASSWORD);
    assertThat(sim.vm(SUB, "rg-new", "hp-2").orElseThrow().osBuild()).isEqualTo("26100.2850");
  }

  @Test
  void refusesIneligibleRequestsLikeAzure() {
    NetworkInterface nic = network();
    var client = compute.serviceClient().getVirtualMachines();
    assertError(
        () ->
            client.createOrUpdate(
                "rg-new", "x", vmModel(nic.id(), "2022-datacenter-azure-edition-hotpatch", false)),
        400,
        "InvalidParameter",
        "PatchSettings must be specified for hotpatch compatible VMs.");
    assertError(
        () -> client.createOrUpdate("rg-new", "x", vmModel(nic.id(), "no-such-sku", false)),
        404,
        "PlatformImageNotFound",
        null);
    VirtualMachineInner weak = vmModel(nic.id(), "2022-datacenter-azure-edition-hotpatch", true);
    weak.osProfile().withAdminPassword("short");
    assertError(() -> client.createOrUpdate("rg-new", "x", weak), 400, "InvalidParameter", null);
    VirtualMachineInner noUpdates =
        vmModel(nic.id(), "2022-datacenter-azure-edition-hotpatch", true);
    noUpdates.osProfile().windowsConfiguration().withEnableAutomaticUpdates(false);
    assertError(
        () -> client.createOrUpdate("rg-new", "x", noUpdates),
        400,
        "InvalidParameter",
        "The patchMode 'AutomaticByPlatform' is invalid. For patchMode 'AutomaticByPlatform', the property 'enableAutomaticUpdates' must be set to true.");
    VirtualMachineInner longName =
        vmModel(nic.id(), "2022-datacenter-azure-edition-hotpatch", true);
    longName.osProfile().withComputerName("a-very-long-computer-name");
    assertError(
        () -> client.createOrUpdate("rg-new", "x", longName), 400, "InvalidParameter", null);
    VirtualMachineInner noNic =
        vmModel(nic.id().replace("nic-1", "nic-9"), "2022-datacenter-azure-edition-hotpatch", true);
    assertError(
        () -> client.createOrUpdate("rg-new", "x", noNic), 400, "InvalidResourceReference", null);
    assertThat(sim.vm(SUB, "rg-new", "x")).isEmpty();
  }

  @Test
  void fluentCreateWithNewNetworkWorksForPlainImagesAndRefusesHotpatchImagesWithoutSettings() {
    sim.close();
    sim =
        ArmSimulator.builder()
            .clock(clock)
            .catalog(ReleaseCatalog.generate(2025))
            .timings(OperationTimings.instant())
            .start();
    compute = Sdk.compute(sim, SUB);
    var vm =
        compute
            .virtualMachines()
            .define("plain-1")
            .withRegion(Region.EUROPE_WEST)
            .withExistingResourceGroup("rg-new")
            .withNewPrimaryNetwork("10.0.0.0/28")
            .withPrimaryPrivateIPAddressDynamic()
            .withoutPrimaryPublicIPAddress()
            .withSpecificWindowsImageVersion(
                new ImageReference()
                    .withPublisher("MicrosoftWindowsServer")
                    .withOffer("WindowsServer")
                    .withSku("2022-datacenter-azure-edition")
                    .withVersion("latest"))
            .withAdminUsername("azureuser")
            .withAdminPassword(PASSWORD)
            .withSize(VirtualMachineSizeTypes.fromString("Standard_D2s_v5"))
            .create();
    assertThat(vm.provisioningState()).isEqualTo("Succeeded");
    assertThat(vm.getPrimaryNetworkInterface().primaryPrivateIP()).isEqualTo("10.0.0.4");
    assertThatThrownBy(
            () ->
                compute
                    .virtualMachines()
                    .define("hp-9")
                    .withRegion(Region.EUROPE_WEST)
                    .withExistingResourceGroup("rg-new")
                    .withNewPrimaryNetwork("10.0.1.0/28")
                    .withPrimaryPrivateIPAddressDynamic()
                    .withoutPrimaryPublicIPAddress()
                    .withSpecificWindowsImageVersion(
                        new ImageReference()
                            .withPublisher("MicrosoftWindowsServer")
                            .withOffer("WindowsServer")
                            .withSku("2022-datacenter-azure-edition-hotpatch")
                            .withVersion("latest"))
                    .withAdminUsername("azureuser")
                    .withAdminPassword(PASSWORD)
                    .create())
        .hasMessageContaining("PatchSettings must be specified for hotpatch compatible VMs.");

    compute.virtualMachines().deleteByResourceGroup("rg-new", "plain-1");
    assertThat(sim.vm(SUB, "rg-new", "plain-1")).isEmpty();
    assertThat(sim.requestCountsByKind()).containsEntry("DELETE vm", 1L);
  }

  private NetworkInterface network() {
    var net = compute.networkManager();
    Network vnet =
        net.networks()
            .define("vnet-1")
            .withRegion(Region.EUROPE_WEST)
            .withExistingResourceGroup("rg-new")
            .withAddressSpace("10.0.0.0/24")
            .withSubnet("default", "10.0.0.0/26")
            .create();
    assertThat(vnet.subnets()).containsKey("default");
    return net.networkInterfaces()
        .define("nic-1")
        .withRegion(Region.EUROPE_WEST)
        .withExistingResourceGroup("rg-new")
        .withExistingPrimaryNetwork(vnet)
        .withSubnet("default")
        .withPrimaryPrivateIPAddressDynamic()
        .create();
  }

  static VirtualMachineInner vmModel(String nicId, String sku, boolean withPatchSettings) {
    WindowsConfiguration win =
        new WindowsConfiguration().withProvisionVMAgent(true).withEnableAutomaticUpdates(true);
    if (withPatchSettings) {
      win.withPatchSettings(
          new PatchSettings()
              .withPatchMode(WindowsVMGuestPatchMode.AUTOMATIC_BY_PLATFORM)
              .withEnableHotpatching(!sku.equals("2022-datacenter") && !sku.equals("no-such-sku"))
              .withAssessmentMode(WindowsPatchAssessmentMode.AUTOMATIC_BY_PLATFORM));
    }
    return new VirtualMachineInner()
        .withLocation("westeurope")
        .withHardwareProfile(
            new HardwareProfile().withVmSize(VirtualMachineSizeTypes.fromString("Standard_D2s_v5")))
        .withStorageProfile(
            new StorageProfile()
                .withImageReference(
                    new ImageReference()
                        .withPublisher("MicrosoftWindowsServer")
                        .withOffer("WindowsServer")
                        .withSku(sku)
                        .withVersion("latest")))
        .withOsProfile(
            new OSProfile()
                .withComputerName("hp")
                .withAdminUsername("azureuser")
                .withAdminPassword(PASSWORD)
                .withWindowsConfiguration(win))
        .withNetworkProfile(
            new NetworkProfile()
                .withNetworkInterfaces(List.of(new NetworkInterfaceReference().withId(nicId))));
  }

  private static void assertError(Runnable call, int status, String code, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ApiErrorException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(status);
              assertThat(e.getValue().getCode()).isEqualTo(code);
              if (message != null) {
                assertThat(e.getValue().getMessage()).isEqualTo(message);
              }
            });
  }
}
