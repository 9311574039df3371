package dev.hotpatch.operator.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
public class PatchBaselineSpec {
  @Required
  @JsonPropertyDescription(
      "OS the baseline is for: WindowsServer2022AzureEdition or WindowsServer2025AzureEdition.")
  @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
  public OsFamily os;

  @Required
  @JsonPropertyDescription("Planned (quarterly) or Unplanned (replaces a month's hotpatch).")
  @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
  public BaselineType type;

  @Required
  @Pattern(Api.KB_PATTERN)
  @JsonPropertyDescription("KB of the baseline cumulative update, e.g. KB5062572.")
  public String kb;

  @Required
  @Pattern(Api.BUILD_PATTERN)
  @JsonPropertyDescription("OS build the baseline brings, e.g. 20348.3932.")
  public String build;

  @JsonPropertyDescription("Release date, YYYY-MM-DD.")
  public String released;

  @JsonPropertyDescription("Hotpatches approved on this baseline; installed without a reboot.")
  public List<Hotpatch> hotpatches = new ArrayList<>();

  @JsonPropertyDescription(
      "How VMs move onto this baseline: maintenance windows, how many at once, failure budget,"
          + " pause.")
  public Rollout rollout;

  public enum OsFamily {
    WindowsServer2022AzureEdition,
    WindowsServer2025AzureEdition
  }

  public enum BaselineType {
    Planned,
    Unplanned
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class Hotpatch {
    @Required
    @Pattern(Api.KB_PATTERN)
    @JsonPropertyDescription("KB of the hotpatch, e.g. KB5062570.")
    public String kb;

    @Required
    @Pattern(Api.BUILD_PATTERN)
    @JsonPropertyDescription(
        "OS build the hotpatch brings, e.g. 20348.3953: newer than the baseline's build, in its"
            + " family. A VM at or past it has the hotpatch.")
    public String build;

    @JsonPropertyDescription("Release date, YYYY-MM-DD.")
    public String released;
  }
}
