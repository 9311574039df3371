package dev.hotpatch.operator.install;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMStatus;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.PatchBaselineStatus;
import dev.hotpatch.operator.runtime.OperatorMetrics;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The metric names a PromQL expression reads, and the names the operator exports. */
final class PromQl {
  private PromQl() {}

  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "offset",
          "inf",
          "nan");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  /** Metric names in {@code expr}: identifiers that are no function, keyword, label or number. */
  static Set<String> metricNames(String expr) {
    String e = expr;
    e = e.replaceAll("\"(\\\\.|[^\"\\\\])*\"", " ").replaceAll("'(\\\\.|[^'\\\\])*'", " ");
    e = e.replaceAll("\\{[^}]*}", " "); // label matchers
    e = e.replaceAll("\\[[^]]*]", " "); // ranges and subqueries
    e =
        e.replaceAll(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)",
            " "); // label lists
    e = e.replaceAll("\\boffset\\s+\\S+", " ");
    e = e.replaceAll("(?<![a-zA-Z_:])[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(e);
    while (m.find()) {
      String token = m.group();
      boolean call = e.substring(m.end()).matches("(?s)\\s*\\(.*");
      if (!call && !KEYWORDS.contains(token.toLowerCase())) {
        names.add(token);
      }
    }
    return names;
  }

  /**
   * Every metric name the operator exports, from a scrape of {@link OperatorMetrics} with each of
   * its meters fed once (JVM metrics left out: no alert or panel uses them).
   */
  static Set<String> exported() {
    Set<String> names = new TreeSet<>();
    for (String line : scrape().split("\n")) {
      Matcher m = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(line);
      if (!line.startsWith("#") && m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /**
   * One scrape of an OperatorMetrics that has seen each kind of event once, and a HotpatchVM and a
   * valid PatchBaseline in its caches: every metric it declares has a sample.
   */
  static String scrape() {
    try (OperatorMetrics metrics = new OperatorMetrics(false)) {
      metrics.reconcile("hotpatchvm", "success");
      metrics.reconcileError("hotpatchvm");
      metrics.azureRequest("GET listVirtualMachines", 429, java.time.Duration.ofMillis(50));
      metrics.reconcileDuration("hotpatchvm", java.time.Duration.ofMillis(200));
      metrics.rebootTriggered("PlannedBaseline");
      metrics.slotsHeld(() -> 1);
      metrics.fleetViewAge("00000000-0000-0000-0000-000000000001", () -> 1.0);
      metrics.fleetViewFallback("00000000-0000-0000-0000-000000000001", () -> 0);
      HotpatchVM vm = new HotpatchVM();
      vm.setMetadata(new ObjectMetaBuilder().withNamespace("fleet").withName("vm").build());
      vm.setStatus(new HotpatchVMStatus());
      vm.getStatus().phase = "Transitioning";
      vm.getStatus()
          .conditions
          .add(
              new ConditionBuilder()
                  .withType("Ready")
                  .withStatus("False")
                  .withReason("TransitionOverdue")
                  .build());
      // A valid spec: the rollout gauges count only baselines the operator acts on.
      PatchBaseline baseline =
          dev.hotpatch.operator.api.TolerantReading.serialization()
              .unmarshal(
                  """
                  apiVersion: hotpatch.dev/v1alpha1
                  kind: PatchBaseline
                  metadata: {namespace: fleet, name: b}
                  spec:
                    os: WindowsServer2022AzureEdition
                    type: Planned
                    kb: KB5260001
                    build: "20348.3300"
                    rollout:
                      maintenanceWindows:
                        - {days: [Sat], start: "22:00", duration: 4h, timeZone: UTC}
                  """,
                  PatchBaseline.class);
      baseline.setStatus(new PatchBaselineStatus());
      metrics.resources(() -> Stream.of(vm), () -> Stream.of(baseline));
      return metrics.scrape();
    }
  }

  /** The metric names OperatorMetrics declares (its public String constants). */
  static List<String> declared() {
    return Stream.of(OperatorMetrics.class.getFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(PromQl::value)
        .toList();
  }

  private static String value(Field f) {
    try {
      return (String) f.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
