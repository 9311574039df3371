package dev.hotpatch.operator.runtime;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.reconciler.Phases;
import io.fabric8.kubernetes.api.model.Condition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges counted from the operator's informer caches (memory, no API call) each time the metrics
 * are scraped: HotpatchVMs by namespace and phase, by the status of their Ready condition, those
 * not Ready by namespace and reason, and whether each PatchBaseline's failure budget is spent (and,
 * through {@link RolloutGauges}, each baseline's rollout). The resources' namespace is the label
 * {@value #NAMESPACE_LABEL}, not {@code namespace}, which Prometheus sets to the scraped pod's.
 */
final class ResourceGauges {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceGauges.class);
  static final String NAMESPACE_LABEL = "resource_namespace";

  /** The Paused reason of a PatchBaseline whose failure budget is spent. */
  static final String FAILURE_BUDGET_SPENT = "FailureBudgetSpent";

  private final Supplier<Stream<HotpatchVM>> vms;
  private final Supplier<Stream<PatchBaseline>> baselines;
  private final MultiGauge byPhase;
  private final MultiGauge byReady;
  private final MultiGauge notReady;
  private final MultiGauge budgetSpent;
  private final RolloutGauges rollouts;

  ResourceGauges(
      MeterRegistry registry,
      Supplier<Stream<HotpatchVM>> vms,
      Supplier<Stream<PatchBaseline>> baselines) {
    this.vms = vms;
    this.baselines = baselines;
    byPhase =
        MultiGauge.builder(OperatorMetrics.VMS)
            .description("HotpatchVMs by namespace and status.phase (Pending before the first)")
            .register(registry);
    byReady =
        MultiGauge.builder(OperatorMetrics.VMS_READY)
            .description(
                "HotpatchVMs by namespace and the status of their Ready condition: True, False, or"
                    + " Unknown before the first")
            .register(registry);
    notReady =
        MultiGauge.builder(OperatorMetrics.VMS_NOT_READY)
            .description("HotpatchVMs whose Ready condition is False, by namespace and reason")
            .register(registry);
    budgetSpent =
        MultiGauge.builder(OperatorMetrics.BUDGET_SPENT)
            .description(
                "1 when the PatchBaseline's rollout is paused because its failure budget is spent")
            .register(registry);
    rollouts = new RolloutGauges(registry);
  }

  /** Counts the caches again; when a cache cannot be read the last counts stay. */
  synchronized void refresh() {
    List<HotpatchVM> allVms;
    List<PatchBaseline> allBaselines;
    try (Stream<HotpatchVM> v = vms.get();
        Stream<PatchBaseline> b = baselines.get()) {
      allVms = v.toList();
      allBaselines = b.toList();
    } catch (RuntimeException e) {
      LOG.debug("informer caches not readable for the resource gauges: {}", e.toString());
      return;
    }
    Map<List<String>, Integer> phases = new TreeMap<>(LIST_ORDER);
    Map<List<String>, Integer> readiness = new TreeMap<>(LIST_ORDER);
    Map<List<String>, Integer> reasons = new TreeMap<>(LIST_ORDER);
    for (HotpatchVM vm : allVms) {
      String ns = vm.getMetadata().getNamespace();
      var status = vm.getStatus();
      String phase = status == null || blank(status.phase) ? Phases.PENDING : status.phase;
      phases.merge(List.of(ns, phase), 1, Integer::sum);
      Optional<Condition> ready =
          status == null ? Optional.empty() : Conditions.find(status.conditions, Conditions.READY);
      readiness.merge(List.of(ns, readyStatus(ready)), 1, Integer::sum);
      ready
          .filter(c -> "False".equals(c.getStatus()))
          .ifPresent(c -> reasons.merge(List.of(ns, orUnknown(c.getReason())), 1, Integer::sum));
    }
    Map<List<String>, Integer> spent = new TreeMap<>(LIST_ORDER);
    for (PatchBaseline b : allBaselines) {
      boolean isSpent =
          b.getStatus() != null
              && Conditions.find(b.getStatus().conditions, Conditions.PAUSED)
                  .filter(c -> "True".equals(c.getStatus()))
                  .filter(c -> FAILURE_BUDGET_SPENT.equals(c.getReason()))
                  .isPresent();
      spent.put(
          List.of(b.getMetadata().getNamespace(), b.getMetadata().getName()), isSpent ? 1 : 0);
    }
    byPhase.register(rows(phases, "phase"), true);
    byReady.register(rows(readiness, "status"), true);
    notReady.register(rows(reasons, "reason"), true);
    budgetSpent.register(rows(spent, "baseline"), true);
    try {
      rollouts.refresh(allVms, allBaselines);
    } catch (RuntimeException e) { // an object nobody foresaw must not take /metrics down
      LOG.warn("rollout gauges not counted, the last counts stay: {}", e.toString());
    }
  }

  /** True, False, or Unknown (also for a VM without the condition yet), as Kubernetes spells it. */
  private static String readyStatus(Optional<Condition> ready) {
    String s = ready.map(Condition::getStatus).orElse("Unknown");
    return "True".equals(s) || "False".equals(s) ? s : "Unknown";
  }

  private static List<MultiGauge.Row<?>> rows(Map<List<String>, Integer> counts, String label) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    counts.forEach(
        (key, n) ->
            rows.add(
                MultiGauge.Row.of(Tags.of(NAMESPACE_LABEL, key.get(0), label, key.get(1)), n)));
    return rows;
  }

  private static final java.util.Comparator<List<String>> LIST_ORDER =
      java.util.Comparator.<List<String>, String>comparing(l -> l.get(0))
          .thenComparing(l -> l.get(1));

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String orUnknown(String s) {
    return blank(s) ? "unknown" : s;
  }
}
