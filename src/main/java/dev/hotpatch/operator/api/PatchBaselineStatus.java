package dev.hotpatch.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
public class PatchBaselineStatus {
  @JsonPropertyDescription("HotpatchVMs in this namespace whose baselineRef names this baseline.")
  public int targeted;

  @JsonPropertyDescription("Targeted VMs whose BaselineConverged condition is True.")
  public int converged;

  @JsonPropertyDescription(
      "Targeted VMs holding one of this baseline's rollout slots (a transition in flight, about to"
          + " start, or refused while another operation runs).")
  public int transitioning;

  @JsonPropertyDescription(
      "Targeted VMs whose transition onto this baseline's KB failed; the rollout pauses when"
          + " this reaches spec.rollout.failureBudget.")
  public int failed;

  @SchemaFrom(type = ConditionSchema[].class)
  @JsonPropertyDescription(
      "The baseline's conditions: Ready (every targeted VM converged; False with reason"
          + " InvalidSpec names a bad field), Progressing (the rollout is moving VMs), Paused (by spec.rollout.paused, reason"
          + " PausedBySpec, or by a spent failure budget, reason FailureBudgetSpent).")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("metadata.generation of the spec this status was last reconciled from.")
  public Long observedGeneration;
}
