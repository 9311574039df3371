package dev.hotpatch.operator.devtools;

import dev.hotpatch.operator.HotpatchOperator;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.PatchBaselineSpec.OsFamily;
import dev.hotpatch.operator.azure.AzureGateways;
import dev.hotpatch.operator.azure.AzureTarget;
import dev.hotpatch.operator.azure.FleetSource;
import dev.hotpatch.operator.azure.RequestListener;
import dev.hotpatch.operator.policy.MaintenanceSchedule;
import dev.hotpatch.operator.policy.WindowRule;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.reconciler.HotpatchVMReconciler;
import dev.hotpatch.operator.reconciler.OperatorSettings;
import dev.hotpatch.operator.reconciler.ReconcileObserver;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.FleetSeed;
import dev.hotpatch.operator.simulator.OperationRecord;
import dev.hotpatch.operator.simulator.Origin;
import dev.hotpatch.operator.simulator.RebootRecord;
import dev.hotpatch.operator.simulator.Release;
import dev.hotpatch.operator.simulator.ReleaseCatalog;
import dev.hotpatch.operator.simulator.RequestRecord;
import dev.hotpatch.operator.simulator.SimulatorBehaviour;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The fleet benchmark: the real operator, Fabric8's mock API server and the ARM simulator in one
 * JVM, on one simulated clock. Simulated time moves only here, a step at a time; after each step
 * the fleet loader sends the pages due, the requeues due fire, and the step ends when JOSDK is
 * idle.
 */
public final class FleetBench {
  static final String NAMESPACE = "fleet";

  /** A Monday after April's baseline (Hotpatch baselines are quarterly: January, April, ...). */
  static final Instant START = Instant.parse("2026-04-20T09:00:00Z");

  static final String WINDOW =
      "{days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun], start: \"01:00\", duration: 4h, timeZone: UTC}";
  static final Duration WINDOW_LENGTH = Duration.ofHours(4);
  private static final long QUIET_NANOS = Duration.ofMillis(3).toNanos();

  /**
   * @param realServer a real kube-apiserver and etcd (scripts/kube-binaries.sh) instead of
   *     Fabric8's mock, whose every request scans every stored object (fine for hundreds of VMs,
   *     slow for ten thousand)
   */
  public record Config(
      int vms, int subscriptions, boolean wave, boolean realServer, FleetSource fleetSource) {
    public Config(int vms, int subscriptions, boolean wave) {
      this(vms, subscriptions, wave, false);
    }

    public Config(int vms, int subscriptions, boolean wave, boolean realServer) {
      this(vms, subscriptions, wave, realServer, FleetSource.COMPUTE);
    }

    public Config {
      if (vms < 1 || subscriptions < 1 || subscriptions > vms) {
        throw new IllegalArgumentException("need 1 <= subscriptions <= vms");
      }
    }
  }

  /** What the benchmark measured; the JSON keys are the record's components. */
  public record Report(
      int vms,
      int subscriptions,
      String fleetSource,
      double onboardWallSeconds,
      double onboardSimulatedSeconds,
      double reconcilesPerVm,
      double statusWritesPerVm,
      double eventsPerVm,
      Map<String, Long> armRequestsByKind,
      long throttled,
      double readsPerVmHour,
      double steadyMaxStalenessSeconds,
      long steadyWrites,
      double restartWallSeconds,
      double restartSimulatedSeconds,
      long restartThrottled,
      double restartStatusWritesPerVm,
      long heapBytesPerVm,
      String heapMethod,
      Double waveFinishRatio,
      Double waveFinishHours,
      Double waveBoundHours,
      Long waveThrottled,
      Double wavePeakReadsPerSecond,
      Double waveReadsPerTransition,
      long rebootsOutsideWindows,
      List<String> informerStops,
      double wallSeconds) {

    String table() {
      StringBuilder t = new StringBuilder();
      t.append(
          String.format(
              Locale.ROOT,
              "VMs                          %d in %d subscription(s), fleet read: %s%n",
              vms,
              subscriptions,
              fleetSource));
      t.append(
          String.format(
              Locale.ROOT,
              "onboarding                   %.1f s wall, %.0f s simulated%n",
              onboardWallSeconds,
              onboardSimulatedSeconds));
      t.append(String.format(Locale.ROOT, "reconciles per VM            %.2f%n", reconcilesPerVm));
      t.append(
          String.format(Locale.ROOT, "status writes per VM         %.2f%n", statusWritesPerVm));
      t.append(String.format(Locale.ROOT, "events per VM                %.2f%n", eventsPerVm));
      t.append(String.format(Locale.ROOT, "throttled ARM calls          %d%n", throttled));
      t.append(
          String.format(
              Locale.ROOT,
              "restart                      %.1f s wall, %.0f s simulated, %d throttled, %.2f"
                  + " status writes per VM%n",
              restartWallSeconds,
              restartSimulatedSeconds,
              restartThrottled,
              restartStatusWritesPerVm));
      t.append(
          String.format(
              Locale.ROOT,
              "steady ARM reads per VM-hour %.3f at up to %.0f s staleness%n",
              readsPerVmHour,
              steadyMaxStalenessSeconds));
      t.append(String.format(Locale.ROOT, "steady writes (1 h)          %d%n", steadyWrites));
      t.append(
          String.format(
              Locale.ROOT,
              "operator heap per VM         %d bytes (%s)%n",
              heapBytesPerVm,
              heapMethod));
      if (waveFinishRatio != null) {
        t.append(
            String.format(
                Locale.ROOT,
                "wave finish / bound          %.2f (%.2f h / %.2f h)%n",
                waveFinishRatio,
                waveFinishHours,
                waveBoundHours));
        t.append(
            String.format(
                Locale.ROOT,
                "wave ARM reads               %.1f per transition, at most %.1f a second in a"
                    + " subscription (10 s average), %d throttled%n",
                waveReadsPerTransition,
                wavePeakReadsPerSecond,
                waveThrottled));
      }
      t.append(
          String.format(Locale.ROOT, "reboots outside windows      %d%n", rebootsOutsideWindows));
      t.append("ARM requests by kind         ").append(armRequestsByKind).append('\n');
      t.append(
          String.format(
              Locale.ROOT,
              "informer stops (pod restarts) %d%s%n",
              informerStops.size(),
              informerStops.isEmpty() ? "" : " " + informerStops));
      t.append(String.format(Locale.ROOT, "wall time                    %.1f s%n", wallSeconds));
      return t.toString();
    }
  }

  private final Config config;
  private final Consumer<String> progress;
  private final AtomicLong reconciles = new AtomicLong();
  private final AtomicLong statusWrites = new AtomicLong();
  private final List<String> informerStops = new ArrayList<>();
  private SimulatedClock clock;
  private ArmSimulator simulator;
  private Cluster kube;
  private HotpatchOperator operator;
  private SimulatedRequeues requeues;
  private ReconcileCounter counter;

  public FleetBench(Config config, Consumer<String> progress) {
    this.config = config;
    this.progress = progress;
  }

  public Report run() {
    long wall0 = System.nanoTime();
    ReleaseCatalog catalog = ReleaseCatalog.generate(2026);
    Release from = baseline(catalog, LocalDate.of(2026, 1, 31));
    Release to = baseline(catalog, LocalDate.of(2026, 4, 30));
    clock = new SimulatedClock(START);
    simulator =
        ArmSimulator.builder()
            .clock(clock)
            .catalog(catalog)
            .fleet(FleetSeed.fromYaml(seed(from)))
            .pageSize(50)
            .behaviour(SimulatorBehaviour.azureLike())
            .threads(8)
            .start();
    kube = config.realServer() ? RealKubernetes.start() : LocalKubernetes.start();
    try {
      KubernetesClient client = kube.client();
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();
      client
          .resources(PatchBaseline.class)
          .inNamespace(NAMESPACE)
          .resource(baselineOf(from))
          .create();
      for (HotpatchVM vm : hotpatchVms()) {
        client.resources(HotpatchVM.class).inNamespace(NAMESPACE).resource(vm).create();
      }
      progress.accept("created " + config.vms() + " HotpatchVMs; starting the operator");
      startOperator();

      // Onboarding: from a cold start until every VM is Ready.
      long onboard0 = System.nanoTime();
      Instant sim0 = clock.instant();
      while (ready() < config.vms() && clock.instant().isBefore(sim0.plus(Duration.ofHours(6)))) {
        steps(60, Duration.ofSeconds(1));
        progress.accept(
            "onboarding: " + ready() + "/" + config.vms() + " Ready at " + clock.instant());
      }
      double onboardWall = (System.nanoTime() - onboard0) / 1e9;
      double onboardSim = Duration.between(sim0, clock.instant()).toSeconds();
      long onboardReconciles = reconciles.get();
      long onboardWrites = statusWrites.get();
      long events = events();
      // Each phase's figures as it ends: a long run stopped early still has them.
      progress.accept(
          String.format(
              Locale.ROOT,
              "onboarded in %.0f s wall, %.0f s simulated: %.2f reconciles, %.2f status writes,"
                  + " %.2f events per VM, %d throttled",
              onboardWall,
              onboardSim,
              (double) onboardReconciles / config.vms(),
              (double) onboardWrites / config.vms(),
              (double) events / config.vms(),
              throttled()));

      // Steady state: an hour of nothing changing.
      int requestsBefore = simulator.requestLog().size();
      long writesBefore = statusWrites.get();
      double staleness = 0;
      for (int i = 0; i < 720; i++) {
        steps(1, Duration.ofSeconds(5));
        staleness = Math.max(staleness, oldestView());
      }
      List<RequestRecord> steady =
          simulator.requestLog().subList(requestsBefore, simulator.requestLog().size());
      long steadyReads = steady.stream().filter(FleetBench::read).count();
      long steadyArmWrites = steady.size() - steadyReads;
      long steadyWrites = steadyArmWrites + (statusWrites.get() - writesBefore);
      progress.accept(
          String.format(
              Locale.ROOT,
              "steady hour: %d ARM reads (%.3f per VM-hour) at up to %.0f s staleness, %d writes",
              steadyReads,
              (double) steadyReads / config.vms(),
              staleness,
              steadyWrites));

      // A restart: a new pod lists every subscription afresh, paced like the first start.
      long throttledBefore = throttled();
      long writesBeforeRestart = statusWrites.get();
      long restart0 = System.nanoTime();
      Instant restartSim0 = clock.instant();
      // The heap the operator holds at steady state: measured around this stop.
      long running = usedAfterGc();
      histogram("running");
      operator.close();
      operator = null;
      long heapPerVm = Math.max(0, (running - usedAfterGc()) / config.vms());
      histogram("stopped");
      startOperator();
      steps(5, Duration.ofSeconds(1));
      while ((!operator.fleet().views().stream().allMatch(v -> v.loaded())
              || ready() < config.vms())
          && clock.instant().isBefore(restartSim0.plus(Duration.ofHours(2)))) {
        steps(60, Duration.ofSeconds(1));
        progress.accept(
            "restart: " + ready() + "/" + config.vms() + " Ready at " + clock.instant());
      }
      double restartWall = (System.nanoTime() - restart0) / 1e9;
      double restartSim = Duration.between(restartSim0, clock.instant()).toSeconds();
      long restartThrottled = throttled() - throttledBefore;
      double restartWrites = (double) (statusWrites.get() - writesBeforeRestart) / config.vms();
      progress.accept(
          String.format(
              Locale.ROOT,
              "restarted in %.0f s wall, %.0f s simulated, %d throttled, %.2f status writes per"
                  + " VM; heap %d bytes per VM",
              restartWall,
              restartSim,
              restartThrottled,
              restartWrites,
              heapPerVm));

      Double ratio = null;
      Double finishHours = null;
      Double boundHours = null;
      Long waveThrottled = null;
      Double peakReads = null;
      Double readsPerTransition = null;
      if (config.wave()) {
        Wave wave = wave(to);
        ratio = wave.ratio();
        finishHours = wave.finishHours();
        boundHours = wave.boundHours();
        waveThrottled = wave.throttled();
        peakReads = wave.peakReadsPerSecond();
        readsPerTransition = wave.readsPerTransition();
      }
      Map<String, Long> byKind = new TreeMap<>(simulator.requestCountsByKind());
      long throttled = throttled();
      return new Report(
          config.vms(),
          config.subscriptions(),
          config.fleetSource().label(),
          round(onboardWall),
          onboardSim,
          round((double) onboardReconciles / config.vms()),
          round((double) onboardWrites / config.vms()),
          round((double) events / config.vms()),
          byKind,
          throttled,
          round((double) steadyReads / config.vms()),
          staleness,
          steadyWrites,
          round(restartWall),
          restartSim,
          restartThrottled,
          round(restartWrites),
          heapPerVm,
          "at steady state: used heap after GC with the operator running, minus the same after"
              + " it stopped, over the VMs (the simulator and the API server stay up in both); "
              + (SoftReferencesCleared.here()
                  ? "soft references cleared at each GC"
                  : "softly reachable caches included (run without "
                      + SoftReferencesCleared.OPTION
                      + ")"),
          ratio,
          finishHours,
          boundHours,
          waveThrottled,
          peakReads,
          readsPerTransition,
          rebootsOutsideWindows(),
          List.copyOf(informerStops),
          round((System.nanoTime() - wall0) / 1e9));
    } finally {
      if (operator != null) {
        operator.close();
      }
      kube.close();
      simulator.close();
    }
  }

  private void startOperator() {
    requeues = new SimulatedRequeues(clock);
    counter = new ReconcileCounter();
    ReconcileObserver observer =
        new ReconcileObserver() {
          @Override
          public void reconciled(String controller, String outcome) {
            if (HotpatchVMReconciler.NAME.equals(controller)) {
              reconciles.incrementAndGet();
            }
          }

          @Override
          public void statusWritten(String controller) {
            statusWrites.incrementAndGet();
          }
        };
    operator =
        HotpatchOperator.start(
            kube.client(),
            AzureGateways.sdk(
                AzureTarget.simulator(simulator.endpoint()),
                RequestListener.NONE,
                FleetSource.Reads.of(config.fleetSource(), clock)),
            OperatorSettings.defaults(clock),
            new HotpatchOperator.Options(Set.of(), null, Duration.ofMinutes(2))
                .withObserver(observer)
                .withJosdk(o -> o.withMetrics(counter))
                .simulatedTime(requeues));
  }

  /**
   * The age of the oldest subscription view now: what the reboot gate would decide on (for Resource
   * Graph, counted from the list's start less the lag its rows may have).
   */
  private double oldestView() {
    return operator.fleet().views().stream()
        .mapToDouble(v -> operator.fleet().ageSeconds(v))
        .filter(a -> !Double.isNaN(a))
        .max()
        .orElse(Double.NaN);
  }

  /** {@code n} steps of {@code d}: the loader's pages, the requeues due, then JOSDK idle. */
  private void steps(int n, Duration d) {
    for (int i = 0; i < n; i++) {
      advanceLoader(d);
      var due = requeues.takeDue(clock.instant());
      if (!due.isEmpty()) {
        operator.fleetEvents().changed(due);
      }
      settle();
      restartIfAnInformerStopped();
    }
  }

  /**
   * Moves the clock by {@code d} in slices of at most {@link #LOADER_TICK}, the loader sending the
   * pages due at each, as its background tick (250 ms) would: one tick per 5-second step would hold
   * a 10-page list to one page every 5 seconds.
   */
  private void advanceLoader(Duration d) {
    Duration left = d;
    while (!left.isZero()) {
      Duration slice = left.compareTo(LOADER_TICK) > 0 ? LOADER_TICK : left;
      clock.advance(slice);
      operator.fleet().tick();
      left = left.minus(slice);
    }
  }

  private static final Duration LOADER_TICK = Duration.ofMillis(250);

  /**
   * In a pod, an informer that stops for good exits the process and the Deployment starts a new
   * one; here the bench does the same, and the report says how often and why.
   */
  private void restartIfAnInformerStopped() {
    var stopped = operator.informerStopped();
    if (stopped.isPresent()) {
      informerStops.add(stopped.get());
      progress.accept(stopped.get() + "; restarting the operator as its Deployment would");
      operator.close();
      startOperator();
    }
  }

  private void settle() {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while ((!counter.idle(QUIET_NANOS) || operator.fleet().loading())
        && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(200_000);
    }
  }

  private record Wave(
      double ratio,
      double finishHours,
      double boundHours,
      long throttled,
      double peakReadsPerSecond,
      double readsPerTransition) {}

  /** A new baseline declared after the steady hour; runs until every VM is on it. */
  private Wave wave(Release to) {
    KubernetesClient client = kube.client();
    PatchBaseline b =
        client.resources(PatchBaseline.class).inNamespace(NAMESPACE).withName("ws2022").get();
    b.getSpec().kb = to.kb();
    b.getSpec().build = to.build();
    b.getSpec().released = to.released().toString();
    client.resources(PatchBaseline.class).inNamespace(NAMESPACE).resource(b).update();
    steps(12, Duration.ofSeconds(5));
    Instant opens = nextWindowOpening(clock.instant());
    clock.set(opens.minus(Duration.ofMinutes(5)));
    steps(1, Duration.ZERO);
    int firstOp = simulator.operationHistory().size();
    int firstRequest = simulator.requestLog().size();
    Instant limit = opens.plus(Duration.ofDays(3));
    int windowFirst = firstRequest;
    while (onBaseline(to.kb()) < config.vms() && clock.instant().isBefore(limit)) {
      // Steps of a second while reconciles are due (ARM's token buckets refill by the second: a
      // 15-second step would fire 15 seconds of polls at one instant), up to 15 when none is.
      Instant until = clock.instant().plus(Duration.ofMinutes(10));
      while (clock.instant().isBefore(until)) {
        Duration gap =
            requeues
                .nextDue()
                .map(at -> Duration.between(clock.instant(), at))
                .orElse(Duration.ofSeconds(15));
        long seconds = Math.max(1, Math.min(15, (gap.toMillis() + 999) / 1000));
        steps(1, Duration.ofSeconds(seconds));
      }
      List<RequestRecord> window =
          simulator.requestLog().subList(windowFirst, simulator.requestLog().size());
      windowFirst += window.size();
      progress.accept(
          String.format(
              Locale.ROOT,
              "wave: %d/%d on %s at %s; in these 10 minutes %d starts, %.1f reads a second,"
                  + " %d throttled; %d slots held",
              onBaseline(to.kb()),
              config.vms(),
              to.kb(),
              clock.instant(),
              window.stream()
                  .filter(r -> r.status() == 202 && r.path().endsWith("/installPatches"))
                  .count(),
              window.stream().filter(FleetBench::read).count() / 600.0,
              window.stream().filter(r -> r.status() == 429).count(),
              operator.rolloutSlots().holders().size()));
    }
    List<OperationRecord> ops = simulator.operationHistory();
    Instant lastEnd = opens;
    for (OperationRecord o : ops.subList(firstOp, ops.size())) {
      if (o.rebootCapable()
          && o.origin() == Origin.CLIENT
          && o.ended() != null
          && o.ended().isAfter(lastEnd)) {
        lastEnd = o.ended();
      }
    }
    double finish = Duration.between(opens, lastEnd).toSeconds() / 3600.0;
    double bound = boundHours(config.vms(), transitionTime(ops.subList(firstOp, ops.size())));
    List<RequestRecord> requests =
        simulator.requestLog().subList(firstRequest, simulator.requestLog().size());
    long reads = requests.stream().filter(FleetBench::read).count();
    return new Wave(
        round(finish / bound),
        round(finish),
        round(bound),
        requests.stream().filter(r -> r.status() == 429).count(),
        round(peakReadsPerSecond(requests, Duration.ofSeconds(10))),
        round((double) reads / config.vms()));
  }

  /**
   * The most ARM reads one subscription received in any {@code window}, per second: what its token
   * bucket (250, refilled 25 a second) had to absorb.
   */
  static double peakReadsPerSecond(List<RequestRecord> requests, Duration window) {
    Map<String, java.util.ArrayDeque<Instant>> bySub = new java.util.HashMap<>();
    int peak = 0;
    for (RequestRecord r : requests) {
      if (!r.method().equals("GET") || !r.path().regionMatches(true, 0, "/subscriptions/", 0, 15)) {
        continue;
      }
      int end = r.path().indexOf('/', 15);
      String sub =
          r.path().substring(15, end < 0 ? r.path().length() : end).toLowerCase(Locale.ROOT);
      var w = bySub.computeIfAbsent(sub, k -> new java.util.ArrayDeque<>());
      w.addLast(r.time());
      Instant cutoff = r.time().minus(window);
      while (!w.peekFirst().isAfter(cutoff)) {
        w.removeFirst();
      }
      peak = Math.max(peak, w.size());
    }
    return peak / (double) window.toSeconds();
  }

  /**
   * Install and reboot until the VM is back, as Azure took them: the median of the wave's
   * reboot-capable operations, plus the time the VM agent reports Not Ready after the reboot (a
   * slot is held until the VM is back: I2).
   */
  private static Duration transitionTime(List<OperationRecord> ops) {
    return installAndReboot(ops).plus(SimulatorBehaviour.azureLike().agentNotReadyAfterReboot());
  }

  private static Duration installAndReboot(List<OperationRecord> ops) {
    List<Duration> took =
        ops.stream()
            .filter(o -> o.rebootCapable() && o.origin() == Origin.CLIENT && o.ended() != null)
            .map(o -> Duration.between(o.started(), o.ended()))
            .sorted()
            .toList();
    return took.isEmpty() ? Duration.ofMinutes(20) : took.get(took.size() / 2);
  }

  /**
   * ⌈N / maxUnavailable⌉ waves of one install-and-reboot each, packed into the nightly windows: a
   * wave may start while an hour of the window is left (what the gate asks by default).
   */
  static double boundHours(int vms, Duration transition) {
    int maxUnavailable = Math.max(1, (int) Math.ceil(vms * 0.10));
    int waves = (vms + maxUnavailable - 1) / maxUnavailable;
    long usable = WINDOW_LENGTH.minus(Duration.ofHours(1)).toSeconds();
    int perWindow = (int) (usable / transition.toSeconds()) + 1;
    int nights = (waves + perWindow - 1) / perWindow;
    int lastNightWaves = waves - (nights - 1) * perWindow;
    double seconds = (nights - 1) * 86400.0 + lastNightWaves * (double) transition.toSeconds();
    return seconds / 3600.0;
  }

  /** A read: a GET, or a Resource Graph query (a POST that changes nothing). */
  private static boolean read(RequestRecord r) {
    return r.method().equals("GET")
        || r.path().toLowerCase(Locale.ROOT).endsWith("/microsoft.resourcegraph/resources");
  }

  private long throttled() {
    return simulator.requestLog().stream().filter(r -> r.status() == 429).count();
  }

  private long rebootsOutsideWindows() {
    MaintenanceSchedule schedule = schedule();
    return simulator.rebootLedger().stream()
        .filter(r -> r.origin() == Origin.CLIENT)
        .map(RebootRecord::time)
        .filter(t -> !schedule.isOpen(t))
        .count();
  }

  private static MaintenanceSchedule schedule() {
    return MaintenanceSchedule.ofRules(
        List.of(
            new WindowRule(
                java.util.EnumSet.allOf(java.time.DayOfWeek.class),
                java.time.LocalTime.of(1, 0),
                WINDOW_LENGTH,
                java.time.ZoneOffset.UTC)));
  }

  private static Instant nextWindowOpening(Instant now) {
    return schedule().nextOpening(now).orElseThrow();
  }

  /**
   * With {@code -Dhp.bench.histogram=DIR}, the JVM's class histogram (live objects) into {@code
   * DIR/<name>.txt}: the operator's share of the heap is the difference of "running" and "stopped",
   * class by class.
   */
  private static void histogram(String name) {
    String dir = System.getProperty("hp.bench.histogram");
    if (dir == null) {
      return;
    }
    try {
      Object text =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "gcClassHistogram",
                  new Object[] {new String[0]},
                  new String[] {String[].class.getName()});
      java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
      java.nio.file.Files.writeString(java.nio.file.Path.of(dir, name + ".txt"), text.toString());
    } catch (Exception e) {
      throw new IllegalStateException("the class histogram could not be written to " + dir, e);
    }
  }

  private static long usedAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private int ready() {
    return (int)
        kube.client().resources(HotpatchVM.class).inNamespace(NAMESPACE).list().getItems().stream()
            .filter(
                vm ->
                    vm.getStatus() != null
                        && Conditions.isTrue(vm.getStatus().conditions, Conditions.READY))
            .count();
  }

  private int onBaseline(String kb) {
    return (int)
        kube.client().resources(HotpatchVM.class).inNamespace(NAMESPACE).list().getItems().stream()
            .filter(
                vm ->
                    vm.getStatus() != null
                        && kb.equals(vm.getStatus().baseline)
                        && Conditions.isTrue(
                            vm.getStatus().conditions, Conditions.BASELINE_CONVERGED))
            .count();
  }

  private long events() {
    return kube.client().v1().events().inNamespace(NAMESPACE).list().getItems().size();
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  private static Release baseline(ReleaseCatalog catalog, LocalDate by) {
    return catalog
        .latestBaseline(OsFamily.WindowsServer2022AzureEdition, by)
        .orElseThrow(() -> new IllegalStateException("no WS2022 baseline by " + by));
  }

  private String subscription(int s) {
    return String.format(Locale.ROOT, "00000000-0000-0000-0000-%012d", s + 1);
  }

  private int vmsIn(int s) {
    int base = config.vms() / config.subscriptions();
    return base + (s < config.vms() % config.subscriptions() ? 1 : 0);
  }

  private String seed(Release from) {
    StringBuilder y = new StringBuilder("vms:\n");
    for (int s = 0; s < config.subscriptions(); s++) {
      y.append(
          String.format(
              Locale.ROOT,
              "  - {subscriptionId: %s, resourceGroup: rg, name: \"vm-{i}\", count: %d, osBuild: \"%s\","
                  + " patchSettings: {patchMode: AutomaticByOS, enableHotpatching: false, assessmentMode: ImageDefault}}%n",
              subscription(s),
              vmsIn(s),
              from.build()));
    }
    return y.toString();
  }

  private PatchBaseline baselineOf(Release from) {
    String yaml =
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
            maxUnavailable: "10%%"
            maintenanceWindows:
              - %s
        """
            .formatted(NAMESPACE, from.kb(), from.build(), from.released(), WINDOW);
    return kube.client().getKubernetesSerialization().unmarshal(yaml, PatchBaseline.class);
  }

  private List<HotpatchVM> hotpatchVms() {
    List<HotpatchVM> out = new ArrayList<>();
    KubernetesClient client = kube.client();
    for (int s = 0; s < config.subscriptions(); s++) {
      for (int i = 1; i <= vmsIn(s); i++) {
        String yaml =
            """
            apiVersion: hotpatch.dev/v1alpha1
            kind: HotpatchVM
            metadata: {name: s%d-vm-%d, namespace: %s}
            spec:
              azure: {subscriptionId: %s, resourceGroup: rg, name: vm-%d}
              baselineRef: {name: ws2022}
            """
                .formatted(s + 1, i, NAMESPACE, subscription(s), i);
        out.add(client.getKubernetesSerialization().unmarshal(yaml, HotpatchVM.class));
      }
    }
    return out;
  }
}
