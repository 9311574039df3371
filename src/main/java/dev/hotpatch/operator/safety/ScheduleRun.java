package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.policy.Interval;
import dev.hotpatch.operator.policy.MaintenanceSchedule;
import dev.hotpatch.operator.policy.OsBuild;
import dev.hotpatch.operator.reconciler.Phases;
import dev.hotpatch.operator.safety.Objects.BaselineState;
import dev.hotpatch.operator.simulator.FleetSeed.VmSeed;
import dev.hotpatch.operator.simulator.OperationRecord;
import dev.hotpatch.operator.simulator.Origin;
import dev.hotpatch.operator.simulator.Release;
import dev.hotpatch.operator.simulator.SimulatedVmView;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one schedule in a world: applies its fleet, steps the simulated clock from one instant that
 * matters to the next (an action, a tick inside a window while a VM is behind, a poll while an
 * operation runs), settles the operator at each, records what was declared and what Azure knew,
 * then stops faults, lets the fleet converge, and hands everything to the checker.
 */
final class ScheduleRun {
  /**
   * How long after the faults stop everything must have converged: three weeks of simulated time,
   * which covers weekly windows. The run keeps stepping (visiting windows, following operations)
   * until nothing can move any more or this bound is reached.
   */
  static final Duration QUIET = Duration.ofDays(21);

  private static final Duration TICK = Duration.ofMinutes(20);
  private static final Duration FOLLOW = Duration.ofMinutes(10);

  /** HP_FUZZ_TRACE=1 prints each step and, at the end, Azure's history (to debug a schedule). */
  private static final boolean TRACE = System.getenv("HP_FUZZ_TRACE") != null;

  private final FuzzWorld world;
  private final Schedule schedule;
  private final KubernetesClient client;
  private final String prefix;
  private final String sub;
  private final DeclaredWorld declared = new DeclaredWorld();
  private final AzureTruth truth = new AzureTruth();
  private final Map<String, BaselineState> baselines = new LinkedHashMap<>();
  private final Map<String, Boolean> suspended = new LinkedHashMap<>();
  private final Set<String> vmDeclared = new HashSet<>();
  private final Set<String> seenVms = new HashSet<>();
  private final Set<String> badObjects = new HashSet<>();
  private Instant start;
  private boolean faultsStopped;
  private int badCount;
  private Instant firstBroken;

  ScheduleRun(FuzzWorld world, Schedule schedule) {
    this.world = world;
    this.schedule = schedule;
    this.client = world.kube.client();
    this.prefix = "s" + (++world.schedules) + "-";
    this.sub = world.subscription;
  }

  record Outcome(CheckResult result, long simulatedMinutes) {}

  Outcome run(SafetyChecker checker) {
    setUp();
    Instant activeEnd = start.plus(schedule.active());
    Instant end = activeEnd.plus(QUIET);
    List<Action> pending = new ArrayList<>(schedule.actions());
    Instant t = start;
    boolean atBound = false;
    while (true) {
      Instant next = next(t, pending);
      if (!faultsStopped && (next == null || !next.isBefore(activeEnd))) {
        moveTo(activeEnd);
        stopFaults();
        t = activeEnd;
        world.settle();
        continue;
      }
      if (next == null) {
        break;
      }
      if (next.isAfter(end)) {
        atBound = true;
        break;
      }
      moveTo(next);
      t = next;
      sample();
      trace("step " + t + " (+" + Plan.format(Duration.between(start, t)) + ")");
      while (!pending.isEmpty() && !start.plus(pending.get(0).at()).isAfter(t)) {
        apply(pending.remove(0));
      }
      world.settle();
      checkStep(checker, t);
    }
    stopFaults();
    // An hour of calm after the last step: agents come back, lagging views catch up.
    moveTo((atBound ? end : t).plus(Duration.ofHours(1)));
    world.settle();
    world.settle();
    sample();
    Evidence e = new Evidence(history(), declared, truth, endState(atBound));
    e.history().forEach(o -> trace("  " + o));
    if (TRACE) {
      e.end()
          .hotpatchVms()
          .forEach(
              vm ->
                  trace(
                      "  status of "
                          + Convergence.key(vm)
                          + ":\n"
                          + Serialization.asYaml(vm.getStatus())));
    }
    CheckResult result = checker.check(e);
    long minutes = Duration.between(start, world.clock.instant()).toMinutes();
    cleanUp(result);
    return new Outcome(result, minutes);
  }

  /** I1-I3 after every step, so a trace shows the step that broke the promise first. */
  private void checkStep(SafetyChecker checker, Instant t) {
    if (firstBroken == null) {
      CheckResult r = checker.check(new Evidence(history(), declared, truth, null));
      if (!r.ok()) {
        firstBroken = t;
        trace("  broke at this step: " + r.violations().get(0));
      }
    }
  }

  // ---- the fleet

  private String ns(String planNs) {
    return prefix + planNs;
  }

  /**
   * The schedule's resource groups: one subscription serves the whole world (the operator keeps a
   * fleet view per subscription, and lists each at every step), so a schedule is its groups.
   */
  private String rg(String planNs) {
    return prefix + "rg-" + planNs;
  }

  private boolean ours(String resourceGroup) {
    return resourceGroup.toLowerCase(Locale.ROOT).startsWith(prefix + "rg-");
  }

  private void setUp() {
    world.newSchedule();
    Instant now = world.clock.instant();
    start = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(2));
    world.clock.set(start);
    for (String n : schedule.namespaces()) {
      world.namespace(ns(n));
      client.resource(Objects.credentials(ns(n))).create();
      client.resource(Objects.adminPassword(ns(n))).create();
    }
    for (Plan.Baseline b : schedule.baselines()) {
      BaselineState s = new BaselineState(b);
      Release release = b.start().equals("latest") ? latest(b.os()) : previous(b.os());
      declare(s, release);
      baselines.put(b.key(), s);
      applyBaseline(s);
    }
    for (Plan.Vm vm : schedule.vms()) {
      if (!vm.create()) {
        VmSeed seed = new VmSeed(sub, rg(vm.namespace()), vm.name(), previous(vm.os()).build());
        seed.image.sku = Objects.sku(vm.os());
        world.sim.addVm(seed);
      }
      suspended.put(vm.key(), false);
      applyVm(vm);
    }
    sample();
    world.settle();
  }

  private LocalDate today() {
    return LocalDate.ofInstant(world.clock.instant(), ZoneOffset.UTC);
  }

  private Release latest(int os) {
    return world.sim.catalog().latestBaseline(Objects.os(os), today()).orElseThrow();
  }

  private Release previous(int os) {
    Release latest = latest(os);
    return world
        .sim
        .catalog()
        .latestBaseline(Objects.os(os), latest.released().minusDays(1))
        .orElseThrow();
  }

  private static void declare(BaselineState s, Release r) {
    s.kb = r.kb();
    s.build = r.build();
    s.released = r.released().toString();
    s.unplanned = r.type() == Release.Type.Unplanned;
  }

  private void applyBaseline(BaselineState s) {
    String namespace = ns(s.plan.namespace());
    s.exists = true;
    client.resource(Objects.baseline(namespace, s)).createOr(NonDeletingOperation::update);
    declared.baseline(world.clock.instant(), namespace + "/" + s.plan.name(), s.decl());
  }

  /**
   * A person's edit: read, change, write. The operator may write the object between the read and
   * the write (409), and a person, like kubectl, tries again on the newer copy (schedule 25 of seed
   * 1 "could not run" on this race).
   */
  private void edit(
      String namespace, String name, java.util.function.UnaryOperator<HotpatchVM> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        client.resources(HotpatchVM.class).inNamespace(namespace).withName(name).edit(change);
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  private void applyVm(Plan.Vm vm) {
    String namespace = ns(vm.namespace());
    HotpatchVM object = Objects.vm(namespace, vm, sub, rg(vm.namespace()), suspended.get(vm.key()));
    if (vmDeclared.contains(vm.key())) {
      edit(
          namespace,
          vm.name(),
          o -> {
            o.getSpec().suspend = suspended.get(vm.key());
            return o;
          });
    } else {
      client.resource(object).create();
      vmDeclared.add(vm.key());
    }
    declared.vm(
        world.clock.instant(),
        new VmDecl(
            namespace,
            vm.name(),
            VmDecl.armId(sub, rg(vm.namespace()), vm.name()),
            vm.baseline(),
            suspended.get(vm.key())));
  }

  // ---- the timeline

  /** The next instant that matters after {@code t}, or null when nothing will happen. */
  private Instant next(Instant t, List<Action> pending) {
    Instant next = pending.isEmpty() ? null : start.plus(pending.get(0).at());
    if (next != null && !next.isAfter(t)) {
      next = t.plusSeconds(1);
    }
    Instant tick = tick(t);
    if (tick != null && (next == null || tick.isBefore(next))) {
      next = tick;
    }
    return next;
  }

  /**
   * While an operation runs, follow it; while a VM is behind a moving rollout, visit its windows.
   */
  private Instant tick(Instant t) {
    List<HotpatchVM> vms = hotpatchVms();
    boolean running =
        history().stream().anyMatch(o -> o.origin() == Origin.CLIENT && o.running())
            || vms.stream().anyMatch(ScheduleRun::inFlight);
    Instant next = running ? t.plus(FOLLOW) : null;
    Set<String> waiting = waiting(vms);
    for (BaselineState b : baselines.values()) {
      if (!b.exists || b.paused || !behind(b, waiting)) {
        continue;
      }
      MaintenanceSchedule windows = b.decl().schedule();
      Optional<Interval> open = windows.windowAt(t);
      Instant candidate;
      if (open.isPresent()
          && Duration.between(t, open.get().end()).compareTo(Duration.ofHours(1)) > 0) {
        candidate = t.plus(TICK);
      } else {
        Optional<Interval> w = windows.nextWindow(open.map(Interval::end).orElse(t).plusSeconds(1));
        candidate = w.map(i -> i.start().plusSeconds(60)).orElse(null);
      }
      if (candidate != null && (next == null || candidate.isBefore(next))) {
        next = candidate;
      }
    }
    return next;
  }

  /**
   * HotpatchVMs (plan keys) whose status does not give a lasting reason: only they can move when
   * the clock does. Read for planning steps only; the checker never reads it to excuse a call.
   */
  private Set<String> waiting(List<HotpatchVM> vms) {
    Set<String> out = new HashSet<>();
    for (HotpatchVM vm : vms) {
      if (Convergence.problem(vm).isPresent()) {
        String planNs = vm.getMetadata().getNamespace().substring(prefix.length());
        out.add(planNs + "/" + vm.getMetadata().getName());
      }
    }
    return out;
  }

  /**
   * The operator says it is in the middle of something that moves with time (an operation it
   * follows, a VM it creates or deletes): keep stepping, as a running pod's polls would. Without
   * this a create whose next step the settle missed waited for the next window, or for the end.
   */
  private static boolean inFlight(HotpatchVM vm) {
    var s = vm.getStatus();
    return s != null
        && (s.pendingOperation != null
            || Phases.CREATING.equals(s.phase)
            || Phases.DELETING.equals(s.phase));
  }

  private boolean behind(BaselineState b, Set<String> waiting) {
    OsBuild target = OsBuild.parse(b.build);
    for (Plan.Vm vm : schedule.vms()) {
      if (vm.namespace().equals(b.plan.namespace())
          && vm.baseline().equals(b.plan.name())
          && vmDeclared.contains(vm.key())
          && waiting.contains(vm.key())
          && !suspended.get(vm.key())) {
        String id = VmDecl.armId(sub, rg(vm.namespace()), vm.name());
        Optional<OsBuild> build = truth.buildAt(id, world.clock.instant());
        if (build.isPresent()
            && build.get().sameFamilyAs(target)
            && build.get().isOlderThan(target)) {
          return true;
        }
      }
    }
    return false;
  }

  private void moveTo(Instant t) {
    Instant now = world.clock.instant();
    if (!t.isAfter(now)) {
      return;
    }
    if (world.mode == FuzzWorld.Mode.REALTIME && Duration.between(now, t).toHours() < 6) {
      // The clock runs while the operator's threads poll on their own: no frozen instants.
      while (world.clock.instant().isBefore(t)) {
        world.clock.advance(Duration.ofMinutes(1));
        java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
      }
      world.clock.set(t);
    } else {
      world.clock.set(t);
    }
  }

  private void sample() {
    Instant t = world.clock.instant();
    Set<String> present = new HashSet<>();
    for (SimulatedVmView vm : world.sim.vms()) {
      if (ours(vm.resourceGroup())) {
        String id = vm.id().toLowerCase(Locale.ROOT);
        present.add(id);
        seenVms.add(id);
        truth.sample(id, t, OsBuild.tryParse(vm.osBuild()).orElse(null));
      }
    }
    for (String id : seenVms) {
      if (!present.contains(id)) {
        truth.sample(id, t, null);
      }
    }
  }

  private List<OperationRecord> history() {
    String mark = "/resourcegroups/" + prefix + "rg-";
    return world.sim.operationHistory().stream()
        .filter(o -> o.vmId().toLowerCase(Locale.ROOT).contains(mark))
        .toList();
  }

  private void stopFaults() {
    if (!faultsStopped) {
      faultsStopped = true;
      world.sim.faults().clear();
      world.disarmCrashes();
    }
  }

  // ---- actions

  private static void trace(String line) {
    if (TRACE) {
      System.err.println(line);
    }
  }

  private void apply(Action a) {
    Instant t = world.clock.instant();
    trace("  " + a.toLine());
    BaselineState b = baselines.get(a.target());
    Plan.Vm vm =
        schedule.vms().stream().filter(v -> v.key().equals(a.target())).findFirst().orElse(null);
    switch (a.kind()) {
      case PLANNED -> update(b, s -> declare(s, latest(s.plan.os())));
      case UNPLANNED -> update(b, s -> declare(s, unplanned(s.plan.os())));
      case PAUSE -> update(b, s -> s.paused = true);
      case RESUME -> update(b, s -> s.paused = false);
      case MAX_UNAVAILABLE -> update(b, s -> s.maxUnavailable = a.arg());
      case SUSPEND, UNSUSPEND -> {
        suspended.put(vm.key(), a.kind() == Action.Kind.SUSPEND);
        if (vmDeclared.contains(vm.key())) {
          applyVm(vm);
        }
      }
      case DELETE_VM -> {
        if (vmDeclared.remove(vm.key())) {
          client
              .resources(HotpatchVM.class)
              .inNamespace(ns(vm.namespace()))
              .withName(vm.name())
              .delete();
          declared.vmDeleted(t, ns(vm.namespace()) + "/" + vm.name());
        }
      }
      case RECREATE_VM -> {
        if (!vmDeclared.contains(vm.key())
            && client
                    .resources(HotpatchVM.class)
                    .inNamespace(ns(vm.namespace()))
                    .withName(vm.name())
                    .get()
                == null) {
          applyVm(vm);
        }
      }
      case DELETE_BASELINE -> {
        if (b.exists) {
          b.exists = false;
          client
              .resources(PatchBaseline.class)
              .inNamespace(ns(b.plan.namespace()))
              .withName(b.plan.name())
              .delete();
          declared.baseline(t, ns(b.plan.namespace()) + "/" + b.plan.name(), null);
        }
      }
      case RECREATE_BASELINE -> {
        if (!b.exists) {
          applyBaseline(b);
        }
      }
      case DELETE_SECRET ->
          client.secrets().inNamespace(ns(a.target())).withName(Objects.CREDENTIALS).delete();
      case RECREATE_SECRET ->
          client
              .resource(Objects.credentials(ns(a.target())))
              .createOr(NonDeletingOperation::update);
      case BAD_UNKNOWN_FIELD, BAD_ENUM -> bad(a);
      case CRASH -> {
        String[] p = a.arg().split(":");
        world.armCrash(Integer.parseInt(p[0]), p[1].equals("after"));
      }
      case RESTART -> world.restart();
      case HANDOVER -> world.handover(a.arg().equals("graceful"));
      case FAIL_TRANSITION -> world.sim.faults().failTransition(vm.name());
      case HANG -> world.sim.faults().hangOperations(vm.name());
      case ARM_5XX ->
          world
              .sim
              .faults()
              .failNext(
                  "POST", ".*/(installPatches|restart)", 500, "InternalServerError", "injected", 2);
      case PLATFORM_REBOOT -> {
        if (world.sim.vm(sub, rg(vm.namespace()), vm.name()).isPresent()) {
          world.sim.rebootByPlatform(sub, rg(vm.namespace()), vm.name(), "hostMaintenance");
        }
      }
    }
  }

  private void update(BaselineState s, java.util.function.Consumer<BaselineState> change) {
    change.accept(s);
    if (s.exists) {
      applyBaseline(s);
    }
  }

  /** An unplanned baseline released today: newer than every build released so far, as in life. */
  private Release unplanned(int os) {
    OsBuild newest =
        world.sim.catalog().releasedBy(Objects.os(os), today()).stream()
            .map(r -> OsBuild.parse(r.build()))
            .max(OsBuild::compareTo)
            .orElseThrow();
    String kb = String.format("KB59%05d", ++world.unplanned % 100000);
    String build = newest.build() + "." + (newest.ubr() + 3);
    return world.sim.catalog().addUnplanned(Objects.os(os), today(), kb, build);
  }

  private void bad(Action a) {
    String namespace = ns(a.target());
    String name = "bad-" + (++badCount);
    String yaml =
        Objects.badBaselineYaml(namespace, name, a.kind() == Action.Kind.BAD_UNKNOWN_FIELD);
    GenericKubernetesResource g = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    client
        .genericKubernetesResources("hotpatch.dev/v1alpha1", "PatchBaseline")
        .inNamespace(namespace)
        .resource(g)
        .create();
    badObjects.add(namespace + "/" + name);
  }

  // ---- the end

  private List<HotpatchVM> hotpatchVms() {
    List<HotpatchVM> out = new ArrayList<>();
    for (String n : schedule.namespaces()) {
      out.addAll(client.resources(HotpatchVM.class).inNamespace(ns(n)).list().getItems());
    }
    return out;
  }

  private EndState endState(boolean atBound) {
    return new EndState(
        world.clock.instant(),
        hotpatchVms(),
        world.heldSlots(),
        faultsStopped,
        world.stoppedBy(),
        badObjects,
        atBound);
  }

  /** Deletes the schedule's HotpatchVMs so the next schedule's steps do not reconcile them. */
  private void cleanUp(CheckResult result) {
    long t0 = System.nanoTime();
    cleanUpObjects(result);
    world.stats.cleanupNanos += System.nanoTime() - t0;
  }

  private void cleanUpObjects(CheckResult result) {
    for (String n : schedule.namespaces()) {
      client.resources(HotpatchVM.class).inNamespace(ns(n)).delete();
      client
          .genericKubernetesResources("hotpatch.dev/v1alpha1", "PatchBaseline")
          .inNamespace(ns(n))
          .delete();
    }
    for (int i = 0; i < 6 && !hotpatchVms().isEmpty(); i++) {
      world.clock.advance(Duration.ofMinutes(2));
      world.settle();
    }
    for (HotpatchVM left : hotpatchVms()) {
      try {
        edit(
            left.getMetadata().getNamespace(),
            left.getMetadata().getName(),
            o -> {
              o.getMetadata().setFinalizers(List.of());
              return o;
            });
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        // The operator, still running, finished the deletion between the list and this edit:
        // gone is what this loop wants (schedule 1542 of seed 1 "could not run" on this race).
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }
    // The mock API server scans every object it stores on each request: leave nothing behind.
    for (String n : schedule.namespaces()) {
      client.v1().events().inNamespace(ns(n)).delete();
      client.secrets().inNamespace(ns(n)).delete();
      client.namespaces().withName(ns(n)).delete();
    }
    for (SimulatedVmView vm : world.sim.vms()) { // keep the subscription's list short
      if (ours(vm.resourceGroup())) {
        world.sim.deleteVmOutOfBand(vm.subscriptionId(), vm.resourceGroup(), vm.name());
      }
    }
    if (result.leakedSlots() > 0 || world.stoppedBy() != null) {
      world.freshOperator(); // leaked memory must not be blamed on the next schedule
    }
  }
}
