package dev.hotpatch.operator.reconciler;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.PatchBaselineStatus;
import dev.hotpatch.operator.api.Rollout;
import dev.hotpatch.operator.policy.DepartedFailures;
import dev.hotpatch.operator.policy.RolloutDefaults;
import dev.hotpatch.operator.policy.SpecValidator;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;

/**
 * Keeps a PatchBaseline's status: how many VMs it targets, how far the rollout is, and whether it
 * is paused.
 */
@ControllerConfiguration(name = PatchBaselineReconciler.NAME)
public class PatchBaselineReconciler implements Reconciler<PatchBaseline> {
  public static final String NAME = "patchbaseline";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OperatorSettings settings;
  private final Shard shard;
  private final Conditions conditions;

  private final ReconcileObserver observer;

  public PatchBaselineReconciler(
      OperatorSettings settings, ReconcileObserver observer, Shard shard) {
    this.shard = shard;
    this.settings = settings;
    this.observer = observer;
    this.conditions = new Conditions(settings.clock());
  }

  @Override
  public List<EventSource<?, PatchBaseline>> prepareEventSources(
      EventSourceContext<PatchBaseline> context) {
    var config =
        InformerEventSourceConfiguration.from(HotpatchVM.class, PatchBaseline.class)
            .withSecondaryToPrimaryMapper(
                (HotpatchVM vm) ->
                    vm.getSpec() == null || vm.getSpec().baselineRef == null
                        ? Set.of()
                        : Set.of(
                            new ResourceID(
                                vm.getSpec().baselineRef.name, vm.getMetadata().getNamespace())))
            .withNamespacesInheritedFromController()
            // Counts only this shard's VMs: the others are another installation's.
            .withLabelSelector(shard.labelSelector().orElse(null))
            .withItemStore(new SlimVmStore())
            .build();
    return List.of(new InformerEventSource<>(config, context));
  }

  @Override
  public UpdateControl<PatchBaseline> reconcile(
      PatchBaseline baseline, Context<PatchBaseline> context) {
    String outcome = "error";
    try {
      UpdateControl<PatchBaseline> control = update(baseline, context);
      outcome = "success";
      return control;
    } finally {
      observer.reconciled(NAME, outcome);
    }
  }

  /** The newer copy's own event reconciles it too; this is in case it came before ours. */
  private static final java.time.Duration CONFLICT_RETRY = java.time.Duration.ofSeconds(1);

  private UpdateControl<PatchBaseline> update(
      PatchBaseline baseline, Context<PatchBaseline> context) {
    PatchBaselineStatus status =
        baseline.getStatus() == null
            ? new PatchBaselineStatus()
            : JSON.convertValue(baseline.getStatus(), PatchBaselineStatus.class);
    Long generation = baseline.getMetadata().getGeneration();
    List<String> problems = SpecValidator.validate(baseline.getSpec());
    if (!problems.isEmpty()) {
      conditions.set(
          status.conditions,
          generation,
          Conditions.READY,
          false,
          "InvalidSpec",
          String.join("; ", problems));
    } else {
      // Records onto an earlier KB go: a new baseline starts with a fresh failure budget.
      status.departedFailures =
          new java.util.ArrayList<>(DepartedFailures.current(baseline, status));
      BaselineMembers members =
          new BaselineMembers(
              baseline, List.copyOf(context.getSecondaryResources(HotpatchVM.class)));
      count(baseline, status, members, generation);
    }
    status.observedGeneration = generation;
    if (!JSON.valueToTree(status).equals(JSON.valueToTree(baseline.getStatus()))) {
      try {
        LockedStatusPatch.write(context.getClient(), baseline, status);
      } catch (StatusConflictException e) { // counted from an older copy: count again
        return UpdateControl.<PatchBaseline>noUpdate().rescheduleAfter(CONFLICT_RETRY);
      }
    }
    return UpdateControl.<PatchBaseline>noUpdate().rescheduleAfter(settings.resyncInterval());
  }

  private void count(
      PatchBaseline baseline,
      PatchBaselineStatus status,
      BaselineMembers members,
      Long generation) {
    Rollout rollout =
        baseline.getSpec().rollout == null ? new Rollout() : baseline.getSpec().rollout;
    int budget = RolloutDefaults.failureBudget(rollout);
    status.targeted = members.targeted();
    status.converged = members.converged();
    status.transitioning = members.transitioning().size();
    status.failed = members.failed();
    boolean budgetSpent = RolloutDefaults.budgetSpent(status.failed, budget);
    if (rollout.paused) {
      conditions.set(
          status.conditions,
          generation,
          Conditions.PAUSED,
          true,
          "PausedBySpec",
          "spec.rollout.paused is true: no new transitions start");
    } else if (budgetSpent) {
      conditions.set(
          status.conditions,
          generation,
          Conditions.PAUSED,
          true,
          "FailureBudgetSpent",
          status.failed
              + " transition(s) onto "
              + baseline.getSpec().kb
              + " failed (failure budget "
              + budget
              + "): rollout paused; fix the VMs, then raise spec.rollout.failureBudget or declare a new baseline");
    } else {
      conditions.set(
          status.conditions, generation, Conditions.PAUSED, false, "Running", "rollout is running");
    }
    boolean done = status.converged == status.targeted;
    conditions.set(
        status.conditions,
        generation,
        Conditions.PROGRESSING,
        !done && !rollout.paused && !budgetSpent,
        done ? "Complete" : "RollingOut",
        status.converged
            + "/"
            + status.targeted
            + " VMs converged, "
            + status.transitioning
            + " transitioning, "
            + status.failed
            + " failed");
    conditions.set(
        status.conditions,
        generation,
        Conditions.READY,
        done,
        done ? "Converged" : "RollingOut",
        status.converged
            + "/"
            + status.targeted
            + " VMs on "
            + baseline.getSpec().kb
            + " ("
            + baseline.getSpec().build
            + ")");
  }
}
