package dev.hotpatch.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.HotpatchOperator;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.azure.AzureGateways;
import dev.hotpatch.operator.azure.AzureTarget;
import dev.hotpatch.operator.devtools.LocalKubernetes;
import dev.hotpatch.operator.devtools.SimulatedClock;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.reconciler.OperatorSettings;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.FleetSeed;
import dev.hotpatch.operator.simulator.SimulatorBehaviour;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression (fuzzer, seed 6323 of seed 1's run, index 6322): the gate allowed a transition at the
 * reconcile's start, the reads before the call took long (there, a slow step under load), and
 * installPatches went out with 47 minutes of the window left where a transition needs an hour (I1).
 * The window is now checked again when the call is due. Here Azure's answer to the fresh read
 * before the call comes 3h20m of simulated time later.
 */
class WindowClosingInE2eTest {
  private static final Instant WINDOW_OPENS = RolloutScenariosTest.WINDOW_OPENS; // 4h window
  private SimulatedClock clock;
  private ArmSimulator simulator;
  private LocalKubernetes kube;
  private HotpatchOperator operator;

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    if (kube != null) {
      kube.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  @Test
  void aCallDueAfterTheWindowClosedInIsNotMade() throws Exception {
    clock = new SimulatedClock(WINDOW_OPENS.plusSeconds(60));
    simulator =
        ArmSimulator.builder()
            .clock(clock)
            .behaviour(SimulatorBehaviour.friendly())
            .fleet(
                FleetSeed.fromYaml(
                    """
                    vms:
                      - {subscriptionId: %s, resourceGroup: rg-app, name: app-1, osBuild: "%s",
                         patchSettings: {patchMode: AutomaticByPlatform, enableHotpatching: true, assessmentMode: AutomaticByPlatform, rebootSetting: Never}}
                    """
                        .formatted(OperatorHarness.SUBSCRIPTION, RolloutScenariosTest.JANUARY)))
            .start();
    kube = LocalKubernetes.start();
    kube.client()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(OperatorHarness.NAMESPACE)
                .endMetadata()
                .build())
        .create();
    // Azure is slow to answer the read of app-1 that comes right before the call.
    AtomicBoolean slowed = new AtomicBoolean();
    operator =
        HotpatchOperator.start(
            kube.client(),
            AzureGateways.sdk(
                AzureTarget.simulator(simulator.endpoint()),
                (kind, status, took) -> {
                  if (kind.equals("GET virtualMachine") && !slowed.getAndSet(true)) {
                    clock.advance(Duration.ofMinutes(200));
                  }
                }),
            OperatorSettings.defaults(clock).withPollInterval(Duration.ofMillis(100)),
            new HotpatchOperator.Options(Set.of(), null, Duration.ZERO));
    Path file = Files.createTempFile("app", ".yaml");
    Files.writeString(
        file,
        RolloutScenariosTest.baseline("maxUnavailable: 1\n" + RolloutScenariosTest.WINDOWS)
            + """
            ---
            apiVersion: hotpatch.dev/v1alpha1
            kind: HotpatchVM
            metadata: {name: app-1}
            spec:
              azure: {subscriptionId: %s, resourceGroup: rg-app, name: app-1}
              baselineRef: {name: ws2022}
            """
                .formatted(OperatorHarness.SUBSCRIPTION));
    kube.applyFile(file, OperatorHarness.NAMESPACE);
    Files.delete(file);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              HotpatchVM vm =
                  kube.client()
                      .resources(HotpatchVM.class)
                      .inNamespace(OperatorHarness.NAMESPACE)
                      .withName("app-1")
                      .get();
              return vm != null
                  && vm.getStatus() != null
                  && Conditions.find(vm.getStatus().conditions, Conditions.READY)
                      .map(c -> c.getMessage().contains("when its call was due"))
                      .orElse(false);
            });
    assertThat(slowed).isTrue();
    assertThat(simulator.requestLog())
        .as("no installPatches with 39 minutes of the window left")
        .noneMatch(r -> r.path().toLowerCase().endsWith("/installpatches"));
    assertThat(operator.rolloutSlots().holders()).as("the slot was given back").isEmpty();
  }
}
