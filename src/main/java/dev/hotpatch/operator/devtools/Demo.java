package dev.hotpatch.operator.devtools;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.PatchBaselineSpec;
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

  /** Where the demo says what it does (null: nowhere). */
  private final PrintStream live;

  /** Whether {@link #live} also gets a table of the fleet after each step (not with --json). */
  private final boolean tables;

  private final Map<String, List<DemoReport.Transition>> transitions = new HashMap<>();
  private final List<DemoReport.Month> months = new ArrayList<>();

  private Demo(Sandbox sandbox, PrintStream live, boolean tables) {
    this.sandbox = sandbox;
    this.driver = sandbox.driver;
    this.simulator = sandbox.simulator;
    this.kube = sandbox.kube;
    this.live = live;
    this.tables = tables && live != null;
  }

  /**
   * @param examples a folder of manifests to apply; null: the bundled examples/*.yaml
   */
  static Demo start(Path examples, PrintStream live) throws IOException {
    return start(examples, live, LocalKubernetes::start);
  }

  /**
   * @param cluster the API server: the mock, or a real kube-apiserver that kubectl can talk to
   */
  static Demo start(
      Path examples, PrintStream live, java.util.function.Supplier<? extends Cluster> cluster)
      throws IOException {
    return start(examples, live, true, cluster);
  }

  /**
   * @param examples a folder of manifests to apply; null: the bundled examples/*.yaml (from the
   *     jar, never from the working directory)
   * @param live where to say what happens, or null
   * @param tables whether to print the fleet's table after each step as well
   */
  static Demo start(
      Path examples,
      PrintStream live,
      boolean tables,
      java.util.function.Supplier<? extends Cluster> cluster)
      throws IOException {
    long started = System.nanoTime();
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
    int applied;
    try {
      applied =
          examples == null
              ? BundledExamples.open(folder -> sandbox.kube.applyFolder(folder, NAMESPACE)).size()
              : sandbox.kube.applyFolder(examples, NAMESPACE).size();
    } catch (IOException | RuntimeException e) {
      sandbox.close();
      throw e;
    }
    if (live != null) {
      live.printf(
          "Started %s, the ARM simulator and the operator in %.1f s; applied %d objects (%s) to"
              + " namespace %s.%n",
          sandbox.kube.description(),
          (System.nanoTime() - started) / 1e9,
          applied,
          examples == null ? BundledExamples.DESCRIPTION : examples,
          NAMESPACE);
    }
    return new Demo(sandbox, live, tables);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Demo.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(name.substring(1) + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Phase 1: minutes of simulated time until every VM is orchestrated or reported. */
  boolean orchestrate(Duration timeout) {
    if (live != null) {
      live.printf(
          "%nOrchestration: the operator makes each eligible VM Azure-orchestrated (patch mode"
              + " AutomaticByPlatform, hotpatching on), a simulated minute at a time, until every"
              + " VM has settled%s.%n",
          tables ? " (one table a minute; PHASE pending: not reconciled yet)" : "");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    int minutes = 0;
    while (System.nanoTime() < deadline) {
      driver.advance(Duration.ofMinutes(1));
      minutes++;
      List<DemoReport.VmLine> lines = lines();
      if (tables) {
        printTable("orchestration, minute " + minutes, lines);
      }
      if (!lines.isEmpty() && lines.stream().allMatch(l -> SETTLED.contains(l.phase()))) {
        if (live != null) {
          long orchestrated = lines.stream().filter(DemoReport.VmLine::orchestrated).count();
          live.printf(
              "Settled after %d simulated minutes: %d of %d VMs Azure-orchestrated.%n",
              minutes, orchestrated, lines.size());
        }
        return true;
      }
    }
    if (live != null) {
      live.printf(
          "NOT settled after %d simulated minutes (%.0f s of real time).%n",
          minutes, timeout.toMillis() / 1000.0);
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
    if (live != null) {
      live.printf(
          "%nThe %d calendar: each month, the day after Patch Tuesday, the PatchBaselines are set"
              + " to what was released (as a GitOps commit would). A new baseline (planned in"
              + " January, April, July and October; unplanned %s in May, for Windows Server 2022"
              + " only) costs each VM one reboot, inside a maintenance window; a hotpatch installs"
              + " without one.%n",
          YEAR, UNPLANNED_KB);
    }
    for (int month = 2; month <= lastMonth; month++) {
      Map<String, PatchBaseline> before = baselines();
      run.playMonth(YEAR, month);
      recordTransitions(run.vms());
      DemoReport.Month played =
          month(month, HotpatchCalendar.commitDay(YEAR, month), before, baselines(), run.vms());
      months.add(played);
      if (live != null) {
        printMonth(played);
        if (tables) {
          printTable(played.month(), lines());
        }
      }
    }
  }

  private Map<String, PatchBaseline> baselines() {
    Map<String, PatchBaseline> byName = new TreeMap<>();
    for (PatchBaseline b :
        kube.client().resources(PatchBaseline.class).inNamespace(NAMESPACE).list().getItems()) {
      byName.put(b.getMetadata().getName(), b);
    }
    return byName;
  }

  /** What a month committed to each PatchBaseline, who moved onto a new baseline, who did not. */
  private DemoReport.Month month(
      int month,
      java.time.LocalDate committedOn,
      Map<String, PatchBaseline> before,
      Map<String, PatchBaseline> after,
      List<HotpatchVM> vms) {
    Map<String, DemoReport.Commit> commits = new TreeMap<>();
    for (var e : after.entrySet()) {
      PatchBaselineSpec now = e.getValue().getSpec();
      PatchBaselineSpec was =
          before.containsKey(e.getKey()) ? before.get(e.getKey()).getSpec() : null;
      String type = now.type == PatchBaselineSpec.BaselineType.Unplanned ? "unplanned" : "planned";
      DemoReport.Commit commit;
      if (was == null || !java.util.Objects.equals(was.kb, now.kb)) {
        List<DemoReport.Moved> moved = new ArrayList<>();
        for (HotpatchVM vm : vms) {
          if (e.getKey().equals(vm.getSpec().baselineRef.name)) {
            movedOnto(vm.getMetadata().getName(), now.kb).ifPresent(moved::add);
          }
        }
        commit =
            new DemoReport.Commit(
                e.getKey(), osName(now.os), type + " baseline", now.kb, now.build, null, moved);
      } else if (count(now.hotpatches) > count(was.hotpatches)) {
        PatchBaselineSpec.Hotpatch h = now.hotpatches.get(now.hotpatches.size() - 1);
        commit =
            new DemoReport.Commit(
                e.getKey(), osName(now.os), "hotpatch", h.kb, h.build, now.kb, List.of());
      } else {
        commit =
            new DemoReport.Commit(
                e.getKey(), osName(now.os), "nothing new", now.kb, now.build, null, List.of());
      }
      commits.put(e.getKey(), commit);
    }
    List<DemoReport.Commit> newBaselines =
        commits.values().stream().filter(DemoReport.Commit::newBaseline).toList();
    Map<String, DemoReport.VmLine> lines = new HashMap<>();
    lines().forEach(l -> lines.put(l.name(), l));
    List<DemoReport.Skip> skipped = new ArrayList<>();
    for (HotpatchVM vm :
        vms.stream().sorted(Comparator.comparing(v -> v.getMetadata().getName())).toList()) {
      String name = vm.getMetadata().getName();
      DemoReport.Commit own = commits.get(vm.getSpec().baselineRef.name);
      DemoReport.VmLine line = lines.get(name);
      if (own == null || line == null) {
        continue;
      }
      if (own.newBaseline()) {
        if (own.moved().stream().noneMatch(m -> m.vm().equals(name))) {
          String why =
              line.reason() == null || line.reason().isBlank()
                  ? "phase " + line.phase()
                  : line.reason();
          skipped.add(new DemoReport.Skip(name, own.kb(), why));
        }
        continue;
      }
      String got =
          own.change().equals("nothing new")
              ? "nothing new this month"
              : "only " + own.change() + " " + own.kb() + " this month";
      for (DemoReport.Commit other : newBaselines) {
        String why =
            other.os().equals(own.os())
                ? String.format(
                    "PatchBaseline %s, also %s, got %s", own.patchBaseline(), own.os(), got)
                : String.format(
                    "%s is a %s baseline; PatchBaseline %s is %s (another OS family) and got %s",
                    other.kb(), other.os(), own.patchBaseline(), own.os(), got);
        skipped.add(new DemoReport.Skip(name, other.kb(), why));
      }
    }
    String title =
        java.time.Month.of(month)
                .getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
            + " "
            + YEAR;
    return new DemoReport.Month(
        title, committedOn.toString(), List.copyOf(commits.values()), skipped);
  }

  private java.util.Optional<DemoReport.Moved> movedOnto(String vm, String kb) {
    List<DemoReport.Transition> seen = transitions.getOrDefault(vm, List.of());
    // The first entry is where the VM stood before the year began, not a move.
    for (int i = seen.size() - 1; i >= 1; i--) {
      if (seen.get(i).baseline().equals(kb)) {
        return java.util.Optional.of(new DemoReport.Moved(vm, seen.get(i).at()));
      }
    }
    return java.util.Optional.empty();
  }

  private static int count(List<?> list) {
    return list == null ? 0 : list.size();
  }

  /** WindowsServer2022AzureEdition: Windows Server 2022 Azure Edition. */
  static String osName(OsFamily os) {
    return os == null
        ? "-"
        : os.name().replaceAll("(?<=[a-z])(?=[A-Z0-9])|(?<=[0-9])(?=[A-Z])", " ");
  }

  private void printMonth(DemoReport.Month m) {
    live.printf("%n== %s: committed on %s%n", m.month(), m.committedOn());
    for (DemoReport.Commit c : m.commits()) {
      String what =
          switch (c.change()) {
            case "hotpatch" ->
                String.format(
                    "hotpatch %s (build %s) on baseline %s: installed without a reboot",
                    c.kb(), c.build(), c.baselineKb());
            case "nothing new" -> String.format("nothing new: stays on %s", c.kb());
            default ->
                String.format(
                    "%s %s (build %s): one reboot per VM, inside a maintenance window",
                    c.change(), c.kb(), c.build());
          };
      live.printf("  %-7s %s, %s%n", c.patchBaseline(), c.os(), what);
      if (!c.moved().isEmpty()) {
        live.printf(
            "          moved onto it: %s%n",
            String.join(", ", c.moved().stream().map(x -> x.vm() + " at " + x.at()).toList()));
      }
    }
    // One line per reason, with the VMs it applies to.
    Map<String, List<String>> byReason = new java.util.LinkedHashMap<>();
    for (DemoReport.Skip s : m.skipped()) {
      // The first clause is enough here; the summary at the end has the whole message.
      String reason = s.reason();
      int colon = reason.indexOf(": ");
      int clause = colon < 0 ? -1 : reason.indexOf("; ", colon);
      String shortReason = clause > 0 ? reason.substring(0, clause) : reason;
      byReason.computeIfAbsent(s.kb() + ": " + shortReason, k -> new ArrayList<>()).add(s.vm());
    }
    byReason.forEach(
        (reason, vms) ->
            live.printf(
                "  %s %s %s%n",
                String.join(", ", vms), vms.size() == 1 ? "skips" : "skip", reason));
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
        settled,
        elapsedMillis,
        lines(),
        List.copyOf(months),
        simulator.rebootLedger().size(),
        installs,
        byKind,
        total,
        null);
  }

  /**
   * The reboot calendar of the next {@code months} from now on the simulated clock, made from the
   * demo's PatchBaselines and HotpatchVMs as `forecast` makes it from a cluster.
   */
  dev.hotpatch.operator.policy.RebootCalendar.Forecast forecast(int months) {
    return dev.hotpatch.operator.policy.RebootCalendar.forecast(
        List.copyOf(baselines().values()),
        kube.client().resources(HotpatchVM.class).inNamespace(NAMESPACE).list().getItems(),
        driver.clock().instant(),
        months,
        dev.hotpatch.operator.policy.RebootCalendar.Assumptions.defaults());
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
                name,
                Phases.PENDING,
                null,
                null,
                false,
                false,
                false,
                reboots,
                actual,
                "not reconciled yet",
                null,
                null));
        continue;
      }
      var ready = Conditions.find(s.conditions, Conditions.READY);
      lines.add(
          new DemoReport.VmLine(
              name,
              s.phase == null ? Phases.PENDING : s.phase,
              s.osBuild,
              s.baseline,
              Conditions.isTrue(s.conditions, Conditions.AZURE_ORCHESTRATED),
              Conditions.isTrue(s.conditions, Conditions.ELIGIBLE),
              Conditions.isTrue(s.conditions, Conditions.READY),
              reboots,
              actual,
              ready.map(c -> c.getReason() + ": " + c.getMessage()).orElse(""),
              s.nextReboot,
              s.nextRebootReason));
    }
    lines.sort(Comparator.comparing(DemoReport.VmLine::name));
    return lines;
  }

  private void printTable(String title, List<DemoReport.VmLine> lines) {
    live.printf(
        "%n== %s  (simulated %s)%n%-10s %-17s %-11s %-10s %-6s %-8s %s%n",
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
      boolean pending = Phases.PENDING.equals(l.phase());
      live.printf(
          "%-10s %-17s %-11s %-10s %-6s %-8d %d%n",
          l.name(),
          pending ? "pending" : dash(l.phase()),
          dash(l.osBuild()),
          dash(l.baseline()),
          pending && l.osBuild() == null ? "-" : l.orchestrated() ? "yes" : "no",
          l.reboots().size(),
          l.transitions().size());
    }
  }

  /** What a table shows for a value not known (yet): never "null" or a blank. */
  private static String dash(String value) {
    return value == null || value.isBlank() ? "-" : value;
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
