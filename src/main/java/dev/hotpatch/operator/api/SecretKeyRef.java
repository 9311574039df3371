package dev.hotpatch.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A key in a Secret of the resource's own namespace. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class SecretKeyRef {
  @Required
  @JsonPropertyDescription("Name of the Secret, in this resource's namespace.")
  public String name;

  @Required
  @JsonPropertyDescription("Key in the Secret whose value is used.")
  public String key;
}
