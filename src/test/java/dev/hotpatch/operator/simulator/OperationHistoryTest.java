package dev.hotpatch.operator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import com.azure.resourcemanager.compute.models.VMGuestPatchRebootSetting;
import com.azure.resourcemanager.compute.models.VirtualMachineInstallPatchesParameters;
import com.azure.resourcemanager.compute.models.WindowsParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operation history a safety checker reads: what Azure ran, with true times. */
class OperationHistoryTest {
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
            .catalog(ReleaseCatalog.generate(2025))
            .start();
    vms = withRequestIds(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void recordsInstallsAndRestartsWithTheirRequestIdsAndTrueTimes() {
    Instant t0 = clock.instant();
    var install =
        vms.beginInstallPatches(
            "rg-app",
            "app-1",
            new VirtualMachineInstallPatchesParameters()
                .withRebootSetting(VMGuestPatchRebootSetting.IF_REQUIRED)
                .withMaximumDuration("PT4H")
                .withWindowsParameters(
                    new WindowsParameters().withKbNumbersToInclude(List.of("KB5250004"))));
    List<OperationRecord> running = sim.operationHistory();
    assertThat(running)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.action()).isEqualTo("installPatches");
              assertThat(r.vmId())
                  .isEqualTo(
                      "/subscriptions/"
                          + SUB
                          + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/app-1");
              assertThat(r.rebootSetting()).isEqualTo("IfRequired");
              assertThat(r.kbs()).containsExactly("KB5250004");
              assertThat(r.origin()).isEqualTo(Origin.CLIENT);
              assertThat(r.started()).isEqualTo(t0);
              assertThat(r.running()).isTrue();
              assertThat(r.ended()).isNull();
              assertThat(r.status()).isEqualTo("InProgress");
              assertThat(r.rebootCapable()).isTrue();
              assertThat(r.clientRequestId()).isNotBlank();
            });
    run(install);
    var restart = vms.beginRestart("rg-app", "app-2");
    run(restart);

    List<OperationRecord> history = sim.operationHistory();
    assertThat(history)
        .extracting(OperationRecord::action)
        .containsExactly("installPatches", "restart");
    OperationRecord done = history.get(0);
    assertThat(done.status()).isEqualTo("Succeeded");
    assertThat(done.rebooted()).isTrue();
    assertThat(done.ended()).isEqualTo(t0.plus(Duration.ofMinutes(20)));
    assertThat(done.operationId()).isEqualTo(running.get(0).operationId());
    assertThat(history.get(1).rebootCapable()).isTrue();
    assertThat(history.get(1).clientRequestId()).isNotEqualTo(done.clientRequestId());
    assertThat(sim.rebootLedger())
        .extracting(RebootRecord::operationId, RebootRecord::origin)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(done.operationId(), Origin.CLIENT),
            org.assertj.core.groups.Tuple.tuple(history.get(1).operationId(), Origin.CLIENT));
  }

  @Test
  void neverInstallIsNotRebootCapableAndSnapshotIsImmutable() {
    run(
        vms.beginInstallPatches(
            "rg-app", "app-1", SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, true)));
    List<OperationRecord> history = sim.operationHistory();
    assertThat(history).singleElement().satisfies(r -> assertThat(r.rebootCapable()).isFalse());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> history.clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private void run(SyncPoller<?, ?> poller) {
    for (int i = 0; i < 100; i++) {
      if (poller.poll().getStatus().isComplete()) {
        poller.getFinalResult();
        return;
      }
      clock.advance(Duration.ofMinutes(5));
    }
    throw new AssertionError("operation did not finish");
  }

  /** Like {@link Sdk#vms} but with the SDK's RequestIdPolicy (x-ms-client-request-id). */
  static VirtualMachinesClient withRequestIds(ArmSimulator sim) {
    Map<String, String> endpoints =
        Arrays.stream(AzureEnvironment.Endpoint.values())
            .collect(Collectors.toMap(AzureEnvironment.Endpoint::identifier, e -> sim.endpoint()));
    endpoints.put("microsoftGraphResourceId", sim.endpoint() + "/");
    HttpPipeline pipeline =
        new HttpPipelineBuilder()
            .httpClient(HttpClient.createDefault())
            .policies(new RequestIdPolicy())
            .build();
    return ComputeManager.authenticate(
            pipeline, new AzureProfile(Sdk.TENANT, SUB, new AzureEnvironment(endpoints)))
        .serviceClient()
        .getVirtualMachines();
  }
}
