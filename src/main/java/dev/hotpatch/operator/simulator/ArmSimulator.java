package dev.hotpatch.operator.simulator;

import com.sun.net.httpserver.HttpServer;
import dev.hotpatch.operator.simulator.FleetSeed.VmSeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process Azure Resource Manager for Compute VMs, spoken over HTTP on 127.0.0.1: VM
 * GET/PATCH/DELETE/list (with statusOnly and paging), instance view, assessPatches, installPatches,
 * restart, long-running operations, throttling and injected faults; and Resource Graph's query of
 * the fleet (rows that lag ARM, its own quota). Time comes only from the injected clock. The real
 * Azure SDK talks to it at {@link #endpoint()}.
 */
public final class ArmSimulator implements AutoCloseable {
  static {
    // Nagle off for the JDK HTTP server, as Main does: read once, when the JVM's first server
    // starts, and otherwise each answer waits out the client's delayed ACK (about 40 ms).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /**
   * Resource Graph's lag behind ARM unless told otherwise: most changes reach it in under 30 s,
   * some much later.
   */
  public static final java.time.Duration DEFAULT_RESOURCE_GRAPH_LAG =
      java.time.Duration.ofSeconds(30);

  private final SimContext ctx;
  private final HttpServer server;
  private final ExecutorService executor;

  private ArmSimulator(Builder b) {
    ctx =
        new SimContext(
            b.clock,
            b.catalog,
            b.timings,
            b.limits,
            b.pageSize,
            b.behaviour,
            b.resourceGraphLag,
            b.armLimits);
    for (VmSeed entry : b.fleet.vms()) {
      for (VmSeed seed : entry.expand()) { // defaults for seeds built in Java (FleetSeed.of)
        SimulatedVm vm = VmStore.fromSeed(seed, ctx.catalog, ctx.now());
        ctx.engine.initialAssessment(vm, ctx.now());
        vm.publish(java.time.Instant.EPOCH); // seeded VMs have reported for long
        ctx.vms.put(vm);
      }
    }
    Router router = new Router(ctx);
    VmHandlers vms = new VmHandlers(ctx);
    vms.register(router);
    vms.patchActions = new PatchActions(ctx, vms);
    vms.patchActions.register(router);
    new OperationHandlers(ctx).register(router);
    new ResourceGraphHandlers(ctx).register(router);
    ResourceHandlers resources = new ResourceHandlers(ctx);
    resources.register(router);
    new VmCreate(ctx, resources).register(router, vms);
    AtomicInteger n = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            b.threads,
            r -> {
              Thread t = new Thread(r, "arm-simulator-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 50);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot bind the ARM simulator to port " + b.port, e);
    }
    server.createContext("/", router);
    server.setExecutor(executor);
    server.start();
    ctx.endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** "http://127.0.0.1:PORT", no trailing slash: the resource manager endpoint for the SDK. */
  public String endpoint() {
    return ctx.endpoint;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Every request answered so far (method, path without query, api-version, status). */
  public List<RequestRecord> requestLog() {
    return ctx.ledger.requests();
  }

  /**
   * Request counts by "METHOD kind"; kinds: vm, list, instanceView, assessPatches, installPatches,
   * restart, operation, operationResult, resourceGraph, other (e.g. "GET list", "POST
   * installPatches").
   */
  public Map<String, Long> requestCountsByKind() {
    return ctx.ledger.countsByKind();
  }

  /** Every reboot of a simulated VM, in order. */
  public List<RebootRecord> rebootLedger() {
    synchronized (ctx.lock) {
      ctx.advance(ctx.now()); // operations and the platform may have rebooted VMs meanwhile
      return ctx.ledger.reboots();
    }
  }

  /**
   * Every operation on a VM ever started (by a client over HTTP or by the platform), in start
   * order, including those whose HTTP answer was lost. Times are true (never skewed). Operations on
   * other resources (networks, disks) are not included.
   */
  public List<OperationRecord> operationHistory() {
    synchronized (ctx.lock) {
      ctx.advance(ctx.now());
      return ctx.operations.history();
    }
  }

  public Optional<SimulatedVmView> vm(String subscriptionId, String resourceGroup, String name) {
    synchronized (ctx.lock) {
      ctx.advance(ctx.now());
      return ctx.vms.find(subscriptionId, resourceGroup, name).map(SimulatedVm::view);
    }
  }

  public List<SimulatedVmView> vms() {
    synchronized (ctx.lock) {
      ctx.advance(ctx.now());
      return ctx.vms.all().stream().map(SimulatedVm::view).toList();
    }
  }

  /** Adds a VM as if it had existed all along (createdBy "seed"). */
  public SimulatedVmView addVm(VmSeed seed) {
    synchronized (ctx.lock) {
      SimulatedVm vm = VmStore.fromSeed(seed.expand().get(0), ctx.catalog, ctx.now());
      ctx.engine.initialAssessment(vm, ctx.now());
      vm.publish(java.time.Instant.EPOCH);
      ctx.vms.put(vm);
      return vm.view();
    }
  }

  /** Removes a VM behind the operator's back (as if deleted in the portal). */
  public boolean deleteVmOutOfBand(String subscriptionId, String resourceGroup, String name) {
    synchronized (ctx.lock) {
      return ctx.vms.remove(subscriptionId, resourceGroup, name);
    }
  }

  /** Sets the power state ("running", "stopped", "deallocated", ...). */
  public void setPowerState(
      String subscriptionId, String resourceGroup, String name, String powerState) {
    synchronized (ctx.lock) {
      SimulatedVm vm =
          ctx.vms
              .find(subscriptionId, resourceGroup, name)
              .orElseThrow(() -> new IllegalArgumentException("no VM " + name));
      vm.powerState = powerState;
      vm.touch();
    }
  }

  /**
   * Reboots the VM now for a reason of Azure's or the guest's own (host maintenance, a person's
   * restart inside the VM): completes a pending baseline, writes a ledger entry of origin PLATFORM
   * and a {@code platformReboot} history record. Returns that record.
   */
  public OperationRecord rebootByPlatform(
      String subscriptionId, String resourceGroup, String name, String cause) {
    synchronized (ctx.lock) {
      ctx.advance(ctx.now());
      SimulatedVm vm =
          ctx.vms
              .find(subscriptionId, resourceGroup, name)
              .orElseThrow(() -> new IllegalArgumentException("no VM " + name));
      return ctx.platform.reboot(vm, ctx.now(), cause).record();
    }
  }

  /** The behaviour this simulator was started with. */
  public SimulatorBehaviour behaviour() {
    return ctx.behaviour;
  }

  public FaultInjector faults() {
    return ctx.faults;
  }

  public ReleaseCatalog catalog() {
    return ctx.catalog;
  }

  public Clock clock() {
    return ctx.clock;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Configures and starts a simulator. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private FleetSeed fleet = FleetSeed.empty();
    private ReleaseCatalog catalog;
    private OperationTimings timings = OperationTimings.defaults();
    private Throttler.Limits limits = Throttler.Limits.defaults();
    private int port;
    private int pageSize = 50;
    private int threads = 4;
    private SimulatorBehaviour behaviour = SimulatorBehaviour.friendly();
    private java.time.Duration resourceGraphLag = DEFAULT_RESOURCE_GRAPH_LAG;
    private ArmRequestBuckets.Limits armLimits = ArmRequestBuckets.Limits.azure();

    private Builder() {}

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder fleet(FleetSeed fleet) {
      this.fleet = fleet;
      return this;
    }

    public Builder catalog(ReleaseCatalog catalog) {
      this.catalog = catalog;
      return this;
    }

    public Builder timings(OperationTimings timings) {
      this.timings = timings;
      return this;
    }

    /** 0 (default) picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** VMs per list page (default 50). */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /** Guest patch operations (assess + install) per VM and per subscription in a minute. */
    public Builder patchOperationLimits(int perVmPerMinute, int perSubscriptionPerMinute) {
      limits =
          new Throttler.Limits(
              perVmPerMinute,
              perSubscriptionPerMinute,
              limits.listPerSubscription(),
              limits.retryAfterSeconds());
      return this;
    }

    /** List calls per subscription in a minute (default 300). */
    public Builder listLimit(int perSubscriptionPerMinute) {
      limits =
          new Throttler.Limits(
              limits.patchPerVm(),
              limits.patchPerSubscription(),
              perSubscriptionPerMinute,
              limits.retryAfterSeconds());
      return this;
    }

    /** Retry-After seconds sent with 429s (default 1; the SDK really sleeps on it). */
    public Builder throttleRetryAfterSeconds(int seconds) {
      limits =
          new Throttler.Limits(
              limits.patchPerVm(),
              limits.patchPerSubscription(),
              limits.listPerSubscription(),
              seconds);
      return this;
    }

    /**
     * ARM's read bucket per subscription: {@code burst} tokens refilled {@code perSecond} a second
     * (default Azure's: 250 and 25); a request finding it empty is answered 429
     * SubscriptionRequestsThrottled with Retry-After.
     */
    public Builder armReadLimit(double perSecond, int burst) {
      armLimits =
          new ArmRequestBuckets.Limits(
              perSecond,
              burst,
              armLimits.writesPerSecond(),
              armLimits.writeBurst(),
              armLimits.deletesPerSecond(),
              armLimits.deleteBurst());
      return this;
    }

    /** No ARM throttling of reads, writes or deletes (Compute's own limits stay). */
    public Builder noArmRequestLimits() {
      armLimits = ArmRequestBuckets.Limits.off();
      return this;
    }

    /** How honest to be (default {@link SimulatorBehaviour#friendly()}). */
    public Builder behaviour(SimulatorBehaviour behaviour) {
      this.behaviour = behaviour;
      return this;
    }

    /**
     * How far Resource Graph's rows trail ARM (default {@link #DEFAULT_RESOURCE_GRAPH_LAG}; zero:
     * rows are ARM's state at the query).
     */
    public Builder resourceGraphLag(java.time.Duration lag) {
      this.resourceGraphLag = lag;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public ArmSimulator start() {
      if (catalog == null) {
        int year =
            java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).getYear();
        catalog = ReleaseCatalog.generateYears(year - 1, year + 1);
      }
      return new ArmSimulator(this);
    }
  }
}
