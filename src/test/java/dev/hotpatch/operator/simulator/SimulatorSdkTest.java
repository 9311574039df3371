package dev.hotpatch.operator.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.polling.PollResult;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInstallPatchesResultInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineUpdateInner;
import com.azure.resourcemanager.compute.models.ApiErrorException;
import com.azure.resourcemanager.compute.models.InstanceViewTypes;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.PatchInstallationState;
import com.azure.resourcemanager.compute.models.PatchSettings;
import com.azure.resourcemanager.compute.models.VMGuestPatchRebootSetting;
import com.azure.resourcemanager.compute.models.VMGuestPatchRebootStatus;
import com.azure.resourcemanager.compute.models.VirtualMachineInstallPatchesParameters;
import com.azure.resourcemanager.compute.models.WindowsConfiguration;
import com.azure.resourcemanager.compute.models.WindowsParameters;
import com.azure.resourcemanager.compute.models.WindowsPatchAssessmentMode;
import com.azure.resourcemanager.compute.models.WindowsVMGuestPatchMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Azure SDK (compute 2.55.1) against the simulator over HTTP. */
class SimulatorSdkTest {
  static final String SUB = "00000000-0000-0000-0000-000000000001";
  static final String FLEET =
      """
      vms:
        - subscriptionId: 00000000-0000-0000-0000-000000000001
          resourceGroup: rg-web
          name: web-1
          location: westeurope
          size: Standard_D2s_v5
          image: {publisher: MicrosoftWindowsServer, offer: WindowsServer, sku: 2022-datacenter-azure-edition-hotpatch, version: latest}
          osBuild: "20348.2700"
          provisionVMAgent: true
          enableAutomaticUpdates: true
          patchSettings: {patchMode: AutomaticByOS, enableHotpatching: false, assessmentMode: ImageDefault}
          tags: {env: prod}
        - subscriptionId: 00000000-0000-0000-0000-000000000001
          resourceGroup: rg-web
          name: legacy-1
          osBuild: "20348.2700"
          enableAutomaticUpdates: false
          patchSettings: {patchMode: Manual}
        - subscriptionId: 00000000-0000-0000-0000-000000000001
          resourceGroup: rg-app
          name: app-{i}
          count: 5
          osBuild: "20348.2700"
          patchSettings: {patchMode: AutomaticByPlatform, enableHotpatching: true, assessmentMode: AutomaticByPlatform, rebootSetting: Never}
      """;

  MutableClock clock;
  ArmSimulator sim;
  VirtualMachinesClient vms;

  @BeforeEach
  void start() {
    clock = MutableClock.at("2025-02-20T10:00:00Z");
    sim =
        ArmSimulator.builder()
            .clock(clock)
            .fleet(FleetSeed.fromYaml(FLEET))
            .catalog(ReleaseCatalog.generate(2025))
            .pageSize(3)
            .start();
    vms = Sdk.vms(sim, SUB);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void getsVmWithInstanceViewThroughServiceClientAndFluentApi() {
    VirtualMachineInner vm =
        vms.getByResourceGroupWithResponse(
                "rg-web", "web-1", InstanceViewTypes.INSTANCE_VIEW, Context.NONE)
            .getValue();
    assertThat(vm.name()).isEqualTo("web-1");
    assertThat(vm.type()).isEqualTo("Microsoft.Compute/virtualMachines");
    assertThat(vm.tags()).containsEntry("env", "prod");
    assertThat(vm.storageProfile().imageReference().sku())
        .isEqualTo("2022-datacenter-azure-edition-hotpatch");
    assertThat(vm.osProfile().windowsConfiguration().patchSettings().patchMode())
        .isEqualTo(WindowsVMGuestPatchMode.AUTOMATIC_BY_OS);
    assertThat(vm.osProfile().adminPassword()).isNull();
    assertThat(vm.instanceView().osVersion()).isEqualTo("10.0.20348.2700");
    assertThat(vm.instanceView().osName())
        .isEqualTo("Windows Server 2022 Datacenter Azure Edition");
    assertThat(vm.instanceView().statuses())
        .extracting(s -> s.code())
        .contains("ProvisioningState/succeeded", "PowerState/running");
    assertThat(vms.instanceView("RG-WEB", "web-1").osVersion()).isEqualTo("10.0.20348.2700");
    var seeded =
        vm.instanceView().patchStatus().availablePatchSummary(); // a seeded VM was assessed
    assertThat(seeded.rebootPending()).isFalse();
    assertThat(seeded.criticalAndSecurityPatchCount()).isEqualTo(1); // February's hotpatch

    var fluent = Sdk.compute(sim, SUB).virtualMachines().getByResourceGroup("rg-web", "web-1");
    assertThat(fluent.osType().toString()).isEqualTo("Windows");
    assertThat(sim.requestLog())
        .allSatisfy(r -> assertThat(r.apiVersion()).isEqualTo("2025-04-01"));
    assertThat(sim.requestLog())
        .extracting(RequestRecord::path)
        .contains(
            "/subscriptions/"
                + SUB
                + "/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-1",
            "/subscriptions/"
                + SUB
                + "/resourceGroups/RG-WEB/providers/Microsoft.Compute/virtualMachines/web-1/instanceView");
  }

  @Test
  void missingVmIs404() {
    assertThatThrownBy(() -> vms.getByResourceGroup("rg-web", "nope"))
        .isInstanceOfSatisfying(
            ApiErrorException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(404);
              assertThat(e.getValue().getCode()).isEqualTo("ResourceNotFound");
            });
  }

  @Test
  void listsWithStatusOnlyOverSeveralPages() {
    List<VirtualMachineInner> all = vms.list("true", null, null, Context.NONE).stream().toList();
    assertThat(all).hasSize(7);
    assertThat(all)
        .allSatisfy(vm -> assertThat(vm.instanceView().osVersion()).isEqualTo("10.0.20348.2700"));
    assertThat(sim.requestCountsByKind()).containsEntry("GET list", 3L);
    assertThat(sim.requestLog())
        .allSatisfy(
            r -> {
              assertThat(r.path())
                  .isEqualTo(
                      "/subscriptions/" + SUB + "/providers/Microsoft.Compute/virtualMachines");
              assertThat(r.apiVersion()).isEqualTo("2025-04-01");
            });
    assertThat(vms.listByResourceGroup("rg-app").stream().map(VirtualMachineInner::name).toList())
        .containsExactly("app-1", "app-2", "app-3", "app-4", "app-5");
  }

  @Test
  void patchToOrchestratedIsAnLroThatEndsSucceeded() {
    SyncPoller<PollResult<VirtualMachineInner>, VirtualMachineInner> poller =
        vms.beginUpdate("rg-web", "web-1", orchestrated());
    assertThat(sim.vm(SUB, "rg-web", "web-1").orElseThrow().provisioningState())
        .isEqualTo("Updating");
    pollToEnd(poller, Duration.ofSeconds(5));
    VirtualMachineInner vm = poller.getFinalResult();
    assertThat(vm.provisioningState()).isEqualTo("Succeeded");
    PatchSettings ps = vm.osProfile().windowsConfiguration().patchSettings();
    assertThat(ps.patchMode()).isEqualTo(WindowsVMGuestPatchMode.AUTOMATIC_BY_PLATFORM);
    assertThat(ps.enableHotpatching()).isTrue();
    assertThat(vm.tags()).containsEntry("env", "prod"); // untouched by the PATCH
    SimulatedVmView view = sim.vm(SUB, "rg-web", "web-1").orElseThrow();
    assertThat(view.patchSettings().patchMode()).isEqualTo("AutomaticByPlatform");
    assertThat(view.patchSettings().rebootSetting()).isEqualTo("Never");
    assertThat(sim.requestCountsByKind())
        .containsEntry("PATCH vm", 1L)
        .containsKey("GET operation");
  }

  @Test
  void synchronousUpdatesAnswerSucceededAtOnce() {
    sim.close();
    sim =
        ArmSimulator.builder()
            .clock(clock)
            .fleet(FleetSeed.fromYaml(FLEET))
            .timings(OperationTimings.defaults().withSynchronousUpdates(true))
            .start();
    vms = Sdk.vms(sim, SUB);
    VirtualMachineInner vm = vms.update("rg-web", "web-1", orchestrated());
    assertThat(vm.provisioningState()).isEqualTo("Succeeded");
    assertThat(sim.requestLog()).hasSize(1);
  }

  @Test
  void patchValidationErrorsAreAzures() {
    VirtualMachineUpdateInner hotpatchWithoutPlatform =
        update(
            new PatchSettings()
                .withPatchMode(WindowsVMGuestPatchMode.AUTOMATIC_BY_OS)
                .withEnableHotpatching(true));
    assertInvalid(
        () -> vms.update("rg-web", "web-1", hotpatchWithoutPlatform),
        "InvalidParameter",
        "windowsConfiguration.patchSettings.enableHotpatching",
        "For enableHotpatching, the 'provisionVMAgent' must be set to true and 'patchMode' must be set to 'AutomaticByPlatform'.");

    assertInvalid(
        () -> vms.update("rg-web", "legacy-1", orchestrated()),
        "InvalidParameter",
        "windowsConfiguration.patchSettings.patchMode",
        "The patchMode 'AutomaticByPlatform' is invalid. For patchMode 'AutomaticByPlatform', the property 'enableAutomaticUpdates' must be set to true.");

    VirtualMachineUpdateInner turnOnUpdates =
        new VirtualMachineUpdateInner()
            .withOsProfile(
                new OSProfile()
                    .withWindowsConfiguration(
                        new WindowsConfiguration().withEnableAutomaticUpdates(true)));
    assertInvalid(
        () -> vms.update("rg-web", "legacy-1", turnOnUpdates),
        "PropertyChangeNotAllowed",
        "windowsConfiguration.enableAutomaticUpdates",
        "Changing property 'windowsConfiguration.enableAutomaticUpdates' is not allowed.");

    VirtualMachineUpdateInner bypass = orchestrated();
    bypass
        .osProfile()
        .windowsConfiguration()
        .patchSettings()
        .automaticByPlatformSettings()
        .withBypassPlatformSafetyChecksOnUserSchedule(true);
    assertInvalid(
        () -> vms.update("rg-web", "web-1", bypass),
        "InvalidParameter",
        "windowsConfiguration.patchSettings.automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule",
        "Hotpatch updates require platform safety checks. The 'BypassPlatformSafetyChecksOnUserSchedule' flag must be set to false to enable hotpatching.");

    assertThat(sim.vm(SUB, "rg-web", "web-1").orElseThrow().patchSettings().patchMode())
        .isEqualTo("AutomaticByOS");
    assertThat(sim.requestLog()).extracting(RequestRecord::status).containsOnly(400);
  }

  @Test
  void hotpatchInstallMovesTheBuildWithoutReboot() {
    SyncPoller<
            PollResult<VirtualMachineInstallPatchesResultInner>,
            VirtualMachineInstallPatchesResultInner>
        poller =
            vms.beginInstallPatches(
                "rg-app", "app-1", install(VMGuestPatchRebootSetting.NEVER, true));
    assertThat(poller.poll().getStatus()).isEqualTo(LongRunningOperationStatus.IN_PROGRESS);
    clock.advance(Duration.ofMinutes(9));
    assertThat(poller.poll().getStatus()).isEqualTo(LongRunningOperationStatus.IN_PROGRESS);
    clock.advance(Duration.ofMinutes(1));
    assertThat(poller.poll().getStatus())
        .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    VirtualMachineInstallPatchesResultInner result = poller.getFinalResult();
    assertThat(result).isNotNull();
    assertThat(result.installedPatchCount()).isEqualTo(1);
    assertThat(result.rebootStatus()).isEqualTo(VMGuestPatchRebootStatus.NOT_NEEDED);
    assertThat(result.patches())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kbId()).isEqualTo("5250002");
              assertThat(p.installationState()).isEqualTo(PatchInstallationState.INSTALLED);
            });
    assertThat(sim.vm(SUB, "rg-app", "app-1").orElseThrow().osBuild()).isEqualTo("20348.2750");
    assertThat(
            vms.instanceView("rg-app", "app-1")
                .patchStatus()
                .lastPatchInstallationSummary()
                .installedPatchCount())
        .isEqualTo(1);
    assertThat(sim.rebootLedger()).isEmpty();
    assertThat(sim.requestCountsByKind())
        .containsEntry("POST installPatches", 1L)
        .containsEntry("GET operationResult", 1L);
  }

  @Test
  void baselineWithNeverLeavesARebootPendingUntilARestart() {
    clock.set(java.time.Instant.parse("2025-04-20T10:00:00Z"));
    var poller =
        vms.beginInstallPatches("rg-app", "app-2", install(VMGuestPatchRebootSetting.NEVER, false));
    pollToEnd(poller, Duration.ofMinutes(10));
    VirtualMachineInstallPatchesResultInner result = poller.getFinalResult();
    assertThat(result.rebootStatus()).isEqualTo(VMGuestPatchRebootStatus.REQUIRED);
    assertThat(result.patches())
        .extracting(p -> p.kbId() + ":" + p.installationState())
        .containsExactly("5250004:Installed");
    SimulatedVmView vm = sim.vm(SUB, "rg-app", "app-2").orElseThrow();
    assertThat(vm.rebootPending()).isTrue();
    assertThat(vm.osBuild()).isEqualTo("20348.2700");
    assertThat(sim.rebootLedger()).isEmpty();

    var restart = vms.beginRestart("rg-app", "app-2");
    pollToEnd(restart, Duration.ofMinutes(5));
    restart.getFinalResult();
    assertThat(sim.rebootLedger())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.cause()).isEqualTo("restart");
              assertThat(r.kb()).isEqualTo("KB5250004");
              assertThat(r.vmId()).isEqualTo(vm.id());
              assertThat(dev.hotpatch.operator.azure.VmRef.parse(r.vmId()))
                  .isEqualTo(new dev.hotpatch.operator.azure.VmRef(SUB, "RG-APP", "app-2"));
              assertThat(r.vmName()).isEqualTo("app-2");
            });
    assertThat(sim.vm(SUB, "rg-app", "app-2").orElseThrow().osBuild()).isEqualTo("20348.2850");
  }

  @Test
  void baselineWithIfRequiredRebootsIntoTheLedger() {
    clock.set(java.time.Instant.parse("2025-04-20T10:00:00Z"));
    var poller =
        vms.beginInstallPatches(
            "rg-app", "app-3", install(VMGuestPatchRebootSetting.IF_REQUIRED, false));
    PollResponse<?> last = pollToEnd(poller, Duration.ofMinutes(10));
    assertThat(last.getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    assertThat(poller.getFinalResult().rebootStatus())
        .isEqualTo(VMGuestPatchRebootStatus.COMPLETED);
    assertThat(sim.rebootLedger())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.cause()).isEqualTo("installPatches");
              assertThat(r.kb()).isEqualTo("KB5250004");
              assertThat(r.time()).isEqualTo(java.time.Instant.parse("2025-04-20T10:20:00Z"));
              assertThat(r.operationId())
                  .isEqualTo(poller.getFinalResult().installationActivityId());
            });
    assertThat(sim.vm(SUB, "rg-app", "app-3").orElseThrow().osBuild()).isEqualTo("20348.2850");
  }

  @Test
  void excludeKbsRequiringRebootDropsTheBaseline() {
    clock.set(java.time.Instant.parse("2025-05-20T10:00:00Z"));
    var poller =
        vms.beginInstallPatches("rg-app", "app-4", install(VMGuestPatchRebootSetting.NEVER, true));
    pollToEnd(poller, Duration.ofMinutes(10));
    assertThat(poller.getFinalResult().patches())
        .extracting(p -> p.kbId() + ":" + p.installationState())
        .containsExactly(
            "5250002:Installed", "5250003:Installed", "5250004:Excluded", "5250005:NotSelected");
    assertThat(sim.vm(SUB, "rg-app", "app-4").orElseThrow().osBuild()).isEqualTo("20348.2800");
  }

  @Test
  void kbNumbersNeedTheKbPrefix() {
    VirtualMachineInstallPatchesParameters params = install(VMGuestPatchRebootSetting.NEVER, true);
    params.windowsParameters().withKbNumbersToInclude(List.of("1111"));
    assertInvalid(
        () -> vms.installPatches("rg-app", "app-1", params),
        "InvalidParameter",
        "windowsParameters.kbNumbersToInclude",
        "The entry in 'kbNumbersToInclude' with value '1111' is not valid. It must be a KBID such as KB4512508.");
  }

  @Test
  void thirdPatchOperationInAMinuteIsThrottled() {
    pollToEnd(vms.beginAssessPatches("rg-app", "app-5"), Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    vms.beginAssessPatches("rg-app", "app-5");
    assertThatThrownBy(() -> vms.beginAssessPatches("rg-app", "app-5"))
        .isInstanceOfSatisfying(
            ApiErrorException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(429);
              assertThat(e.getValue().getCode()).isEqualTo("OperationNotAllowed");
              assertThat(e.getResponse().getHeaderValue("Retry-After")).isEqualTo("1");
              assertThat(e.getResponse().getHeaderValue("x-ms-ratelimit-remaining-resource"))
                  .contains("Microsoft.Compute/VMGuestPatchOperationResource;0");
            });
    clock.advance(Duration.ofMinutes(1));
    var poller = vms.beginAssessPatches("rg-app", "app-5");
    assertThat(poller.poll().getStatus()).isEqualTo(LongRunningOperationStatus.IN_PROGRESS);
  }

  @Test
  void assessReportsMissingKbsAsDigits() {
    clock.set(java.time.Instant.parse("2025-03-20T10:00:00Z"));
    var poller = vms.beginAssessPatches("rg-web", "web-1");
    pollToEnd(poller, Duration.ofSeconds(10));
    var result = poller.getFinalResult();
    assertThat(result).isNotNull();
    assertThat(result.availablePatches())
        .extracting(p -> p.kbId())
        .containsExactly("5250002", "5250003");
    assertThat(result.criticalAndSecurityPatchCount()).isEqualTo(2);
    assertThat(
            vms.instanceView("rg-web", "web-1")
                .patchStatus()
                .availablePatchSummary()
                .criticalAndSecurityPatchCount())
        .isEqualTo(2);
  }

  @Test
  void failedTransitionEndsFailedWithoutReboot() {
    clock.set(java.time.Instant.parse("2025-04-20T10:00:00Z"));
    sim.faults().failTransition("app-1");
    var poller =
        vms.beginInstallPatches(
            "rg-app", "app-1", install(VMGuestPatchRebootSetting.IF_REQUIRED, false));
    PollResponse<?> last = pollToEnd(poller, Duration.ofMinutes(10));
    assertThat(last.getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
    assertThat(sim.rebootLedger()).isEmpty();
    assertThat(sim.vm(SUB, "rg-app", "app-1").orElseThrow().osBuild()).isEqualTo("20348.2700");
  }

  @Test
  void hangingOperationsNeverFinish() {
    sim.faults().hangOperations("app-1");
    var poller =
        vms.beginInstallPatches("rg-app", "app-1", install(VMGuestPatchRebootSetting.NEVER, true));
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofHours(1));
      assertThat(poller.poll().getStatus()).isEqualTo(LongRunningOperationStatus.IN_PROGRESS);
    }
    assertThatThrownBy(
            () ->
                vms.beginInstallPatches(
                    "rg-app", "app-1", install(VMGuestPatchRebootSetting.NEVER, true)))
        .isInstanceOfSatisfying(
            ApiErrorException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(409));
  }

  @Test
  void injectedFaultsAnswerTheGivenErrorNTimes() {
    sim.faults()
        .failNext("GET", "(?i).*/virtualMachines/web-1$", 500, "InternalServerError", "boom", 1);
    assertThatThrownBy(() -> vms.getByResourceGroup("rg-web", "web-1"))
        .isInstanceOfSatisfying(
            ApiErrorException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(500);
              assertThat(e.getValue().getMessage()).isEqualTo("boom");
            });
    assertThat(vms.getByResourceGroup("rg-web", "web-1").name()).isEqualTo("web-1");
  }

  @Test
  void vmDeletedOutOfBandIsGone() {
    assertThat(sim.deleteVmOutOfBand(SUB, "rg-web", "web-1")).isTrue();
    assertThatThrownBy(() -> vms.getByResourceGroup("rg-web", "web-1"))
        .isInstanceOf(ApiErrorException.class);
  }

  @Test
  void stoppedVmRefusesPatchOperations() {
    sim.setPowerState(SUB, "rg-app", "app-1", "deallocated");
    assertThatThrownBy(() -> vms.beginAssessPatches("rg-app", "app-1"))
        .isInstanceOfSatisfying(
            ApiErrorException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(409));
    assertThat(vms.instanceView("rg-app", "app-1").statuses())
        .extracting(s -> s.code())
        .contains("PowerState/deallocated");
  }

  // --- helpers

  private PollResponse<?> pollToEnd(SyncPoller<?, ?> poller, Duration step) {
    for (int i = 0; i < 200; i++) {
      PollResponse<?> r = poller.poll();
      if (r.getStatus().isComplete()) {
        return r;
      }
      clock.advance(step);
    }
    throw new AssertionError("operation did not finish");
  }

  static VirtualMachineUpdateInner orchestrated() {
    return update(
        new PatchSettings()
            .withPatchMode(WindowsVMGuestPatchMode.AUTOMATIC_BY_PLATFORM)
            .withEnableHotpatching(true)
            .withAssessmentMode(WindowsPatchAssessmentMode.AUTOMATIC_BY_PLATFORM)
            .withAutomaticByPlatformSettings(
                new com.azure.resourcemanager.compute.models
                        .WindowsVMGuestPatchAutomaticByPlatformSettings()
                    .withRebootSetting(
                        com.azure.resourcemanager.compute.models
                            .WindowsVMGuestPatchAutomaticByPlatformRebootSetting.NEVER)
                    .withBypassPlatformSafetyChecksOnUserSchedule(false)));
  }

  static VirtualMachineUpdateInner update(PatchSettings ps) {
    return new VirtualMachineUpdateInner()
        .withOsProfile(
            new OSProfile()
                .withWindowsConfiguration(new WindowsConfiguration().withPatchSettings(ps)));
  }

  static VirtualMachineInstallPatchesParameters install(
      VMGuestPatchRebootSetting reboot, boolean excludeReboot) {
    return new VirtualMachineInstallPatchesParameters()
        .withRebootSetting(reboot)
        .withMaximumDuration("PT4H")
        .withWindowsParameters(
            new WindowsParameters().withExcludeKbsRequiringReboot(excludeReboot));
  }

  private static void assertInvalid(Runnable call, String code, String target, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ApiErrorException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
              assertThat(e.getValue().getCode()).isEqualTo(code);
              assertThat(e.getValue().getTarget()).isEqualTo(target);
              assertThat(e.getValue().getMessage()).isEqualTo(message);
            });
  }
}
