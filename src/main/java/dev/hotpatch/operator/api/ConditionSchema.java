package dev.hotpatch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The CRD schema of one status condition: the fields of Fabric8's {@link
 * io.fabric8.kubernetes.api.model.Condition}, which the statuses hold, with descriptions (Fabric8's
 * class has none, so {@code kubectl explain} would have nothing to say). Used only through
 * {@code @SchemaFrom}; CrdDescriptionsTest keeps its fields equal to Condition's.
 */
public final class ConditionSchema {
  @JsonPropertyDescription("Condition type, e.g. Ready; the conditions field lists the types.")
  public String type;

  @JsonPropertyDescription("True, False or Unknown.")
  public String status;

  @JsonPropertyDescription("metadata.generation of the resource when the condition was set.")
  public Long observedGeneration;

  @JsonPropertyDescription(
      "When status last changed, RFC 3339 UTC (e.g. 2026-01-17T22:00:00Z), whole seconds.")
  public String lastTransitionTime;

  @JsonPropertyDescription(
      "Why, in one CamelCase word, e.g. Converged, OutsideMaintenanceWindow, InvalidSpec.")
  public String reason;

  @JsonPropertyDescription("What happened and why, in a sentence for people.")
  public String message;

  private ConditionSchema() {}
}
