package dev.hotpatch.operator.safety;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** The bench's figures as text for people or one JSON document for scripts. */
final class BenchReport {
  private BenchReport() {}

  static String text(Stats s) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "schedules            %d (%d could not run)%n",
            s.schedules,
            s.harnessErrors));
    b.append(
        String.format(Locale.ROOT, "simulated days       %.1f%n", s.simulatedMinutes / 1440.0));
    b.append(String.format(Locale.ROOT, "user actions         %d%n", s.userActions));
    b.append(String.format(Locale.ROOT, "faults               %s%n", s.faults));
    b.append(
        String.format(
            Locale.ROOT,
            "crashes              %d (restarts %d; pods whose informer stopped %d)%n",
            s.crashes,
            s.restarts,
            s.informerStops));
    b.append(String.format(Locale.ROOT, "handovers            %d%n", s.handovers));
    b.append(String.format(Locale.ROOT, "reboot-capable calls %d%n", s.rebootCalls));
    b.append(String.format(Locale.ROOT, "violations           %s%n", s.violations));
    b.append(String.format(Locale.ROOT, "double calls         %d%n", s.doubleCalls));
    b.append(String.format(Locale.ROOT, "slots held at end    %d%n", s.leakedSlots));
    b.append(String.format(Locale.ROOT, "not converged        %d%n", s.notConverged));
    b.append(
        String.format(
            Locale.ROOT,
            "wall time            %.1f s (%.2f schedules/s)%n",
            s.wallSeconds,
            s.schedules / Math.max(0.001, s.wallSeconds)));
    b.append(
        String.format(
            Locale.ROOT,
            "steps                %d (settling %.1f s, %d slow, %d timed out; worlds %.1f s,"
                + " clean-up %.1f s)%n",
            s.steps,
            s.settleNanos / 1e9,
            s.slowSettles,
            s.settleTimeouts,
            s.worldNanos / 1e9,
            s.cleanupNanos / 1e9));
    b.append(
        String.format(
            Locale.ROOT,
            "settling split       leader %.1f s, first reconcile %.1f s, resync %.1f s,"
                + " reconciling %.1f s (%d reconciles)%n",
            s.leaderNanos / 1e9,
            s.firstNanos / 1e9,
            s.resyncNanos / 1e9,
            s.idleNanos / 1e9,
            s.reconciles));
    return b.toString();
  }

  static String json(Stats s) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    root.put("schedules", s.schedules);
    root.put("simulatedDays", s.simulatedMinutes / 1440.0);
    root.put("userActions", s.userActions);
    ObjectNode faults = root.putObject("faults");
    s.faults.forEach(faults::put);
    root.put("crashes", s.crashes);
    root.put("restarts", s.restarts);
    root.put("informerStops", s.informerStops);
    root.put("handovers", s.handovers);
    root.put("rebootCalls", s.rebootCalls);
    ObjectNode violations = root.putObject("violations");
    s.violations.forEach((i, n) -> violations.put(i.name(), n));
    root.put("doubleCalls", s.doubleCalls);
    root.put("leakedSlots", s.leakedSlots);
    root.put("notConverged", s.notConverged);
    root.put("wallSeconds", s.wallSeconds);
    root.put("harnessErrors", s.harnessErrors);
    root.put("schedulesPerSecond", s.schedules / Math.max(0.001, s.wallSeconds));
    return root.toPrettyString();
  }
}
