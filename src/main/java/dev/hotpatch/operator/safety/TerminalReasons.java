package dev.hotpatch.operator.safety;

import java.util.Set;

/**
 * Ready=False reasons that explain a lasting state, so a VM showing one counts as "says why not"
 * once faults stopped. Everything else (NoRolloutSlot, AzureError, Transitioning, Creating, ...) is
 * transient: still showing it after the quiet period means the operator got stuck. The one list.
 */
public final class TerminalReasons {
  private static final Set<String> TERMINAL =
      Set.of(
          "InvalidSpec",
          "BaselineInvalid",
          "BaselineNotFound",
          "CredentialsNotFound",
          "Ineligible",
          "WrongOs",
          "CannotOrchestrate",
          "OrchestrationFailed",
          "CreateFailed",
          "InstallFailed",
          "TransitionFailed",
          "TransitionTimedOut",
          "FailureBudgetSpent",
          "RolloutPaused",
          "Suspended",
          "VmNotFound",
          "Conflict");

  private TerminalReasons() {}

  public static boolean terminal(String reason) {
    return reason != null && TERMINAL.contains(reason);
  }
}
