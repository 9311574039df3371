package dev.hotpatch.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.generator.annotation.Required;

/** A key in a Secret of the resource's own namespace. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class SecretKeyRef {
  @Required public String name;
  @Required public String key;
}
