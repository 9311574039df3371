package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.HotpatchOperator;
import dev.hotpatch.operator.devtools.LocalKubernetes;
import dev.hotpatch.operator.devtools.SimulatedClock;
import dev.hotpatch.operator.reconciler.OperatorSettings;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.OperationTimings;
import dev.hotpatch.operator.simulator.ReleaseCatalog;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One mock API server, one ARM simulator and the operator pods sharing the leader lease, on one
 * simulated clock: reused by many schedules (each in its own namespaces and subscription) until it
 * has run its share or an operator stopped on its own.
 */
final class FuzzWorld implements AutoCloseable {
  static final String LEASE_NAMESPACE = "hotpatch-system";
  static final Instant EPOCH = Instant.parse("2026-01-20T00:00:00Z");

  /** A reconcile JOSDK holds for back-off may never come within a step; go on after this long. */
  private static final long LIMIT = TimeUnit.SECONDS.toNanos(3);

  /**
   * How long (real time) a settle waits for a live pod to take the lease; a pod that lead never
   * comes is the harness's failure, not a step without an operator.
   */
  private static final long LEADER_LIMIT = TimeUnit.SECONDS.toNanos(20);

  /** Watch events of a status write arrive this soon after it. */
  private static final long QUIET = TimeUnit.MILLISECONDS.toNanos(3);

  final SimulatedClock clock;
  final ArmSimulator sim;
  final LocalKubernetes kube;
  final Profile profile;
  final Mode mode;
  final OperatorSettings settings;
  final Stats stats;
  private final List<OperatorInstance> pods = new ArrayList<>();

  /**
   * Informer stops since the schedule began. One is a pod restart, as in a cluster (a watch can
   * break); this many in one schedule is a crash loop, which a bad object would cause (I6).
   */
  static final int CRASH_LOOP = 3;

  private final List<String> informerStops = new ArrayList<>();
  private int podCount;
  int schedules;
  final String subscription = "00000000-0000-0000-0000-00000000f022";
  int unplanned;

  /** How reconciles are driven. */
  enum Mode {
    /** Operations are followed when the runner moves the clock (polls are an hour of real time). */
    DRIVEN,
    /** The operator polls every 50 ms of real time while the clock ticks inside windows. */
    REALTIME
  }

  private FuzzWorld(Profile profile, Mode mode, long seed, Stats stats) {
    this.profile = profile;
    this.mode = mode;
    this.stats = stats;
    this.clock = new SimulatedClock(EPOCH);
    int year = LocalDate.ofInstant(EPOCH, ZoneOffset.UTC).getYear();
    this.sim =
        ArmSimulator.builder()
            .clock(clock)
            .catalog(ReleaseCatalog.generateYears(year - 1, year + 3))
            .timings(OperationTimings.defaults())
            .behaviour(profile.behaviour(seed))
            .start();
    this.kube = LocalKubernetes.start();
    kube.client()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(LEASE_NAMESPACE)
                .endMetadata()
                .build())
        .create();
    Duration poll = mode == Mode.REALTIME ? Duration.ofMillis(50) : Duration.ofHours(1);
    this.settings = OperatorSettings.defaults(clock).withPollInterval(poll);
    startPod();
  }

  static FuzzWorld start(Profile profile, Mode mode, long seed, Stats stats) {
    long t0 = System.nanoTime();
    FuzzWorld w = new FuzzWorld(profile, mode, seed, stats);
    stats.worldNanos += System.nanoTime() - t0;
    return w;
  }

  private OperatorInstance startPod() {
    OperatorInstance pod =
        OperatorInstance.start(
            "pod-" + (++podCount), kube, sim.endpoint(), settings, LEASE_NAMESPACE);
    pods.add(pod);
    return pod;
  }

  /** The pod holding the lease, waiting (real time) for one to take it. */
  OperatorInstance leader() {
    long deadline = System.nanoTime() + LEADER_LIMIT;
    while (System.nanoTime() < deadline && pods.stream().anyMatch(OperatorInstance::alive)) {
      for (OperatorInstance p : pods) {
        if (p.leading()) {
          return p;
        }
      }
      pause();
    }
    return null;
  }

  /**
   * Reconciles every VM once and returns as soon as nothing is queued or running (or after a
   * limit): event-driven, from JOSDK's own counts.
   */
  void settle() {
    long t0 = System.nanoTime();
    try {
      settleOnce();
    } finally {
      long took = System.nanoTime() - t0;
      stats.steps++;
      stats.settleNanos += took;
      if (took > LIMIT / 2) {
        stats.slowSettles++;
      }
    }
  }

  private void settleOnce() {
    long p0 = System.nanoTime();
    replaceDeadPods();
    OperatorInstance leader = leader();
    long p1 = System.nanoTime();
    stats.leaderNanos += p1 - p0;
    if (leader == null) {
      if (stoppedBy() == null) { // every pod alive, none leads: never a step without an operator
        throw new IllegalStateException("no operator pod took the lease");
      }
      return;
    }
    long deadline = System.nanoTime() + LIMIT;
    if (leader.counter.submitted() == 0) { // just took the lease: informers start, then reconcile
      while (leader.counter.submitted() == 0 && System.nanoTime() < deadline) {
        pause();
      }
    }
    long p2 = System.nanoTime();
    stats.firstNanos += p2 - p1;
    long before = leader.counter.submitted();
    leader.resyncAll();
    long p3 = System.nanoTime();
    stats.resyncNanos += p3 - p2;
    while ((!leader.counter.idle(QUIET) || leader.fleetLoading())
        && !leader.dead()
        && System.nanoTime() < deadline) {
      pause();
    }
    stats.idleNanos += System.nanoTime() - p3;
    stats.reconciles += leader.counter.submitted() - before;
    if (System.nanoTime() >= deadline) {
      stats.settleTimeouts++;
    }
    if (leader.dead()) {
      replaceDeadPods();
      settleOnce();
    }
  }

  /**
   * The lease of a pod that is gone runs out: the replacement waits out the lease duration, which
   * on the simulated clock is no time at all (nothing moves in Azure or the API server meanwhile).
   * Without this a replacement leads only after real seconds, many steps later, and the steps in
   * between see no operator at all.
   */
  private void leaseRunsOut(OperatorInstance gone) {
    var leases = kube.client().leases().inNamespace(LEASE_NAMESPACE);
    var lease = leases.withName(HotpatchOperator.LEASE_NAME).get();
    if (lease == null
        || lease.getSpec() == null
        || !gone.identity.equals(lease.getSpec().getHolderIdentity())) {
      return;
    }
    try {
      leases
          .withName(HotpatchOperator.LEASE_NAME)
          .edit(
              l -> {
                if (gone.identity.equals(l.getSpec().getHolderIdentity())) {
                  l.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));
                }
                return l;
              });
    } catch (KubernetesClientException e) { // a candidate took it meanwhile: as good
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  /** A crashed pod is restarted, as its Deployment would. */
  private void replaceDeadPods() {
    for (OperatorInstance p : List.copyOf(pods)) {
      if (p.dead()) {
        if (p.informerStop() != null) {
          informerStops.add(p.informerStop());
          stats.informerStops++;
        }
        pods.remove(p);
        p.closeInBackground();
        leaseRunsOut(p);
        stats.crashes++;
        if (pods.isEmpty()) {
          startPod();
        }
      }
    }
    if (pods.isEmpty()) {
      startPod();
    }
  }

  void armCrash(int nthCall, boolean afterCall) {
    OperatorInstance leader = leader();
    if (leader != null) {
      leader.armCrash(nthCall, afterCall);
    }
  }

  /** The pod stops gracefully and a new one starts (a rollout of the Deployment). */
  void restart() {
    OperatorInstance leader = leader();
    if (leader != null) {
      pods.remove(leader);
      leader.close();
      leaseRunsOut(leader);
    }
    stats.restarts++;
    startPod();
  }

  /**
   * A standby joins, then the leader leaves (gracefully, or killed); the standby takes the lease.
   */
  void handover(boolean graceful) {
    OperatorInstance old = leader();
    startPod();
    if (old != null) {
      pods.remove(old);
      if (graceful) {
        old.close();
      } else {
        old.kill();
        old.closeInBackground();
      }
      leaseRunsOut(old);
    }
    stats.handovers++;
  }

  void disarmCrashes() {
    pods.forEach(OperatorInstance::disarm);
  }

  List<String> heldSlots() {
    List<String> out = new ArrayList<>();
    pods.stream().filter(p -> !p.dead()).forEach(p -> out.addAll(p.heldSlots()));
    return out;
  }

  /** Why a pod stopped on its own (or kept stopping), or null. */
  String stoppedBy() {
    if (informerStops.size() >= CRASH_LOOP) {
      return "crash loop: informers stopped "
          + informerStops.size()
          + " times this schedule, first: "
          + informerStops.get(0);
    }
    return pods.stream()
        .map(OperatorInstance::stoppedBy)
        .filter(s -> s != null)
        .findFirst()
        .orElse(null);
  }

  /** A new schedule begins: its informer stops are counted afresh. */
  void newSchedule() {
    informerStops.clear();
  }

  /** Starts the operator afresh (its memory gone), e.g. after it leaked slots into the next run. */
  void freshOperator() {
    pods.forEach(
        p -> {
          p.close();
          leaseRunsOut(p);
        });
    pods.clear();
    startPod();
  }

  void namespace(String name) {
    kube.client()
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  private static void pause() {
    LockSupport.parkNanos(200_000); // real time for the operator's threads, never simulated time
  }

  @Override
  public void close() {
    pods.forEach(OperatorInstance::close);
    pods.clear();
    kube.close();
    sim.close();
  }
}
