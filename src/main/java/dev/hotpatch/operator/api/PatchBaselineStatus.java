package dev.hotpatch.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
public class PatchBaselineStatus {
  public int targeted;
  public int converged;
  public int transitioning;
  public int failed;
  public List<Condition> conditions = new ArrayList<>();
  public Long observedGeneration;
}
