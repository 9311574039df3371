package dev.hotpatch.operator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpatch.operator.azure.AzureTarget;
import dev.hotpatch.operator.azure.Credentials;
import dev.hotpatch.operator.azure.RequestListener;
import dev.hotpatch.operator.azure.SdkAzureGateway;
import dev.hotpatch.operator.azure.VmRef;
import dev.hotpatch.operator.devtools.SimulatedClock;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.FleetSeed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet view reads a whole subscription in pages through the SDK and reports only what changed.
 */
class FleetViewTest {
  static final String SUB = "00000000-0000-0000-0000-0000000000aa";
  private ArmSimulator simulator;
  private FleetRegistry<String> registry;
  private final List<Set<String>> triggered = new ArrayList<>();
  private FleetView view;

  @BeforeEach
  void start() {
    SimulatedClock clock = new SimulatedClock(Instant.parse("2026-03-02T10:00:00Z"));
    simulator =
        ArmSimulator.builder()
            .clock(clock)
            .pageSize(50)
            .fleet(
                FleetSeed.fromYaml(
                    "vms:\n  - {subscriptionId: "
                        + SUB
                        + ", resourceGroup: rg, name: \"vm-{i}\", count: 120}\n"))
            .start();
    registry = new FleetRegistry<>(clock, Duration.ZERO, triggered::add);
    view =
        registry.view(
            "default",
            SUB,
            new SdkAzureGateway(
                AzureTarget.simulator(simulator.endpoint()),
                Credentials.DEFAULT,
                RequestListener.NONE));
    await().atMost(Duration.ofSeconds(30)).until(() -> !registry.loading());
  }

  @AfterEach
  void stop() {
    registry.close();
    simulator.close();
  }

  @Test
  void aWholeSubscriptionIsReadInPagedListsNotPerVm() {
    assertThat(view.get(new VmRef(SUB, "rg", "vm-77")))
        .get()
        .extracting(v -> v.osVersion())
        .isEqualTo("10.0.20348.2700");
    assertThat(view.size()).isEqualTo(120);
    assertThat(view.get(new VmRef(SUB, "RG", "VM-3")))
        .as("ARM names compare case-insensitively")
        .isPresent();
    var log = simulator.requestLog();
    assertThat(log).noneMatch(r -> r.path().toLowerCase().contains("/virtualmachines/vm-"));
    // 120 VMs, 50 a page: 3 pages for the model list and 3 for the run-time (statusOnly) list.
    assertThat(log).hasSize(6).allMatch(r -> r.method().equals("GET") && r.status() == 200);
  }

  @Test
  void aRefreshTriggersOnlyTheResourcesWhoseVmChanged() {
    registry.watch(new VmRef(SUB, "rg", "vm-1"), "ns/a");
    registry.watch(new VmRef(SUB, "rg", "vm-2"), "ns/b");
    view.get(new VmRef(SUB, "rg", "vm-1"));
    registry.refreshAll();
    assertThat(triggered).as("nothing changed").isEmpty();

    simulator.setPowerState(SUB, "rg", "vm-2", "deallocated");
    registry.refreshAll();
    assertThat(triggered).containsExactly(Set.of("ns/b"));

    simulator.deleteVmOutOfBand(SUB, "rg", "vm-1");
    registry.refreshAll();
    assertThat(triggered).last().isEqualTo(Set.of("ns/a"));
    assertThat(view.get(new VmRef(SUB, "rg", "vm-1"))).isEmpty();
  }

  @Test
  void aResourceWatchesOneVmAtATime() {
    registry.watch(new VmRef(SUB, "rg", "vm-1"), "ns/a");
    registry.watch(new VmRef(SUB, "rg", "vm-2"), "ns/a");
    view.get(new VmRef(SUB, "rg", "vm-1"));
    simulator.setPowerState(SUB, "rg", "vm-1", "deallocated");
    registry.refreshAll();
    assertThat(triggered).isEmpty();
    assertThat(registry.watchedResources()).containsExactly("ns/a");
    registry.unwatch("ns/a");
    assertThat(registry.watchedResources()).isEmpty();
  }

  /**
   * Regression: a list that began before a per-VM confirming read overwrote the newer snapshot with
   * its older one. The confirm lands while the list is in flight.
   */
  @Test
  void aListThatBeganBeforeAConfirmDoesNotOverwriteIt() {
    FleetRegistry<String> registry2 =
        new FleetRegistry<>(
            simulator.clock(),
            FleetRegistry.Mode.TICKED,
            dev.hotpatch.operator.policy.ListPacing.defaults(Duration.ofMinutes(2)),
            s -> {});
    var real =
        new SdkAzureGateway(
            AzureTarget.simulator(simulator.endpoint()), Credentials.DEFAULT, RequestListener.NONE);
    VmRef ref = new VmRef(SUB, "rg", "vm-7");
    FleetView[] slow = new FleetView[1];
    boolean[] first = {true};
    dev.hotpatch.operator.azure.AzureGateway listThenConfirm =
        (dev.hotpatch.operator.azure.AzureGateway)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {dev.hotpatch.operator.azure.AzureGateway.class},
                (proxy, method, args) -> {
                  Object result = method.invoke(real, args);
                  if (method.getName().equals("listVms") && !first[0]) {
                    // While this list was on the wire, a GET after a write saw a newer build.
                    var seen = real.getVm(ref).orElseThrow();
                    slow[0].confirm(ref, java.util.Optional.of(withBuild(seen, "10.0.20348.9999")));
                  }
                  first[0] = false;
                  return result;
                });
    slow[0] = registry2.view("default", SUB, listThenConfirm);
    slow[0].refresh();
    slow[0].refresh();
    assertThat(slow[0].get(ref).orElseThrow().osVersion()).isEqualTo("10.0.20348.9999");
    registry2.close();
  }

  private static dev.hotpatch.operator.azure.VmSnapshot withBuild(
      dev.hotpatch.operator.azure.VmSnapshot v, String osVersion) {
    return new dev.hotpatch.operator.azure.VmSnapshot(
        v.ref(),
        v.location(),
        v.provisioningState(),
        v.image(),
        v.patchSettings(),
        v.osName(),
        osVersion,
        v.powerState(),
        v.patchStatus(),
        v.tags());
  }
}
