package dev.hotpatch.operator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import com.azure.resourcemanager.compute.models.VMGuestPatchRebootSetting;
import com.azure.resourcemanager.compute.models.VMGuestPatchRebootStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The realistic defaults together, through the real SDK: a baseline transition end to end. */
class AzureLikeTest {
  static final String SUB = SimulatorSdkTest.SUB;

  MutableClock clock = MutableClock.at("2025-04-20T10:00:00Z");
  ArmSimulator sim;

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void builderDefaultIsFriendly() {
    sim = ArmSimulator.builder().clock(clock).start();
    assertThat(sim.behaviour()).isEqualTo(SimulatorBehaviour.friendly());
  }

  @Test
  void baselineTransitionUnderAzureLikeBehaviour() {
    sim =
        ArmSimulator.builder()
            .clock(clock)
            .fleet(FleetSeed.fromYaml(SimulatorSdkTest.FLEET))
            .catalog(ReleaseCatalog.generate(2025))
            .behaviour(
                SimulatorBehaviour.azureLike()
                    .withTransientErrorProbability(0) // this test follows one poller by hand
                    .withStaleResultProbability(0))
            .start();
    VirtualMachinesClient vms = Sdk.vms(sim, SUB);
    Instant t0 = clock.instant();
    SyncPoller<?, ?> install =
        vms.beginInstallPatches(
            "rg-app",
            "app-1",
            SimulatorSdkTest.install(VMGuestPatchRebootSetting.IF_REQUIRED, false));
    install.poll();
    clock.advance(Duration.ofMinutes(20));
    assertThat(install.poll().getStatus().isComplete()).isTrue();
    var result =
        (com.azure.resourcemanager.compute.fluent.models.VirtualMachineInstallPatchesResultInner)
            install.getFinalResult();
    assertThat(result.rebootStatus()).isEqualTo(VMGuestPatchRebootStatus.COMPLETED);
    assertThat(result.startDateTime().toInstant()).isEqualTo(t0.plus(Duration.ofMinutes(2)));

    var rebooting = vms.instanceView("rg-app", "app-1");
    assertThat(rebooting.osVersion()).isNull(); // agent Not Ready for 5 min
    clock.advance(Duration.ofMinutes(5));
    String after = vms.instanceView("rg-app", "app-1").osVersion();
    assertThat(after)
        .isEqualTo(OsBuilds.osVersion(sim.vm(SUB, "rg-app", "app-1").orElseThrow().osBuild()));
    assertThat(sim.operationHistory())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.started()).isEqualTo(t0); // true time
              assertThat(r.ended()).isEqualTo(t0.plus(Duration.ofMinutes(20)));
              assertThat(r.rebooted()).isTrue();
            });
    assertThat(sim.rebootLedger())
        .singleElement()
        .satisfies(r -> assertThat(r.origin()).isEqualTo(Origin.CLIENT));
  }
}
