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

  @JsonPropertyDescription(
      "Failed transitions onto this baseline's KB whose HotpatchVM was deleted since: they still"
          + " count in failed (and spend spec.rollout.failureBudget) until the baseline's KB changes.")
  public List<DepartedFailure> departedFailures = new ArrayList<>();

  @SchemaFrom(type = ConditionSchema[].class)
  @JsonPropertyDescription(
      "The baseline's conditions: Ready (every targeted VM converged; False with reason"
          + " InvalidSpec names a bad field), Progressing (the rollout is moving VMs), Paused (by spec.rollout.paused, reason"
          + " PausedBySpec, or by a spent failure budget, reason FailureBudgetSpent).")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("metadata.generation of the spec this status was last reconciled from.")
  public Long observedGeneration;

  /** A failed transition that outlived its HotpatchVM. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class DepartedFailure {
    @JsonPropertyDescription("Name of the deleted HotpatchVM (in this namespace).")
    public String hotpatchVM;

    @JsonPropertyDescription("ARM id of the Azure VM whose transition failed.")
    public String vmId;

    @JsonPropertyDescription("The KB the failed transition was onto.")
    public String kb;

    @JsonPropertyDescription(
        "When the operator recorded it here (RFC 3339), as the HotpatchVM went.")
    public String recorded;

    public DepartedFailure() {}

    public DepartedFailure(String hotpatchVM, String vmId, String kb, String recorded) {
      this.hotpatchVM = hotpatchVM;
      this.vmId = vmId;
      this.kb = kb;
      this.recorded = recorded;
    }
  }
}
