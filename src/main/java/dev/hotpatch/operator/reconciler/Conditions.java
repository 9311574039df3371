package dev.hotpatch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The one place conditions are set: keeps lastTransitionTime when the status does not change, and
 * stamps observedGeneration, so kstatus-style tools (kubectl wait, Argo CD) read them right.
 */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String ELIGIBLE = "Eligible";
  public static final String AZURE_ORCHESTRATED = "AzureOrchestrated";
  public static final String BASELINE_CONVERGED = "BaselineConverged";
  public static final String REBOOT_PENDING = "RebootPending";
  public static final String PROGRESSING = "Progressing";
  public static final String PAUSED = "Paused";

  private final Clock clock;

  public Conditions(Clock clock) {
    this.clock = clock;
  }

  public void set(
      List<Condition> conditions,
      Long generation,
      String type,
      boolean status,
      String reason,
      String message) {
    String value = status ? "True" : "False";
    Optional<Condition> existing = find(conditions, type);
    Condition c = existing.orElseGet(Condition::new);
    if (existing.isEmpty() || !value.equals(c.getStatus())) {
      c.setLastTransitionTime(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    }
    c.setType(type);
    c.setStatus(value);
    c.setReason(reason);
    c.setMessage(message);
    c.setObservedGeneration(generation);
    if (existing.isEmpty()) {
      conditions.add(c);
    }
  }

  public static void remove(List<Condition> conditions, String type) {
    conditions.removeIf(c -> type.equals(c.getType()));
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }
}
