package dev.hotpatch.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(
    value =
        "has(self.resourceId) || (has(self.subscriptionId) && has(self.resourceGroup) && has(self.name))",
    message = "set resourceId, or subscriptionId, resourceGroup and name")
@JsonIgnoreProperties(ignoreUnknown = true)
public class AzureVmRef {
  @Pattern(Api.GUID_PATTERN)
  @JsonPropertyDescription("Azure subscription ID (a GUID).")
  public String subscriptionId;

  @JsonPropertyDescription("Resource group of the VM.")
  public String resourceGroup;

  @JsonPropertyDescription("Name of the VM.")
  public String name;

  @JsonPropertyDescription(
      "Full ARM resource ID; an alternative to subscriptionId, resourceGroup and name.")
  public String resourceId;

  @JsonPropertyDescription(
      "Secret with a service principal (keys tenantId, clientId, clientSecret). Empty: DefaultAzureCredential (workload identity).")
  public LocalRef credentialsSecretRef;
}
