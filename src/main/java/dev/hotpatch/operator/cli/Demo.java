package dev.hotpatch.operator.cli;

import dev.hotpatch.operator.HotpatchOperator;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.azure.AzureGateways;
import dev.hotpatch.operator.azure.AzureTarget;
import dev.hotpatch.operator.azure.RequestListener;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.reconciler.OperatorSettings;
import dev.hotpatch.operator.reconciler.Phases;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.FleetSeed;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** The demo's world: a simulated clock, the ARM simulator, a mock cluster and the real operator. */
final class Demo implements AutoCloseable {
  static final String NAMESPACE = "fleet";
  private static final Set<String> SETTLED =
      Set.of(Phases.CONVERGED, Phases.INELIGIBLE, Phases.BLOCKED, Phases.WAITING, Phases.FAILED, Phases.NOT_FOUND, Phases.INVALID, Phases.AHEAD);

  private final SimulatedClock clock;
  private final ArmSimulator simulator;
  private final LocalKubernetes kube;
  private final HotpatchOperator operator;
  private final PrintStream live;

  private Demo(SimulatedClock clock, ArmSimulator simulator, LocalKubernetes kube, HotpatchOperator operator, PrintStream live) {
    this.clock = clock;
    this.simulator = simulator;
    this.kube = kube;
    this.operator = operator;
    this.live = live;
  }

  static Demo start(Path examples, PrintStream live) throws IOException {
    SimulatedClock clock = new SimulatedClock(Instant.parse("2026-01-19T09:00:00Z"));
    ArmSimulator simulator = ArmSimulator.builder().clock(clock).fleet(FleetSeed.fromYaml(resource("/demo/fleet.yaml"))).start();
    LocalKubernetes kube = LocalKubernetes.start();
    kube.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
    OperatorSettings settings = OperatorSettings.defaults(clock).withPollInterval(Duration.ofMillis(200));
    HotpatchOperator operator =
        HotpatchOperator.start(
            kube.client(),
            AzureGateways.sdk(AzureTarget.simulator(simulator.endpoint()), RequestListener.NONE),
            settings,
            new HotpatchOperator.Options(Set.of(), null, Duration.ofSeconds(1)));
    kube.applyFolder(examples, NAMESPACE);
    return new Demo(clock, simulator, kube, operator, live);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Demo.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  DemoReport runUntilSettled(Duration timeout) throws InterruptedException {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    List<DemoReport.VmLine> lines = snapshot();
    boolean settled = false;
    while (System.nanoTime() < deadline) {
      clock.advance(Duration.ofMinutes(1));
      Thread.sleep(250); // real time for the operator's threads to work; simulated time moves by the clock
      lines = snapshot();
      settled = settled(lines);
      if (live != null) {
        printTable(lines);
      }
      if (settled) {
        break;
      }
    }
    long elapsed = (System.nanoTime() - started) / 1_000_000;
    var byKind = new TreeMap<>(simulator.requestCountsByKind());
    long total = byKind.values().stream().mapToLong(Long::longValue).sum();
    return new DemoReport(settled, elapsed, lines, byKind, total);
  }

  private List<DemoReport.VmLine> snapshot() {
    List<DemoReport.VmLine> lines = new ArrayList<>();
    for (HotpatchVM vm : kube.client().resources(HotpatchVM.class).inNamespace(NAMESPACE).list().getItems()) {
      var s = vm.getStatus();
      String name = vm.getMetadata().getName();
      String vmName = vm.getSpec().azure.name != null ? vm.getSpec().azure.name : name;
      int reboots = (int) simulator.rebootLedger().stream().filter(r -> r.vmName().equalsIgnoreCase(vmName)).count();
      if (s == null) {
        lines.add(new DemoReport.VmLine(name, "", "", false, false, false, reboots, "no status yet"));
        continue;
      }
      var ready = Conditions.find(s.conditions, Conditions.READY);
      lines.add(
          new DemoReport.VmLine(
              name,
              s.phase,
              s.osBuild,
              Conditions.isTrue(s.conditions, Conditions.AZURE_ORCHESTRATED),
              Conditions.isTrue(s.conditions, Conditions.ELIGIBLE),
              Conditions.isTrue(s.conditions, Conditions.READY),
              reboots,
              ready.map(c -> c.getReason() + ": " + c.getMessage()).orElse("")));
    }
    lines.sort(Comparator.comparing(DemoReport.VmLine::name));
    return lines;
  }

  private static boolean settled(List<DemoReport.VmLine> lines) {
    return !lines.isEmpty() && lines.stream().allMatch(l -> SETTLED.contains(l.phase()));
  }

  private void printTable(List<DemoReport.VmLine> lines) {
    live.printf("%n%s%n%-10s %-18s %-12s %-12s %-7s%n", clock.instant(), "NAME", "PHASE", "OS BUILD", "ORCHESTRATED", "REBOOTS");
    for (var l : lines) {
      live.printf("%-10s %-18s %-12s %-12s %-7d%n", l.name(), l.phase(), l.osBuild(), l.orchestrated(), l.reboots());
    }
  }

  @Override
  public void close() {
    operator.close();
    kube.close();
    simulator.close();
  }
}
