package dev.hotpatch.operator.cli;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.PatchBaselineSpec.OsFamily;
import dev.hotpatch.operator.policy.MaintenanceSchedule;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.reconciler.Phases;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.OperationTimings;
import dev.hotpatch.operator.simulator.RebootRecord;
import dev.hotpatch.operator.simulator.ReleaseCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The demo's world: a simulated clock, the ARM simulator, a mock cluster and the real operator.
 * First the fleet becomes Azure-orchestrated; then a year of the hotpatch calendar is played.
 */
final class Demo implements AutoCloseable {
  static final String NAMESPACE = "fleet";
  static final Instant START = Instant.parse("2026-01-20T09:00:00Z");
  static final int YEAR = 2026;

  /** The one unplanned baseline of the year: a zero-day fix in May for Windows Server 2022. */
  static final String UNPLANNED_KB = "KB5269005";

  private static final Set<String> SETTLED =
      Set.of(
          Phases.CONVERGED,
          Phases.INELIGIBLE,
          Phases.BLOCKED,
          Phases.WAITING,
          Phases.FAILED,
          Phases.NOT_FOUND,
          Phases.INVALID,
          Phases.AHEAD);

  private final Sandbox sandbox;
  private final SimulationDriver driver;
  private final ArmSimulator simulator;
  private final Cluster kube;
  private final PrintStream live;
  private final Map<String, List<DemoReport.Transition>> transitions = new HashMap<>();

  private Demo(Sandbox sandbox, PrintStream live) {
    this.sandbox = sandbox;
    this.driver = sandbox.driver;
    this.simulator = sandbox.simulator;
    this.kube = sandbox.kube;
    this.live = live;
  }

  static Demo start(Path examples, PrintStream live) throws IOException {
    return start(examples, live, LocalKubernetes::start);
  }

  /**
   * @param cluster the API server: the mock, or a real kube-apiserver that kubectl can talk to
   */
  static Demo start(
      Path examples, PrintStream live, java.util.function.Supplier<? extends Cluster> cluster)
      throws IOException {
    // Operations are followed when the driver moves the simulated clock, not on a real-time poll.
    Sandbox sandbox =
        Sandbox.start(
            resource("/demo/fleet.yaml"),
            START,
            OperationTimings.defaults(),
            dev.hotpatch.operator.simulator.SimulatorBehaviour.azureLike(),
            NAMESPACE,
            Duration.ofHours(1),
            cluster);
    sandbox.kube.applyFolder(examples, NAMESPACE);
    return new Demo(sandbox, live);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Demo.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Phase 1: minutes of simulated time until every VM is orchestrated or reported. */
  boolean orchestrate(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      driver.advance(Duration.ofMinutes(1));
      List<DemoReport.VmLine> lines = lines();
      if (live != null) {
        printTable("orchestration", lines);
      }
      if (!lines.isEmpty() && lines.stream().allMatch(l -> SETTLED.contains(l.phase()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Phase 2: February to December, one GitOps commit a month, with an unplanned baseline in May.
   */
  void playYear(int lastMonth) {
    simulator
        .catalog()
        .addUnplanned(
            OsFamily.WindowsServer2022AzureEdition,
            ReleaseCatalog.secondTuesday(YEAR, 5),
            UNPLANNED_KB,
            "20348.3501");
    CalendarRun run =
        new CalendarRun(
            driver, kube.client(), NAMESPACE, new HotpatchCalendar(simulator.catalog()));
    run.onStep(this::recordTransitions);
    for (int month = 2; month <= lastMonth; month++) {
      run.playMonth(YEAR, month);
      recordTransitions(run.vms());
      if (live != null) {
        printTable(java.time.Month.of(month).toString(), lines());
      }
    }
  }

  /** A transition is the baseline in a VM's status changing: note when and onto what. */
  private void recordTransitions(List<HotpatchVM> vms) {
    for (HotpatchVM vm : vms) {
      if (vm.getStatus() == null || vm.getStatus().baseline == null) {
        continue;
      }
      List<DemoReport.Transition> seen =
          transitions.computeIfAbsent(vm.getMetadata().getName(), k -> new ArrayList<>());
      if (seen.isEmpty() || !seen.get(seen.size() - 1).baseline().equals(vm.getStatus().baseline)) {
        seen.add(
            new DemoReport.Transition(
                vm.getStatus().baseline, driver.clock().instant().toString()));
      }
    }
  }

  Cluster cluster() {
    return kube;
  }

  /** Simulated time per second of real time while serving: an hour of Azure in a minute. */
  static final Duration SERVE_STEP = Duration.ofMinutes(1);

  /**
   * Keeps the world running until {@code stop} says so: every real second the simulated clock moves
   * a minute, so what a user applies with kubectl is orchestrated, installed and reported.
   */
  void serve(java.util.function.BooleanSupplier stop) throws InterruptedException {
    while (!stop.getAsBoolean()) {
      driver.advance(SERVE_STEP);
      Thread.sleep(1000);
    }
  }

  DemoReport report(boolean settled, long elapsedMillis) {
    var byKind = new TreeMap<>(simulator.requestCountsByKind());
    long total = byKind.values().stream().mapToLong(Long::longValue).sum();
    long installs =
        simulator.requestLog().stream()
            .filter(
                r ->
                    r.method().equals("POST")
                        && r.path().toLowerCase().endsWith("/installpatches")
                        && r.status() == 202)
            .count();
    return new DemoReport(
        settled, elapsedMillis, lines(), simulator.rebootLedger().size(), installs, byKind, total);
  }

  private List<DemoReport.VmLine> lines() {
    Map<String, MaintenanceSchedule> windows = new HashMap<>();
    for (PatchBaseline b :
        kube.client().resources(PatchBaseline.class).inNamespace(NAMESPACE).list().getItems()) {
      windows.put(
          b.getMetadata().getName(),
          MaintenanceSchedule.of(b.getSpec().rollout.maintenanceWindows));
    }
    List<DemoReport.VmLine> lines = new ArrayList<>();
    for (HotpatchVM vm :
        kube.client().resources(HotpatchVM.class).inNamespace(NAMESPACE).list().getItems()) {
      var s = vm.getStatus();
      String name = vm.getMetadata().getName();
      String vmName = vm.getSpec().azure.name != null ? vm.getSpec().azure.name : name;
      MaintenanceSchedule schedule =
          windows.getOrDefault(vm.getSpec().baselineRef.name, MaintenanceSchedule.never());
      List<DemoReport.Reboot> reboots = new ArrayList<>();
      for (RebootRecord r : simulator.rebootLedger()) {
        if (r.vmName().equalsIgnoreCase(vmName)) {
          reboots.add(
              new DemoReport.Reboot(r.time().toString(), r.kb(), schedule.isOpen(r.time())));
        }
      }
      List<DemoReport.Transition> moved = transitions.getOrDefault(name, List.of());
      List<DemoReport.Transition> actual =
          moved.size() <= 1 ? List.of() : moved.subList(1, moved.size());
      if (s == null) {
        lines.add(
            new DemoReport.VmLine(
                name, "", "", null, false, false, false, reboots, actual, "no status yet"));
        continue;
      }
      var ready = Conditions.find(s.conditions, Conditions.READY);
      lines.add(
          new DemoReport.VmLine(
              name,
              s.phase,
              s.osBuild,
              s.baseline,
              Conditions.isTrue(s.conditions, Conditions.AZURE_ORCHESTRATED),
              Conditions.isTrue(s.conditions, Conditions.ELIGIBLE),
              Conditions.isTrue(s.conditions, Conditions.READY),
              reboots,
              actual,
              ready.map(c -> c.getReason() + ": " + c.getMessage()).orElse("")));
    }
    lines.sort(Comparator.comparing(DemoReport.VmLine::name));
    return lines;
  }

  private void printTable(String title, List<DemoReport.VmLine> lines) {
    live.printf(
        "%n== %s  (simulated %s)%n%-10s %-17s %-11s %-10s %-6s %-8s %-11s%n",
        title,
        driver.clock().instant(),
        "NAME",
        "PHASE",
        "OS BUILD",
        "BASELINE",
        "ORCH",
        "REBOOTS",
        "TRANSITIONS");
    for (var l : lines) {
      live.printf(
          "%-10s %-17s %-11s %-10s %-6s %-8d %-11d%n",
          l.name(),
          l.phase(),
          l.osBuild(),
          l.baseline() == null ? "-" : l.baseline(),
          l.orchestrated(),
          l.reboots().size(),
          l.transitions().size());
    }
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
