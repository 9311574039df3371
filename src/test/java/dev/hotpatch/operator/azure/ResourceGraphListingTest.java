package dev.hotpatch.operator.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.operator.devtools.SimulatedClock;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.FleetSeed;
import dev.hotpatch.operator.simulator.OperationTimings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet read through Resource Graph gives the operator the same VM snapshots as the Compute
 * lists for the same simulated VMs, and falls back to the Compute lists when Resource Graph keeps
 * failing.
 */
class ResourceGraphListingTest {
  private static final String SUB = "00000000-0000-0000-0000-0000000000b1";
  private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-04-20T09:00:00Z"));
  private ArmSimulator sim;
  private SdkAzureGateway compute;
  private SdkAzureGateway graph;

  @BeforeEach
  void start() {
    sim =
        ArmSimulator.builder()
            .clock(clock)
            .resourceGraphLag(Duration.ZERO) // the same instant for both reads
            .fleet(
                FleetSeed.fromYaml(
                    """
                    vms:
                      - {subscriptionId: %1$s, resourceGroup: rg, name: "web-{i}", count: 60,
                         osBuild: "20348.3300", tags: {team: web}}
                      - {subscriptionId: %1$s, resourceGroup: rg, name: stopped,
                         osBuild: "20348.3300", powerState: deallocated}
                      - {subscriptionId: %1$s, resourceGroup: other, name: orchestrated,
                         osBuild: "20348.3300",
                         patchSettings: {patchMode: AutomaticByPlatform, enableHotpatching: true,
                           assessmentMode: AutomaticByPlatform}}
                    """
                        .formatted(SUB)))
            .timings(OperationTimings.defaults())
            .start();
    AzureTarget target = AzureTarget.simulator(sim.endpoint());
    compute = new SdkAzureGateway(target, Credentials.DEFAULT, RequestListener.NONE);
    graph =
        new SdkAzureGateway(
            target,
            Credentials.DEFAULT,
            RequestListener.NONE,
            new FleetSource.Reads(
                FleetSource.RESOURCE_GRAPH, clock, Duration.ofMinutes(2), Duration.ofMinutes(2)));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void resourceGraphRowsMapToTheSnapshotsOfTheComputeLists() {
    VmRef web1 = new VmRef(SUB, "rg", "web-1");
    OperationHandle install =
        compute.beginInstallPatches(
            web1, InstallRequest.hotpatchesOnly(List.of("KB5260002"), "PT2H"));
    clock.advance(Duration.ofHours(1));
    assertThat(compute.pollOperation(install).state()).isEqualTo(OperationStatus.State.SUCCEEDED);
    clock.advance(Duration.ofMinutes(10)); // past the instance view's lag, if any

    Map<VmRef, VmSnapshot> fromCompute = byRef(compute.listVms(SUB));
    VmListing listing = graph.startVmListing(SUB);
    assertThat(listing.fetchNext())
        .as("what is left of Resource Graph's quota, which the loader's pacing spreads")
        .isEqualTo(OptionalInt.of(14));
    assertThat(listing.done()).as("62 VMs are one page of Resource Graph").isTrue();
    assertThat(listing.source()).isEqualTo("resource-graph");
    assertThat(listing.lag()).isEqualTo(Duration.ofMinutes(2));
    Map<VmRef, VmSnapshot> fromGraph = byRef(listing.result());

    assertThat(fromGraph).hasSize(62);
    assertThat(fromGraph).isEqualTo(fromCompute);
    VmSnapshot installed = fromGraph.get(web1);
    assertThat(installed.patchStatus().installationStatus()).isNotNull();
    assertThat(installed.patchStatus().assessmentActivityId()).isNotNull();
    assertThat(installed.tags()).containsEntry("team", "web");
    assertThat(fromGraph.get(new VmRef(SUB, "rg", "stopped")).powerState())
        .isEqualTo("deallocated");
    assertThat(fromGraph.get(new VmRef(SUB, "other", "orchestrated")).patchSettings().patchMode())
        .isEqualTo("AutomaticByPlatform");
    assertThat(sim.requestCountsByKind()).containsEntry("POST resourceGraph", 1L);
  }

  @Test
  void throttledForLongerThanTheBoundTheListIsReadFromCompute() {
    sim.faults()
        .failNext(
            "POST",
            "(?i).*/providers/Microsoft.ResourceGraph/resources",
            429,
            "RateLimiting",
            "Client application has been throttled.",
            1000);
    VmListing listing = graph.startVmListing(SUB);
    assertThatThrownBy(listing::fetchNext)
        .isInstanceOfSatisfying(
            AzureException.class, e -> assertThat(e.httpStatus()).isEqualTo(429));
    clock.advance(Duration.ofSeconds(90));
    assertThatThrownBy(listing::fetchNext)
        .as("still within the bound: the loader backs off and asks Resource Graph again")
        .isInstanceOf(AzureException.class);
    assertThat(listing.source()).isEqualTo("resource-graph");

    clock.advance(Duration.ofSeconds(31));
    assertThat(listing.fetchNext()).isEqualTo(OptionalInt.empty());
    assertThat(listing.source())
        .isEqualTo("compute (fallback: resource-graph answered 429 RateLimiting for 121 s)");
    assertThat(listing.lag()).isZero();
    while (!listing.done()) {
      listing.fetchNext();
    }
    assertThat(listing.result()).hasSize(62);
    assertThat(sim.requestCountsByKind())
        .containsEntry("POST resourceGraph", 3L) // the third, past the bound, fell back
        .containsEntry("GET list", 4L); // two pages of run-time status, two of models
  }

  @Test
  void aRefusalThatRetryingCannotMendFallsBackAtOnce() {
    sim.faults()
        .failNext(
            "POST",
            "(?i).*/providers/Microsoft.ResourceGraph/resources",
            403,
            "AuthorizationFailed",
            "The client does not have authorization to perform the query.",
            1);
    VmListing listing = graph.startVmListing(SUB);
    listing.fetchNext();
    assertThat(listing.source())
        .isEqualTo("compute (fallback: resource-graph answered 403 AuthorizationFailed)");
    while (!listing.done()) {
      listing.fetchNext();
    }
    assertThat(listing.result()).hasSize(62);

    VmListing next = graph.startVmListing(SUB);
    next.fetchNext();
    assertThat(next.source())
        .as("each list tries Resource Graph first")
        .isEqualTo("resource-graph");
    assertThat(next.done()).isTrue();
  }

  private static Map<VmRef, VmSnapshot> byRef(List<VmSnapshot> vms) {
    return vms.stream().collect(Collectors.toMap(VmSnapshot::ref, Function.identity()));
  }
}
