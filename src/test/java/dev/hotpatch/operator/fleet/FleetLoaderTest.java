package dev.hotpatch.operator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpatch.operator.azure.AzureTarget;
import dev.hotpatch.operator.azure.Credentials;
import dev.hotpatch.operator.azure.RequestListener;
import dev.hotpatch.operator.azure.SdkAzureGateway;
import dev.hotpatch.operator.azure.VmRef;
import dev.hotpatch.operator.devtools.SimulatedClock;
import dev.hotpatch.operator.policy.ListPacing;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.FleetSeed;
import dev.hotpatch.operator.simulator.RequestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loader is the only thread that lists: once per subscription however many reconciles ask,
 * pages spread on the injected clock, and a throttled page waits out Azure's Retry-After.
 */
class FleetLoaderTest {
  static final String SUB = "00000000-0000-0000-0000-0000000000aa";
  static final String OTHER_SUB = "00000000-0000-0000-0000-0000000000bb";
  private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-03-02T10:00:00Z"));
  private ArmSimulator simulator;
  private FleetRegistry<String> registry;
  private final List<Set<String>> triggered = Collections.synchronizedList(new ArrayList<>());

  private void start(ArmSimulator.Builder sim, FleetRegistry.Mode mode) {
    simulator =
        sim.clock(clock)
            .pageSize(50)
            .fleet(
                FleetSeed.fromYaml(
                    "vms:\n  - {subscriptionId: "
                        + SUB
                        + ", resourceGroup: rg, name: \"vm-{i}\", count: 120}\n"))
            .start();
    registry =
        new FleetRegistry<>(
            clock, mode, ListPacing.defaults(Duration.ofMinutes(2)), triggered::add);
  }

  private FleetView view() {
    return registry.view(
        "default",
        SUB,
        new SdkAzureGateway(
            AzureTarget.simulator(simulator.endpoint()),
            Credentials.DEFAULT,
            RequestListener.NONE));
  }

  private List<RequestRecord> lists() {
    return simulator.requestLog().stream()
        .filter(r -> r.path().toLowerCase().endsWith("/virtualmachines"))
        .toList();
  }

  @AfterEach
  void stop() {
    registry.close();
    simulator.close();
  }

  /**
   * Regression (cold-start list storm): every reconcile that read a view not loaded yet listed the
   * whole subscription itself. Fifty reconciles at once now cause one list: 3 pages of the run-time
   * list and 3 of the model list for 120 VMs.
   */
  @Test
  void fiftyReconcilesOfANewViewCauseOneList() throws Exception {
    start(ArmSimulator.builder(), FleetRegistry.Mode.ON_DEMAND);
    ExecutorService pool = Executors.newFixedThreadPool(50);
    CountDownLatch go = new CountDownLatch(1);
    List<java.util.concurrent.Future<Boolean>> seen = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      VmRef ref = new VmRef(SUB, "rg", "vm-" + i);
      seen.add(
          pool.submit(
              () -> {
                go.await();
                FleetView v = view();
                return v.loaded() ? v.get(ref).isPresent() : v.get(ref).isEmpty();
              }));
    }
    go.countDown();
    for (var f : seen) {
      assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
    }
    pool.shutdown();
    await().atMost(Duration.ofSeconds(30)).until(() -> !registry.loading());
    assertThat(lists()).hasSize(6).allMatch(r -> r.status() == 200);
    assertThat(view().loaded()).isTrue();
    assertThat(view().size()).isEqualTo(120);
  }

  @Test
  void theFirstLoadWakesTheWatchersOfItsSubscriptionOnly() {
    loadWatchingAVmAMissingOneAndOneInAnotherSubscription();
    assertThat(triggered)
        .as("they were waiting with FleetViewLoading; a VM not in Azure learns it too")
        .containsExactly(Set.of("ns/a", "ns/missing"));
  }

  /** ns/a watches vm-1, ns/missing a VM Azure does not have, ns/other a VM of OTHER_SUB. */
  private void loadWatchingAVmAMissingOneAndOneInAnotherSubscription() {
    start(ArmSimulator.builder(), FleetRegistry.Mode.ON_DEMAND);
    registry.watch(new VmRef(SUB, "rg", "vm-1"), "ns/a");
    registry.watch(new VmRef(SUB, "rg", "vm-404"), "ns/missing");
    registry.watch(new VmRef(OTHER_SUB, "rg", "vm-1"), "ns/other");
    view();
    await().atMost(Duration.ofSeconds(30)).until(() -> !registry.loading());
  }

  /** A view change for a VM following its operation is skipped only while the view lists it. */
  @Test
  void aVmGoneFromAzureIsNoLongerInView() {
    loadWatchingAVmAMissingOneAndOneInAnotherSubscription();
    assertThat(registry.inView("ns/a")).isTrue();
    assertThat(registry.inView("ns/missing")).isFalse();
    assertThat(registry.inView("ns/other")).as("no view of its subscription").isFalse();
    assertThat(registry.inView("ns/unwatched")).isFalse();

    simulator.deleteVmOutOfBand(SUB, "rg", "vm-1");
    registry.refreshAll();
    assertThat(registry.inView("ns/a")).isFalse();
    assertThat(triggered).last().isEqualTo(Set.of("ns/a"));
  }

  @Test
  void pagesAreSpreadOnTheInjectedClockAndNothingIsReadBeforeTheListEnds() {
    start(ArmSimulator.builder(), FleetRegistry.Mode.TICKED);
    FleetView view = view();
    assertThat(lists()).as("nothing is listed until the loader's turn").isEmpty();
    for (int tick = 0; tick < 5; tick++) {
      registry.tick();
      registry.tick(); // a second turn at the same instant sends nothing more
      assertThat(lists()).hasSize(tick + 1);
      assertThat(view.loaded()).isFalse();
      clock.advance(Duration.ofMillis(600));
    }
    registry.tick();
    assertThat(view.loaded()).isTrue();
    assertThat(view.size()).isEqualTo(120);
    List<Instant> sent = lists().stream().map(RequestRecord::time).toList();
    for (int i = 1; i < sent.size(); i++) {
      assertThat(Duration.between(sent.get(i - 1), sent.get(i)))
          .as("100 pages a minute at most")
          .isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }
    assertThat(view.lastRefresh()).as("as old as the list's first page").isEqualTo(sent.get(0));
  }

  /** Azure says 4 list calls a minute are left: the loader spreads them and is never refused. */
  @Test
  void aSmallBudgetIsSpreadOutNotSpent() {
    start(ArmSimulator.builder().listLimit(4), FleetRegistry.Mode.TICKED);
    FleetView view = view();
    for (int second = 0; second < 600 && !view.loaded(); second++) {
      registry.tick();
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(view.loaded()).isTrue();
    assertThat(lists()).hasSize(6).allMatch(r -> r.status() == 200);
  }

  /** Someone else spent the subscription's list budget: the loader's page is refused with 429. */
  @Test
  void aThrottledPageWaitsOutRetryAfterThenTheListCompletes() {
    start(
        ArmSimulator.builder().listLimit(4).throttleRetryAfterSeconds(25),
        FleetRegistry.Mode.TICKED);
    FleetView view = view();
    try {
      view.gateway().listVms(SUB); // another reader: 4 pages pass, the 5th is refused
    } catch (dev.hotpatch.operator.azure.AzureException expected) {
      assertThat(expected.httpStatus()).isEqualTo(429);
    }
    simulator.requestLog(); // (the other reader's pages are in the log before ours)
    int othersPages = lists().size();
    Instant throttledAt = null;
    for (int second = 0; second < 300 && !view.loaded(); second++) {
      int before = lists().size();
      registry.tick();
      List<RequestRecord> now = lists();
      if (now.size() > before && now.get(now.size() - 1).status() == 429 && throttledAt == null) {
        throttledAt = clock.instant();
        assertThat(view.health().lastError()).contains("429");
        assertThat(view.health().nextAttemptAt()).isEqualTo(throttledAt.plusSeconds(25));
      }
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(throttledAt).as("the 5th page in a minute is throttled").isNotNull();
    assertThat(view.loaded()).isTrue();
    assertThat(view.size()).isEqualTo(120);
    List<RequestRecord> all = lists().subList(othersPages, lists().size());
    for (int i = 1; i < all.size(); i++) {
      if (all.get(i - 1).status() == 429) {
        assertThat(Duration.between(all.get(i - 1).time(), all.get(i).time()))
            .as("no page inside a Retry-After wait")
            .isGreaterThanOrEqualTo(Duration.ofSeconds(25));
      }
    }
    assertThat(all.stream().filter(r -> r.status() == 429).count())
        .as("back-off, not a page a second against a closed budget")
        .isLessThanOrEqualTo(3);
    assertThat(view.health().lastError()).isNull();
  }
}
