package dev.hotpatch.operator.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.FleetSeed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A call that may start an Azure operation is sent once: a 5xx could have come after the operation
 * started, so only reading Azure can tell. Reads are still retried. Regression: the pipeline's
 * retry policy sent POST installPatches again after a 500.
 */
class NoResendTest {
  private static final String SUB = "00000000-0000-0000-0000-000000000001";
  private ArmSimulator sim;
  private SdkAzureGateway gateway;

  @BeforeEach
  void start() {
    sim =
        ArmSimulator.builder()
            .throttleRetryAfterSeconds(3600)
            .clock(Clock.fixed(Instant.parse("2026-04-18T20:00:00Z"), ZoneOffset.UTC))
            .fleet(
                FleetSeed.fromYaml(
                    """
                    vms:
                      - {subscriptionId: %s, resourceGroup: rg, name: vm-1, osBuild: "20348.3300"}
                    """
                        .formatted(SUB)))
            .start();
    gateway =
        new SdkAzureGateway(
            AzureTarget.simulator(sim.endpoint()), Credentials.DEFAULT, RequestListener.NONE);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private long requests(String method, String pathEnd) {
    return sim.requestLog().stream()
        .filter(r -> r.method().equals(method) && r.path().toLowerCase().endsWith(pathEnd))
        .count();
  }

  @Test
  void installPatchesIsNotResentAfterAServerError() {
    sim.faults().failNext("POST", "(?i).*/installPatches$", 500, "InternalServerError", "lost", 1);
    VmRef vm = new VmRef(SUB, "rg", "vm-1");
    assertThatThrownBy(
            () ->
                gateway.beginInstallPatches(
                    vm, InstallRequest.hotpatchesOnly(List.of("KB5260001"), "PT2H")))
        .isInstanceOf(AzureException.class);
    assertThat(requests("POST", "/installpatches")).isEqualTo(1);
  }

  @Test
  void readsAreStillRetried() {
    sim.faults()
        .failNext("GET", "(?i).*/virtualMachines/vm-1$", 500, "InternalServerError", "x", 1);
    assertThat(gateway.getVm(new VmRef(SUB, "rg", "vm-1"))).isPresent();
    assertThat(requests("GET", "/vm-1")).isEqualTo(2);
  }

  /**
   * The simulator's Retry-After counts simulated seconds; waiting it out in real time lets none of
   * them pass. Regression: the SDK's retry policy honoured it anyway, so each transient 503 of a
   * poll or list stalled the fuzzer, the demo and the tests a real second (here an hour).
   */
  @Test
  @Timeout(30)
  void aSimulatorsRetryAfterIsNotWaitedOutInRealTime() {
    sim.faults().failNext("GET", "(?i).*/virtualMachines/vm-1$", 503, "ServiceUnavailable", "x", 1);
    assertThat(gateway.getVm(new VmRef(SUB, "rg", "vm-1"))).isPresent();
    assertThat(requests("GET", "/vm-1")).isEqualTo(2);
  }
}
