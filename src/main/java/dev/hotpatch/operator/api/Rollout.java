package dev.hotpatch.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.List;

/** How a fleet may move onto a baseline: when, how many at once, and when to stop. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class Rollout {
  @ValidationRule(
      value =
          "type(self) == int ? self >= 1 : self.matches('^[0-9]+%$') && int(self.replace('%', '')) >= 1",
      message =
          "maxUnavailable must be a count of at least 1 or a percent of at least 1% (\"10%\")")
  @JsonPropertyDescription(
      "VMs of this baseline transitioning at once: a count (1) or a percent (\"10%\"). Default 1.")
  public IntOrString maxUnavailable;

  @JsonPropertyDescription("When reboots are allowed. Empty: never.")
  public List<MaintenanceWindow> maintenanceWindows = new ArrayList<>();

  @Min(1)
  @Default("1")
  @JsonPropertyDescription(
      "Failed transitions that stop the rollout: 1 stops it at the first failure. At least 1; to"
          + " stop the rollout now, set paused.")
  public Integer failureBudget = 1;

  @JsonPropertyDescription("Start no new transition.")
  public boolean paused;

  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class MaintenanceWindow {
    /**
     * Mon..Sun or Monday..Sunday in any case, as the window parser reads them: an OpenAPI pattern
     * (ECMA regex, no case flag), cheap for the API server where a CEL rule was refused.
     */
    static final String DAY =
        "^([Mm][Oo][Nn]|[Tt][Uu][Ee]|[Ww][Ee][Dd]|[Tt][Hh][Uu]|[Ff][Rr][Ii]|[Ss][Aa][Tt]|[Ss][Uu][Nn]"
            + "|[Mm][Oo][Nn][Dd][Aa][Yy]|[Tt][Uu][Ee][Ss][Dd][Aa][Yy]|[Ww][Ee][Dd][Nn][Ee][Ss][Dd][Aa][Yy]"
            + "|[Tt][Hh][Uu][Rr][Ss][Dd][Aa][Yy]|[Ff][Rr][Ii][Dd][Aa][Yy]|[Ss][Aa][Tt][Uu][Rr][Dd][Aa][Yy]"
            + "|[Ss][Uu][Nn][Dd][Aa][Yy])$";

    @Required
    // No CEL rule here: a real API server refuses one over a list of unbounded strings inside a
    // list as too costly to evaluate (SchemaRulesE2eTest found it); the validator checks days.
    @JsonPropertyDescription(
        "Days of the week the window opens, e.g. [Sat, Sun]: Mon..Sun or Monday..Sunday, any"
            + " case; empty means every day.")
    public List<@Pattern(DAY) String> days = new ArrayList<>();

    @Required
    @Pattern("^([01][0-9]|2[0-3]):[0-5][0-9]$")
    @JsonPropertyDescription("Local start time, HH:mm.")
    public String start;

    @Required
    @Pattern("^([0-9]+h([0-9]+m)?|[0-9]+m)$")
    @JsonPropertyDescription(
        "Length, e.g. 4h or 3h30m; at least 2h (a transition needs 1h of it to start).")
    public String duration;

    @Required
    @JsonPropertyDescription("IANA time zone, e.g. Europe/Berlin.")
    public String timeZone;
  }
}
