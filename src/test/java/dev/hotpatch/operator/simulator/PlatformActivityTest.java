package dev.hotpatch.operator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Azure's own automatic guest patching and reboots, lazily as the clock passes. */
class PlatformActivityTest {
  static final String SUB = SimulatorSdkTest.SUB;

  MutableClock clock;
  ArmSimulator sim;

  ArmSimulator start(String at, SimulatorBehaviour behaviour) {
    clock = MutableClock.at(at);
    sim =
        ArmSimulator.builder()
            .clock(clock)
            .fleet(FleetSeed.fromYaml(SimulatorSdkTest.FLEET))
            .catalog(ReleaseCatalog.generate(2025))
            .behaviour(behaviour)
            .start();
    return sim;
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void platformInstallsTheReleasedHotpatchOffPeakWithoutReboot() {
    start("2025-02-20T10:00:00Z", SimulatorBehaviour.friendly().withPlatformPatching(true));
    VirtualMachinesClient vms = Sdk.vms(sim, SUB);
    clock.set(Instant.parse("2025-02-21T01:59:00Z")); // 02:59 in Amsterdam
    assertThat(sim.vm(SUB, "rg-app", "app-1").orElseThrow().osBuild()).isEqualTo("20348.2700");
    assertThat(sim.operationHistory()).isEmpty();

    clock.set(Instant.parse("2025-02-21T02:00:00Z")); // 03:00 local: off-peak
    assertThat(vms.instanceView("rg-app", "app-1").osVersion()).isEqualTo("10.0.20348.2750");
    List<OperationRecord> history = sim.operationHistory();
    assertThat(history)
        .hasSize(5) // app-1..app-5; web-1 (AutomaticByOS) and legacy-1 (Manual) are not touched
        .allSatisfy(
            r -> {
              assertThat(r.origin()).isEqualTo(Origin.PLATFORM);
              assertThat(r.action()).isEqualTo("platformPatch");
              assertThat(r.kbs()).containsExactly("KB5250002");
              assertThat(r.started()).isEqualTo(Instant.parse("2025-02-21T02:00:00Z"));
              assertThat(r.status()).isEqualTo("Succeeded");
              assertThat(r.rebooted()).isFalse();
              assertThat(r.rebootCapable()).isFalse();
              assertThat(r.clientRequestId()).isNull();
            });
    assertThat(sim.vm(SUB, "rg-web", "web-1").orElseThrow().osBuild()).isEqualTo("20348.2700");
    assertThat(sim.rebootLedger()).isEmpty();

    clock.set(Instant.parse("2025-02-23T12:00:00Z")); // nothing new released: nothing to do
    assertThat(sim.operationHistory()).hasSize(5);
  }

  @Test
  void aNewBaselineStaysPendingUntilThePlatformReboots() {
    start("2025-04-20T10:00:00Z", SimulatorBehaviour.friendly().withPlatformPatching(true));
    clock.set(Instant.parse("2025-04-21T01:00:00Z")); // 03:00 CEST
    SimulatedVmView pending = sim.vm(SUB, "rg-app", "app-2").orElseThrow();
    assertThat(pending.rebootPending()).isTrue();
    assertThat(pending.pendingBaselineKb()).isEqualTo("KB5250004");
    assertThat(pending.osBuild()).isEqualTo("20348.2700");
    assertThat(sim.rebootLedger()).isEmpty();

    OperationRecord reboot = sim.rebootByPlatform(SUB, "rg-app", "app-2", "hostMaintenance");
    assertThat(reboot.action()).isEqualTo("platformReboot");
    assertThat(reboot.origin()).isEqualTo(Origin.PLATFORM);
    assertThat(reboot.rebooted()).isTrue();
    assertThat(reboot.rebootCapable()).isFalse();
    SimulatedVmView after = sim.vm(SUB, "rg-app", "app-2").orElseThrow();
    assertThat(after.rebootPending()).isFalse();
    assertThat(sim.catalog().baselineOf(after.osBuild()).orElseThrow().kb()).isEqualTo("KB5250004");
    assertThat(sim.rebootLedger())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.origin()).isEqualTo(Origin.PLATFORM);
              assertThat(r.cause()).isEqualTo("hostMaintenance");
              assertThat(r.kb()).isEqualTo("KB5250004");
              assertThat(r.vmName()).isEqualTo("app-2");
              assertThat(r.operationId()).isEqualTo(reboot.operationId());
            });
  }

  @Test
  void platformPatchesAtAConfiguredInterval() {
    start(
        "2025-02-20T10:00:00Z",
        SimulatorBehaviour.friendly()
            .withPlatformPatching(true)
            .withPlatformPatchInterval(Duration.ofHours(1)));
    clock.advance(Duration.ofMinutes(59));
    assertThat(sim.operationHistory()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(sim.operationHistory()).hasSize(5);
  }

  @Test
  void platformRebootsAtARateAreReproducibleFromTheSeed() {
    SimulatorBehaviour b =
        SimulatorBehaviour.friendly().withPlatformRebootsPerVmPerDay(4).withSeed(42);
    start("2025-02-20T10:00:00Z", b);
    clock.advance(Duration.ofDays(2));
    List<RebootRecord> first = sim.rebootLedger();
    sim.close();
    start("2025-02-20T10:00:00Z", b);
    clock.advance(Duration.ofDays(2));
    List<RebootRecord> second = sim.rebootLedger();
    assertThat(first).hasSizeBetween(20, 120); // 7 VMs x 2 days x 4 a day = 56 expected
    assertThat(second)
        .extracting(RebootRecord::time)
        .containsExactlyElementsOf(first.stream().map(RebootRecord::time).toList());
    assertThat(first).allSatisfy(r -> assertThat(r.origin()).isEqualTo(Origin.PLATFORM));
  }

  @Test
  void friendlyHasNoPlatformActivity() {
    start("2025-02-20T10:00:00Z", SimulatorBehaviour.friendly());
    clock.advance(Duration.ofDays(30));
    assertThat(sim.operationHistory()).isEmpty();
    assertThat(sim.rebootLedger()).isEmpty();
  }
}
