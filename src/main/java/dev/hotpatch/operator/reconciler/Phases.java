package dev.hotpatch.operator.reconciler;

/** Values of HotpatchVM status.phase, shown by `kubectl get hpvm`. */
public final class Phases {
  public static final String PENDING = "Pending";
  public static final String INVALID = "Invalid";
  public static final String NOT_FOUND = "NotFound";
  public static final String INELIGIBLE = "Ineligible";
  public static final String BLOCKED = "Blocked";
  public static final String ORCHESTRATING = "Orchestrating";
  public static final String ASSESSING = "Assessing";
  public static final String INSTALLING = "Installing";
  public static final String TRANSITIONING = "Transitioning";
  public static final String WAITING = "WaitingForWindow";
  public static final String CONVERGED = "Converged";
  public static final String AHEAD = "AheadOfBaseline";
  public static final String FAILED = "Failed";
  public static final String SUSPENDED = "Suspended";
  public static final String CREATING = "Creating";
  public static final String DELETING = "Deleting";

  private Phases() {}
}
