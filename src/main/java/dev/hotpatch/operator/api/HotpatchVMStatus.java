package dev.hotpatch.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
public class HotpatchVMStatus {
  @JsonPropertyDescription(
      "Where the VM stands: Pending, Invalid, NotFound, Ineligible, Blocked, Creating,"
          + " Orchestrating, Installing, WaitingForWindow, Transitioning, Converged,"
          + " AheadOfBaseline, Failed, Suspended or Deleting. The Ready condition says why.")
  public String phase;

  @JsonPropertyDescription("ARM resource ID of the VM, set when it is found in Azure.")
  public String vmId;

  @JsonPropertyDescription(
      "OS build Azure reports for the VM (build.UBR, e.g. 20348.3932); empty while the VM agent"
          + " reports none or the VM is not found.")
  public String osBuild;

  @JsonPropertyDescription(
      "KB of the declared baseline, once the VM has reached it (its build is at or past the"
          + " baseline's).")
  public String baseline;

  @JsonPropertyDescription(
      "KBs of the baseline's approved hotpatches the VM has, read off its OS build.")
  public List<String> hotpatches = new ArrayList<>();

  @JsonPropertyDescription(
      "When the baseline's maintenance window opens (the one open now, else the next), RFC 3339"
          + " UTC; empty when the baseline has no window.")
  public String nextRebootWindow;

  @JsonPropertyDescription(
      "When this VM will reboot next, RFC 3339 UTC: the start of the window in which its next"
          + " baseline transition can begin (now when one runs or waits only for a rollout slot);"
          + " empty when no reboot is due, with nextRebootReason saying why.")
  public String nextReboot;

  @JsonPropertyDescription(
      "Why nextReboot is what it is: the transition it is for, or why none is due (on its"
          + " baseline, rollout paused, failure budget spent, suspended, a failed transition).")
  public String nextRebootReason;

  @JsonPropertyDescription("The platform's latest patch assessment of the VM, as Azure reports it.")
  public PatchActivity lastAssessment;

  @JsonPropertyDescription(
      "The last installPatches run the operator started and followed to its end.")
  public PatchActivity lastInstallation;

  @JsonPropertyDescription(
      "The Azure long-running operation in flight, recorded before the call that starts it;"
          + " followed to its end, never started twice. Empty when none.")
  public PendingOperation pendingOperation;

  @JsonPropertyDescription(
      "KB of the baseline whose transition failed on this VM (Azure reported a failure, or the"
          + " build did not reach the baseline's). Counts against the baseline's failure budget"
          + " while that baseline is declared, also once the VM reached it another way, and is not"
          + " retried; cleared by a later successful transition.")
  public String failedTransition;

  @JsonPropertyDescription(
      "ARM resource ID of the VM the operator asked Azure to create from spec.create, recorded"
          + " before the call. Empty for a VM that was adopted.")
  public String createRequested;

  @SchemaFrom(type = ConditionSchema[].class)
  @JsonPropertyDescription(
      "The VM's conditions: Ready (converged, or why not), Eligible (the image supports"
          + " Hotpatch), AzureOrchestrated (patch settings as the operator sets them),"
          + " BaselineConverged (on the declared baseline with its approved hotpatches),"
          + " RebootPending (Azure says the VM needs a reboot).")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("metadata.generation of the spec this status was last reconciled from.")
  public Long observedGeneration;

  /** One assessPatches or installPatches run as Azure reported it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class PatchActivity {
    @JsonPropertyDescription("Azure's activity ID of the run.")
    public String activityId;

    @JsonPropertyDescription(
        "How the run ended as Azure reports it: Succeeded, CompletedWithWarnings, Failed,"
            + " InProgress or Unknown.")
    public String status;

    @JsonPropertyDescription("Assessment, InstallHotpatches or BaselineTransition.")
    public String kind;

    @JsonPropertyDescription(
        "When the run started, RFC 3339 (installations: when the operator started the call).")
    public String startTime;

    @JsonPropertyDescription("KBs the installation asked for, e.g. KB5062572.")
    public List<String> kbs;

    @JsonPropertyDescription("Installations: patches installed.")
    public Integer installed;

    @JsonPropertyDescription("Installations: patches that failed to install.")
    public Integer failed;

    @JsonPropertyDescription("Installations: patches left pending.")
    public Integer pending;

    @JsonPropertyDescription("Installations: patches excluded from the run.")
    public Integer excluded;

    @JsonPropertyDescription("Assessments: updates available (critical, security and other).")
    public Integer available;

    @JsonPropertyDescription("Assessments: Azure says the VM needs a reboot to finish updates.")
    public Boolean rebootPending;

    @JsonPropertyDescription("Installations: Azure rebooted the VM (reboot started or completed).")
    public Boolean rebooted;
  }

  /** A long-running Azure operation in flight: followed to its end, never started twice. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class PendingOperation {
    @JsonPropertyDescription(
        "What the operation does: Orchestrate (patch settings), InstallHotpatches (no reboot),"
            + " BaselineTransition (may reboot), Create or Delete.")
    public String kind;

    @JsonPropertyDescription(
        "Azure-AsyncOperation URL polled for the operation's state; empty until Azure answered"
            + " the call.")
    public String operationUrl;

    @JsonPropertyDescription("Location URL that answers the operation's final result.")
    public String resultUrl;

    @JsonPropertyDescription(
        "When the operator recorded the operation, just before its call, RFC 3339 UTC.")
    public String started;

    @JsonPropertyDescription(
        "KBs asked for: the hotpatches, or the baseline's KB for a transition.")
    public List<String> kbs;

    @JsonPropertyDescription("Transitions: KB of the baseline the VM moves onto.")
    public String targetBaseline;

    @JsonPropertyDescription(
        "Transitions: when it is overdue (its maximum duration plus a margin), RFC 3339 UTC. An"
            + " overdue transition keeps its rollout slot until Azure says it ended.")
    public String deadline;

    @JsonPropertyDescription(
        "Transitions: ARM resource ID of the VM when it started; followed there even if the spec"
            + " changes.")
    public String vmId;

    @JsonPropertyDescription(
        "Transitions: namespace/name of the PatchBaseline whose rollout slot it holds.")
    public String baselineKey;

    @JsonPropertyDescription(
        "Transitions: OS build the VM moves onto, e.g. 20348.3932; kept even if the baseline is"
            + " deleted.")
    public String targetBuild;

    @JsonPropertyDescription(
        "Transitions: Azure's last installation activity ID on the VM before the call. A"
            + " different one appearing proves that a call whose answer was lost did start.")
    public String priorActivityId;

    @JsonPropertyDescription(
        "Transitions: when Azure refused the call because another operation runs on the VM"
            + " (409), RFC 3339 UTC. Nothing started; the rollout slot is kept until that"
            + " operation ends.")
    public String refusedBusyAt;

    @JsonPropertyDescription(
        "Transitions: when Azure first said the operation succeeded, RFC 3339 UTC. The result is"
            + " judged when the VM shows the target build, or 15 minutes later with the VM agent"
            + " reporting.")
    public String succeededAt;
  }
}
