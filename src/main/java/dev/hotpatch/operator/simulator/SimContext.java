package dev.hotpatch.operator.simulator;

import java.time.Clock;
import java.time.Instant;

/** Everything the request handlers share. All mutable state is guarded by {@link #lock}. */
final class SimContext {
  final Object lock = new Object();
  final Clock clock;
  final ReleaseCatalog catalog;
  final OperationTimings timings;
  final Throttler.Limits limits;
  final int pageSize;
  final VmStore vms = new VmStore();
  final Ledger ledger = new Ledger();
  final FaultInjector faults = new FaultInjector();
  final Throttler throttler = new Throttler();
  final OperationStore operations = new OperationStore(faults);
  final PatchEngine engine;
  final ResourceStore resources = new ResourceStore();
  volatile String endpoint;

  SimContext(
      Clock clock,
      ReleaseCatalog catalog,
      OperationTimings timings,
      Throttler.Limits limits,
      int pageSize) {
    this.clock = clock;
    this.catalog = catalog;
    this.timings = timings;
    this.limits = limits;
    this.pageSize = pageSize;
    this.engine = new PatchEngine(catalog, ledger, faults);
  }

  Instant now() {
    return clock.instant();
  }
}
