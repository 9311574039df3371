package dev.hotpatch.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
public class HotpatchVMStatus {
  public String phase;
  public String vmId;
  public String osBuild;

  /** KB of the baseline the VM is on now. */
  public String baseline;

  /** Hotpatch KBs installed on top of the current baseline. */
  public List<String> hotpatches = new ArrayList<>();

  public String nextRebootWindow;
  public PatchActivity lastAssessment;
  public PatchActivity lastInstallation;
  public PendingOperation pendingOperation;

  /**
   * KB of the baseline whose transition failed or overran on this VM; counts against the failure
   * budget.
   */
  public String failedTransition;

  /** Intent recorded before a create, so a restarted operator finds it again. */
  public String createRequested;

  public List<Condition> conditions = new ArrayList<>();
  public Long observedGeneration;

  /** One assessPatches or installPatches run as Azure reported it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class PatchActivity {
    public String activityId;
    public String status;
    public String kind;
    public String startTime;

    /** KBs asked for (with the KB prefix). */
    public List<String> kbs;

    public Integer installed;
    public Integer failed;
    public Integer pending;
    public Integer excluded;
    public Integer available;
    public Boolean rebootPending;
    public Boolean rebooted;
  }

  /** A long-running Azure operation in flight: followed to its end, never started twice. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class PendingOperation {
    /** Orchestrate, AssessPatches, InstallHotpatches, BaselineTransition, Create, Delete. */
    public String kind;

    /** Azure-AsyncOperation URL to poll. */
    public String operationUrl;

    /** Location URL answering the final result. */
    public String resultUrl;

    public String started;

    /** The KBs asked for (hotpatches or the baseline KB). */
    public List<String> kbs;

    /** The baseline this operation moves the VM onto, for transitions. */
    public String targetBaseline;

    /**
     * When a transition still running is overdue. It keeps its rollout slot until Azure says the
     * operation ended (or the VM is gone); overdue is only shown.
     */
    public String deadline;

    /** The VM's ARM ID when the operation started: followed there even if the spec changes. */
    public String vmId;

    /** namespace/name of the PatchBaseline whose rollout slot this transition holds. */
    public String baselineKey;

    /** The OS build the transition moves the VM onto (followed even if the baseline is gone). */
    public String targetBuild;

    /**
     * Azure's last installation activity on the VM before this call. A different one appearing is
     * the evidence that an operation whose answer was lost did start.
     */
    public String priorActivityId;

    /**
     * Azure refused the call because another operation runs on the VM (409): nothing of ours
     * started, but the slot is kept until that operation ends.
     */
    public String refusedBusyAt;

    /**
     * When Azure first said the operation succeeded. The VM agent reports no build for a while
     * after a reboot, and the instance view lags: the build is waited for before the result is
     * judged.
     */
    public String succeededAt;
  }
}
