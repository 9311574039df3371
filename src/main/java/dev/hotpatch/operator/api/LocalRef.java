package dev.hotpatch.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A reference to an object by name, in the resource's own namespace. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class LocalRef {
  @Required
  @JsonPropertyDescription("Name of the object, in this resource's namespace.")
  public String name;

  public LocalRef() {}

  public LocalRef(String name) {
    this.name = name;
  }
}
