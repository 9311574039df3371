package dev.hotpatch.operator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.azure.AzureTarget;
import dev.hotpatch.operator.azure.Credentials;
import dev.hotpatch.operator.azure.FleetSource;
import dev.hotpatch.operator.azure.RequestListener;
import dev.hotpatch.operator.azure.SdkAzureGateway;
import dev.hotpatch.operator.azure.VmRef;
import dev.hotpatch.operator.azure.VmSnapshot;
import dev.hotpatch.operator.devtools.SimulatedClock;
import dev.hotpatch.operator.policy.ListPacing;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.FleetSeed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A view read from a source that trails Azure (Resource Graph) is taken as that much older than its
 * list, and such a list does not undo what a per-VM read showed after the time it reflects.
 */
class LaggingFleetViewTest {
  private static final String SUB = "00000000-0000-0000-0000-0000000000c1";
  private static final Duration SIMULATED_LAG = Duration.ofMinutes(15);
  private static final Duration ASSUMED_LAG = Duration.ofMinutes(20);

  private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-04-20T09:00:00Z"));
  private final List<Set<String>> triggered = new ArrayList<>();
  private ArmSimulator sim;
  private FleetRegistry<String> registry;

  @AfterEach
  void stop() {
    registry.close();
    sim.close();
  }

  @Test
  void aLaggingListKeepsAConfirmNewerThanWhatItShows() {
    sim =
        ArmSimulator.builder()
            .clock(clock)
            .resourceGraphLag(SIMULATED_LAG)
            .fleet(
                FleetSeed.fromYaml(
                    "vms:\n  - {subscriptionId: %s, resourceGroup: rg, name: \"vm-{i}\", count: 2}\n"
                        .formatted(SUB)))
            .start();
    SdkAzureGateway gateway = gateway(FleetSource.RESOURCE_GRAPH);
    registry = registry();
    FleetView view = registry.view("default", SUB, gateway);
    Instant firstList = clock.instant();
    registry.tick();
    assertThat(view.loaded()).isTrue();
    assertThat(view.lastRefresh())
        .as("a Resource Graph list is as old as its start less the lag assumed")
        .isEqualTo(firstList.minus(ASSUMED_LAG));
    assertThat(view.health().source()).isEqualTo("resource-graph");

    // Both VMs are deallocated; the operator reads vm-1 itself (as after a write of its own).
    clock.advance(Duration.ofMinutes(1));
    sim.setPowerState(SUB, "rg", "vm-1", "deallocated");
    sim.setPowerState(SUB, "rg", "vm-2", "deallocated");
    VmRef vm1 = new VmRef(SUB, "rg", "vm-1");
    view.confirm(vm1, gateway.getVm(vm1));

    // The next list (10 minutes on) shows Azure as it was before the change.
    for (int i = 0; i < 11; i++) {
      clock.advance(Duration.ofMinutes(1));
      registry.tick();
    }
    // Resource Graph lists a quiet subscription at the active pace (every 2 minutes): the last
    // list here starts 12 minutes after the first, and still shows Azure before the change.
    Instant secondList = firstList.plus(Duration.ofMinutes(12));
    assertThat(view.lastRefresh()).isEqualTo(secondList.minus(ASSUMED_LAG));
    assertThat(view.get(new VmRef(SUB, "rg", "vm-2")).map(VmSnapshot::powerState))
        .as("the list itself is older than the change")
        .contains("running");
    assertThat(view.get(vm1).map(VmSnapshot::powerState))
        .as("the confirm is newer than what that list shows, so it stays")
        .contains("deallocated");
    assertThat(sim.requestCountsByKind()).containsEntry("POST resourceGraph", 7L);
  }

  @Test
  void aQuietSubscriptionIsListedEveryTwoMinutesThroughResourceGraphAndEveryTenThroughCompute() {
    sim =
        ArmSimulator.builder()
            .clock(clock)
            .fleet(
                FleetSeed.fromYaml(
                    "vms:\n  - {subscriptionId: %s, resourceGroup: rg, name: \"vm-{i}\", count: 2}\n"
                        .formatted(SUB)))
            .start();
    registry = registry();
    FleetView graph = registry.view("default", SUB, gateway(FleetSource.RESOURCE_GRAPH));
    FleetView compute = registry.view("compute", SUB, gateway(FleetSource.COMPUTE));
    List<Instant> graphLists = new ArrayList<>();
    List<Instant> computeLists = new ArrayList<>();
    for (int minute = 0; minute <= 20; minute++) {
      registry.tick();
      record(graphLists, graph.lastRefresh());
      record(computeLists, compute.lastRefresh());
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(graphLists).as("one query a list: the active pace even when quiet").hasSize(11);
    assertThat(computeLists)
        .as("50-VM pages: the idle pace (10 minutes after the list of minute 0 ended at 1)")
        .hasSize(2);
  }

  private FleetRegistry<String> registry() {
    return new FleetRegistry<>(
        clock,
        FleetRegistry.Mode.TICKED,
        ListPacing.defaults(Duration.ofMinutes(2)),
        triggered::add);
  }

  private SdkAzureGateway gateway(FleetSource source) {
    return new SdkAzureGateway(
        AzureTarget.simulator(sim.endpoint()),
        Credentials.DEFAULT,
        RequestListener.NONE,
        new FleetSource.Reads(source, clock, Duration.ofMinutes(2), ASSUMED_LAG));
  }

  private static void record(List<Instant> lists, Instant last) {
    if (last != null && (lists.isEmpty() || !lists.get(lists.size() - 1).equals(last))) {
      lists.add(last);
    }
  }
}
