package dev.hotpatch.operator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.Context;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInstanceViewInner;
import com.azure.resourcemanager.compute.models.VMGuestPatchRebootSetting;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Instance views that lag, a skewed Azure clock and a VM agent Not Ready after a reboot. */
class InstanceViewBehaviourTest {
  static final String SUB = SimulatorSdkTest.SUB;

  MutableClock clock = MutableClock.at("2025-02-20T10:00:00Z");
  ArmSimulator sim;
  VirtualMachinesClient vms;

  void start(SimulatorBehaviour behaviour) {
    sim =
        ArmSimulator.builder()
            .clock(clock)
            .fleet(FleetSeed.fromYaml(SimulatorSdkTest.FLEET))
            .catalog(ReleaseCatalog.generate(2025))
            .behaviour(behaviour)
            .start();
    vms = Sdk.vms(sim, SUB);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void buildAndPatchStatusShowOnlyAfterTheLag() {
    start(SimulatorBehaviour.friendly().withInstanceViewLag(Duration.ofMinutes(3)));
    var install =
        vms.beginInstallPatches(
            "rg-app", "app-1", SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, true));
    install.poll();
    clock.advance(Duration.ofMinutes(10));
    install.poll();
    assertThat(install.getFinalResult().installedPatchCount()).isEqualTo(1);
    assertThat(sim.vm(SUB, "rg-app", "app-1").orElseThrow().osBuild()).isEqualTo("20348.2750");

    VirtualMachineInstanceViewInner early = vms.instanceView("rg-app", "app-1");
    assertThat(early.osVersion()).isEqualTo("10.0.20348.2700");
    assertThat(early.patchStatus().lastPatchInstallationSummary().status().toString())
        .isEqualTo("InProgress"); // what the agent reported at the start
    assertThat(listedOsVersion("app-1")).isEqualTo("10.0.20348.2700");

    clock.advance(Duration.ofMinutes(2).plusSeconds(59));
    assertThat(vms.instanceView("rg-app", "app-1").osVersion()).isEqualTo("10.0.20348.2700");
    clock.advance(Duration.ofSeconds(1));
    VirtualMachineInstanceViewInner late = vms.instanceView("rg-app", "app-1");
    assertThat(late.osVersion()).isEqualTo("10.0.20348.2750");
    assertThat(late.patchStatus().lastPatchInstallationSummary().installedPatchCount())
        .isEqualTo(1);
    assertThat(listedOsVersion("app-1")).isEqualTo("10.0.20348.2750");
  }

  @Test
  void friendlyInstanceViewIsLive() {
    start(SimulatorBehaviour.friendly());
    var install =
        vms.beginInstallPatches(
            "rg-app", "app-1", SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, true));
    install.poll();
    clock.advance(Duration.ofMinutes(10));
    install.poll();
    assertThat(vms.instanceView("rg-app", "app-1").osVersion()).isEqualTo("10.0.20348.2750");
  }

  @Test
  void reportedTimesAreOnAzuresSkewedClockWhileTheHistoryKeepsTrueTime() {
    start(SimulatorBehaviour.friendly().withClockSkew(Duration.ofMinutes(2)));
    Instant t0 = clock.instant();
    var install =
        vms.beginInstallPatches(
            "rg-app", "app-1", SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, true));
    install.poll();
    clock.advance(Duration.ofMinutes(10));
    install.poll();
    assertThat(install.getFinalResult().startDateTime().toInstant())
        .isEqualTo(t0.plus(Duration.ofMinutes(2)));
    var summary = vms.instanceView("rg-app", "app-1").patchStatus().lastPatchInstallationSummary();
    assertThat(summary.startTime().toInstant()).isEqualTo(t0.plusSeconds(120));
    assertThat(summary.lastModifiedTime().toInstant()).isEqualTo(t0.plusSeconds(720));
    assertThat(sim.operationHistory().get(0).started()).isEqualTo(t0);
    assertThat(sim.operationHistory().get(0).ended()).isEqualTo(t0.plusSeconds(600));
  }

  @Test
  void negativeSkewPutsAzureBehind() {
    start(SimulatorBehaviour.friendly().withClockSkew(Duration.ofSeconds(-90)));
    Instant t0 = clock.instant();
    VirtualMachineInner vm = vms.getByResourceGroup("rg-app", "app-1");
    assertThat(vm.timeCreated().toInstant()).isBefore(t0);
    assertThat(
            vms.instanceView("rg-app", "app-1")
                .patchStatus()
                .availablePatchSummary()
                .startTime()
                .toInstant())
        .isEqualTo(t0.minusSeconds(90));
  }

  @Test
  void agentIsNotReadyForAWhileAfterAReboot() {
    start(SimulatorBehaviour.friendly().withAgentNotReadyAfterReboot(Duration.ofMinutes(5)));
    SyncPoller<?, ?> restart = vms.beginRestart("rg-app", "app-2");
    restart.poll();
    clock.advance(Duration.ofMinutes(5));
    assertThat(restart.poll().getStatus().isComplete()).isTrue();
    VirtualMachineInstanceViewInner rebooting = vms.instanceView("rg-app", "app-2");
    assertThat(rebooting.vmAgent().statuses())
        .singleElement()
        .satisfies(s -> assertThat(s.displayStatus()).isEqualTo("Not Ready"));
    assertThat(rebooting.osName()).isNull();
    assertThat(rebooting.osVersion()).isNull();
    assertThat(rebooting.patchStatus()).isNull();
    assertThat(rebooting.statuses()).extracting(s -> s.code()).contains("PowerState/running");

    clock.advance(Duration.ofMinutes(5));
    VirtualMachineInstanceViewInner ready = vms.instanceView("rg-app", "app-2");
    assertThat(ready.vmAgent().statuses().get(0).displayStatus()).isEqualTo("Ready");
    assertThat(ready.osVersion()).isEqualTo("10.0.20348.2700");
    assertThat(ready.patchStatus().availablePatchSummary()).isNotNull();
  }

  private String listedOsVersion(String name) {
    return vms.list("true", null, null, Context.NONE).stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow()
        .instanceView()
        .osVersion();
  }
}
