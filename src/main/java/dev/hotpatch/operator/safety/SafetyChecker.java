package dev.hotpatch.operator.safety;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the promise from Azure's side: the simulator's operation history and the builds it knew,
 * against what the user declared over time. The operator's status is read only for what it must
 * show at the end (I4's outcome, I5's convergence), never to excuse a call.
 */
public final class SafetyChecker {
  private final CheckerSettings settings;

  public SafetyChecker(CheckerSettings settings) {
    this.settings = settings;
  }

  /** I1-I3 on the history so far, plus I4-I6 when {@code e.end()} is set. */
  public CheckResult check(Evidence e) {
    List<Violation> out = new ArrayList<>();
    out.addAll(RebootGateRule.check(e, settings));
    out.addAll(RolloutBudgetRule.check(e));
    List<Violation> doubles = OncePerTransitionRule.check(e);
    out.addAll(doubles);
    int leaked = 0;
    int notConverged = 0;
    if (e.end() != null) {
      out.addAll(FollowedRule.check(e));
      List<Violation> slots = SettledRule.leakedSlots(e);
      leaked = slots.size();
      out.addAll(slots);
      if (e.end().operatorStopped() != null) {
        out.add(
            new Violation(
                Invariant.I6, "operator", e.end().time(), "stopped: " + e.end().operatorStopped()));
      }
      // A bad object in the run makes a stuck VM an isolation failure too: it delayed the others.
      Invariant stuck = e.end().badObjects().isEmpty() ? Invariant.I5 : Invariant.I6;
      List<Violation> unsettled = SettledRule.notConverged(e, stuck);
      notConverged = unsettled.size();
      out.addAll(unsettled);
    }
    return new CheckResult(out, e.clientRebootCalls().size(), doubles.size(), leaked, notConverged);
  }
}
