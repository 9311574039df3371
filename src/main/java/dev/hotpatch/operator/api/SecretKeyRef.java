package dev.hotpatch.operator.api;

import io.fabric8.generator.annotation.Required;

/** A key in a Secret of the resource's own namespace. */
public class SecretKeyRef {
  @Required public String name;
  @Required public String key;
}
