package dev.hotpatch.operator.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.Context;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import com.azure.resourcemanager.compute.models.ApiErrorException;
import com.azure.resourcemanager.compute.models.ExpandTypeForListVMs;
import com.azure.resourcemanager.compute.models.VMGuestPatchRebootSetting;
import com.azure.resourcemanager.compute.models.VMGuestPatchRebootStatus;
import dev.hotpatch.operator.api.PatchBaselineSpec.OsFamily;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Patch semantics across several calls: pending reboots, unplanned baselines, subscription limits.
 */
class PatchSemanticsTest {
  static final String SUB = SimulatorSdkTest.SUB;

  MutableClock clock;
  ArmSimulator sim;
  VirtualMachinesClient vms;

  @BeforeEach
  void start() {
    clock = MutableClock.at("2025-04-20T10:00:00Z");
    sim =
        ArmSimulator.builder()
            .clock(clock)
            .fleet(FleetSeed.fromYaml(SimulatorSdkTest.FLEET))
            .catalog(ReleaseCatalog.generate(2025, OsFamily.WindowsServer2022AzureEdition))
            .patchOperationLimits(2, 3)
            .start();
    vms = Sdk.vms(sim, SUB);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void ifRequiredCompletesABaselineLeftPendingByNever() {
    run(
        vms.beginInstallPatches(
            "rg-app", "app-1", SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, false)));
    assertThat(sim.vm(SUB, "rg-app", "app-1").orElseThrow().pendingBaselineKb())
        .isEqualTo("KB5250004");
    assertThat(
            vms.instanceView("rg-app", "app-1")
                .patchStatus()
                .availablePatchSummary()
                .rebootPending())
        .isTrue();
    clock.advance(Duration.ofMinutes(5));
    var second =
        vms.beginInstallPatches(
            "rg-app",
            "app-1",
            SimulatorSdkTest.install(VMGuestPatchRebootSetting.IF_REQUIRED, false));
    run(second);
    assertThat(second.getFinalResult().rebootStatus())
        .isEqualTo(VMGuestPatchRebootStatus.COMPLETED);
    assertThat(second.getFinalResult().patches()).isEmpty();
    assertThat(sim.rebootLedger())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.cause()).isEqualTo("installPatches");
              assertThat(r.kb()).isEqualTo("KB5250004");
            });
    SimulatedVmView vm = sim.vm(SUB, "rg-app", "app-1").orElseThrow();
    assertThat(vm.osBuild()).isEqualTo("20348.2850");
    assertThat(vm.rebootPending()).isFalse();
    assertThat(vm.installedKbs()).contains("KB5250004");
  }

  @Test
  void unplannedBaselineAddedWhileRunningIsOfferedAndBlocksTheOldHotpatches() {
    clock.set(Instant.parse("2025-05-20T10:00:00Z"));
    run(
        vms.beginInstallPatches(
            "rg-app", "app-2", SimulatorSdkTest.install(VMGuestPatchRebootSetting.ALWAYS, false)));
    assertThat(sim.vm(SUB, "rg-app", "app-2").orElseThrow().osBuild()).isEqualTo("20348.2850");
    sim.catalog()
        .addUnplanned(
            OsFamily.WindowsServer2022AzureEdition,
            LocalDate.of(2025, 5, 13),
            "KB5999005",
            "20348.2901");
    clock.advance(Duration.ofMinutes(30));
    var assess = vms.beginAssessPatches("rg-app", "app-2");
    run(assess);
    assertThat(assess.getFinalResult().availablePatches())
        .extracting(p -> p.kbId() + "/" + p.rebootBehavior())
        .containsExactly("5999005/CanRequestReboot");
    var hotpatchesOnly =
        vms.beginInstallPatches(
            "rg-app", "app-2", SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, true));
    run(hotpatchesOnly);
    assertThat(hotpatchesOnly.getFinalResult().patches())
        .extracting(p -> p.kbId() + ":" + p.installationState())
        .containsExactly("5999005:Excluded");
    assertThat(sim.rebootLedger()).hasSize(1);
  }

  @Test
  void includeListSelectsOnlyTheNamedKbs() {
    clock.set(Instant.parse("2025-03-20T10:00:00Z"));
    var params = SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, true);
    params.windowsParameters().withKbNumbersToInclude(List.of("KB5250002"));
    var poller = vms.beginInstallPatches("rg-app", "app-3", params);
    run(poller);
    assertThat(poller.getFinalResult().patches())
        .extracting(p -> p.kbId() + ":" + p.installationState())
        .containsExactly("5250002:Installed", "5250003:NotSelected");
    assertThat(sim.vm(SUB, "rg-app", "app-3").orElseThrow().osBuild()).isEqualTo("20348.2750");
  }

  @Test
  void subscriptionLimitAppliesAcrossVms() {
    vms.beginAssessPatches("rg-app", "app-1");
    vms.beginAssessPatches("rg-app", "app-2");
    vms.beginAssessPatches("rg-app", "app-3");
    assertThatThrownBy(() -> vms.beginAssessPatches("rg-app", "app-4"))
        .isInstanceOfSatisfying(
            ApiErrorException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(429);
              assertThat(e.getValue().getMessage())
                  .contains("VMGuestPatchOperationSubscriptionMaximum");
            });
    assertThat(sim.requestLog())
        .extracting(RequestRecord::status)
        .containsExactly(202, 202, 202, 429);
  }

  @Test
  void resourceGroupListExpandsInstanceView() {
    var list =
        vms
            .listByResourceGroup("rg-web", null, ExpandTypeForListVMs.INSTANCE_VIEW, Context.NONE)
            .stream()
            .toList();
    assertThat(list)
        .extracting(vm -> vm.instanceView().osVersion())
        .containsOnly("10.0.20348.2700");
    assertThat(vms.listByResourceGroup("rg-web").stream().toList())
        .allSatisfy(vm -> assertThat(vm.instanceView()).isNull());
  }

  private void run(SyncPoller<?, ?> poller) {
    for (int i = 0; i < 100; i++) {
      if (poller.poll().getStatus().isComplete()) {
        return;
      }
      clock.advance(Duration.ofMinutes(5));
    }
    throw new AssertionError("operation did not finish");
  }
}
