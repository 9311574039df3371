package dev.hotpatch.operator.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.HotpatchOperator;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMStatus;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.PatchBaselineSpec.OsFamily;
import dev.hotpatch.operator.azure.AzureGateways;
import dev.hotpatch.operator.azure.AzureTarget;
import dev.hotpatch.operator.azure.FleetSource;
import dev.hotpatch.operator.azure.RequestListener;
import dev.hotpatch.operator.fleet.FleetView;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.reconciler.OperatorSettings;
import dev.hotpatch.operator.reconciler.ReconcileObserver;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.FleetSeed;
import dev.hotpatch.operator.simulator.Release;
import dev.hotpatch.operator.simulator.ReleaseCatalog;
import dev.hotpatch.operator.simulator.SimulatorBehaviour;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A subscription's first list that takes longer than the loading grace (30 s), as it does from
 * about 3,000 VMs on: the pages are paced at 100 a minute. Within the grace a new VM writes nothing
 * (its status would only say "loading", and the list's end reconciles it anyway); past it, each VM
 * says once that it waits ({@code Ready=False, FleetViewLoading}, no Event); once the list is in,
 * each converges. Here 40 VMs listed one a page (80 pages, 48 s) stand for 4,000.
 */
class FirstListPastTheGraceTest {
  private static final String NAMESPACE = "fleet";
  private static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000c1";
  private static final int VMS = 40;
  private static final Duration SLICE = Duration.ofMillis(250);

  private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-02-02T10:00:00Z"));
  private final AtomicLong statusWrites = new AtomicLong();
  private final ReconcileCounter counter = new ReconcileCounter();
  private final SimulatedRequeues requeues = new SimulatedRequeues(clock);
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
  void vmsSayTheyWaitOnlyOnceTheGraceIsOverAndConvergeWhenTheListEnds() throws Exception {
    Release baseline =
        ReleaseCatalog.generate(2026)
            .latestBaseline(OsFamily.WindowsServer2022AzureEdition, LocalDate.of(2026, 1, 31))
            .orElseThrow();
    start(baseline);

    advance(Duration.ofSeconds(20));
    assertThat(view().loaded()).as("80 pages at 100 a minute: not in after 20 s").isFalse();
    assertThat(hotpatchVms())
        .as("within the grace a new VM has nothing worth a status write")
        .allMatch(vm -> vm.getStatus() == null);
    assertThat(statusWrites.get()).isZero();

    advance(Duration.ofSeconds(15));
    assertThat(view().loaded()).as("still listing after 35 s").isFalse();
    assertThat(hotpatchVms())
        .as("past the grace each VM says it waits for the first list")
        .allSatisfy(
            vm -> {
              assertThat(readyReason(vm.getStatus())).isEqualTo("FleetViewLoading");
              assertThat(
                      Conditions.find(vm.getStatus().conditions, Conditions.READY)
                          .orElseThrow()
                          .getMessage())
                  .contains("waiting for the first list of subscription " + SUBSCRIPTION);
            });
    long loadingWrites = statusWrites.get();
    assertThat(loadingWrites).as("one write per VM, not one per page").isEqualTo(VMS);

    advance(Duration.ofSeconds(30));
    assertThat(view().loaded()).isTrue();
    assertThat(hotpatchVms().stream().map(vm -> readyReason(vm.getStatus())))
        .as("once the list is in, every VM converges")
        .containsOnly("Converged");
    assertThat(statusWrites.get() - loadingWrites).as("one more write each").isEqualTo(VMS);
    assertThat(kube.client().v1().events().inNamespace(NAMESPACE).list().getItems())
        .as("waiting for a list is not worth an Event")
        .noneMatch(e -> "FleetViewLoading".equals(e.getReason()));
  }

  private void start(Release baseline) {
    simulator =
        ArmSimulator.builder()
            .clock(clock)
            .catalog(ReleaseCatalog.generate(2026))
            .pageSize(1)
            .behaviour(SimulatorBehaviour.azureLike())
            .fleet(
                FleetSeed.fromYaml(
                    "vms:\n  - {subscriptionId: "
                        + SUBSCRIPTION
                        + ", resourceGroup: rg, name: \"vm-{i}\", count: "
                        + VMS
                        + ", osBuild: \""
                        + baseline.build()
                        + "\", patchSettings: {patchMode: AutomaticByPlatform,"
                        + " enableHotpatching: true, assessmentMode: AutomaticByPlatform,"
                        + " rebootSetting: Never}}\n"))
            .start();
    kube = LocalKubernetes.start();
    KubernetesClient client = kube.client();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    create(
        """
                    apiVersion: hotpatch.dev/v1alpha1
                    kind: PatchBaseline
                    metadata: {name: ws2022, namespace: %s}
                    spec:
                      os: WindowsServer2022AzureEdition
                      type: Planned
                      kb: %s
                      build: "%s"
                      released: "%s"
                      rollout:
                        maintenanceWindows:
                          - %s
                    """
            .formatted(
                NAMESPACE, baseline.kb(), baseline.build(), baseline.released(), FleetBench.WINDOW),
        PatchBaseline.class);
    for (int i = 1; i <= VMS; i++) {
      create(
          """
                      apiVersion: hotpatch.dev/v1alpha1
                      kind: HotpatchVM
                      metadata: {name: vm-%d, namespace: %s}
                      spec:
                        azure: {subscriptionId: %s, resourceGroup: rg, name: vm-%d}
                        baselineRef: {name: ws2022}
                      """
              .formatted(i, NAMESPACE, SUBSCRIPTION, i),
          HotpatchVM.class);
    }
    operator =
        HotpatchOperator.start(
            client,
            AzureGateways.sdk(
                AzureTarget.simulator(simulator.endpoint()),
                RequestListener.NONE,
                FleetSource.Reads.of(FleetSource.COMPUTE, clock)),
            OperatorSettings.defaults(clock),
            new HotpatchOperator.Options(Set.of(), null, Duration.ofMinutes(2))
                .withObserver(
                    new ReconcileObserver() {
                      @Override
                      public void reconciled(String controller, String outcome) {}

                      @Override
                      public void statusWritten(String controller) {
                        if (controller.equals(
                            dev.hotpatch.operator.reconciler.HotpatchVMReconciler.NAME)) {
                          statusWrites.incrementAndGet();
                        }
                      }
                    })
                .withJosdk(o -> o.withMetrics(counter))
                .simulatedTime(requeues));
    // The informers start in the background: every VM's first reconcile, before time moves.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (counter.submitted() < VMS && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000);
    }
    settle();
  }

  /** Creates the object this YAML describes, as kubectl create would. */
  private <T extends io.fabric8.kubernetes.api.model.HasMetadata> void create(
      String yaml, Class<T> type) {
    KubernetesClient client = kube.client();
    client.resource(client.getKubernetesSerialization().unmarshal(yaml, type)).create();
  }

  /** Moves the clock in the loader's 250 ms ticks, firing requeues as they fall due. */
  private void advance(Duration d) {
    for (Duration left = d; !left.isZero(); left = left.minus(SLICE)) {
      clock.advance(SLICE);
      operator.fleet().tick();
      var due = requeues.takeDue(clock.instant());
      if (!due.isEmpty()) {
        operator.fleetEvents().changed(due);
      }
      settle();
    }
  }

  private void settle() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while ((!counter.idle(Duration.ofMillis(3).toNanos()) || operator.fleet().loading())
        && System.nanoTime() < deadline) {
      LockSupport.parkNanos(200_000);
    }
  }

  private FleetView view() {
    return operator.fleet().views().stream().findFirst().orElseThrow();
  }

  private List<HotpatchVM> hotpatchVms() {
    List<HotpatchVM> vms =
        kube.client().resources(HotpatchVM.class).inNamespace(NAMESPACE).list().getItems();
    assertThat(vms).hasSize(VMS);
    return vms;
  }

  private static String readyReason(HotpatchVMStatus s) {
    return s == null
        ? ""
        : Conditions.find(s.conditions, Conditions.READY).map(c -> c.getReason()).orElse("");
  }
}
