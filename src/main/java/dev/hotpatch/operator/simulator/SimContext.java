package dev.hotpatch.operator.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/** Everything the request handlers share. All mutable state is guarded by {@link #lock}. */
final class SimContext {
  /** How often Resource Graph's index takes in ARM's state (once queried). */
  static final Duration RESOURCE_GRAPH_PICTURE_EVERY = Duration.ofSeconds(10);

  final Object lock = new Object();
  final Clock clock;
  final ReleaseCatalog catalog;
  final OperationTimings timings;
  final Throttler.Limits limits;
  final ArmRequestBuckets armBuckets;
  final int pageSize;
  final SimulatorBehaviour behaviour;

  /** The one source of randomness (seeded), drawn from under the lock. */
  final Random random;

  final VmStore vms = new VmStore();
  final Ledger ledger = new Ledger();
  final FaultInjector faults = new FaultInjector();
  final Throttler throttler = new Throttler();
  final OperationStore operations = new OperationStore(faults);
  final PatchEngine engine;
  final PlatformActivity platform;
  final ResourceStore resources = new ResourceStore();
  final ResourceGraphIndex graph;
  final ResourceGraphQuota graphQuota = ResourceGraphQuota.defaults();
  volatile String endpoint;

  SimContext(
      Clock clock,
      ReleaseCatalog catalog,
      OperationTimings timings,
      Throttler.Limits limits,
      int pageSize,
      SimulatorBehaviour behaviour,
      Duration resourceGraphLag,
      ArmRequestBuckets.Limits armLimits) {
    this.clock = clock;
    this.armBuckets = new ArmRequestBuckets(armLimits);
    this.graph = new ResourceGraphIndex(resourceGraphLag, RESOURCE_GRAPH_PICTURE_EVERY);
    this.catalog = catalog;
    this.timings = timings;
    this.limits = limits;
    this.pageSize = pageSize;
    this.behaviour = behaviour;
    this.random = new Random(behaviour.seed());
    this.engine = new PatchEngine(catalog, ledger, faults, this);
    this.platform = new PlatformActivity(this, clock.instant());
  }

  Instant now() {
    return clock.instant();
  }

  /** A timestamp as Azure reports it: on Azure's (skewed) clock. */
  String stamp(Instant t) {
    return t.plus(behaviour.clockSkew()).toString();
  }

  /** Lets Azure's work catch up with the clock: operations finish, the platform patches. */
  void advance(Instant now) {
    operations.advance(now);
    platform.advance(now);
    graph.observe(this, now);
  }

  /** True with probability p (p <= 0 never draws, so friendly runs use no randomness). */
  boolean chance(double p) {
    return p > 0 && random.nextDouble() < p;
  }
}
