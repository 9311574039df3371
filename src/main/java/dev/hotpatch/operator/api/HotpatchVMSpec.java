package dev.hotpatch.operator.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

@JsonIgnoreProperties(ignoreUnknown = true)
public class HotpatchVMSpec {
  @Required
  @JsonPropertyDescription("Where the VM lives in Azure.")
  public AzureVmRef azure;

  @Required
  @JsonPropertyDescription("The PatchBaseline (same namespace) the VM converges onto.")
  public LocalRef baselineRef;

  @JsonPropertyDescription(
      "Template to create the VM when it does not exist. Leave empty to adopt an existing VM.")
  public VmCreateTemplate create;

  @Default("Orphan")
  @JsonPropertyDescription(
      "What deleting this resource does to the VM: Orphan leaves it, Delete removes what the operator created.")
  @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
  public DeletionPolicy deletionPolicy = DeletionPolicy.Orphan;

  @JsonPropertyDescription("Stop acting on the VM; keep observing it.")
  public boolean suspend;

  public enum DeletionPolicy {
    Orphan,
    Delete
  }
}
