package dev.hotpatch.operator.policy;

import dev.hotpatch.operator.api.Rollout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rollout part of {@link SpecValidator}: windows, budget and failure budget. */
final class RolloutValidator {
  private RolloutValidator() {}

  static void validate(Rollout rollout, String path, Problems problems) {
    if (rollout == null) {
      return;
    }
    RolloutBudget.problem(rollout.maxUnavailable)
        .ifPresent(p -> problems.add(path + ".maxUnavailable", p));
    if (rollout.failureBudget != null && rollout.failureBudget < 1) {
      problems.add(
          path + ".failureBudget",
          "must be at least 1, got "
              + rollout.failureBudget
              + " (1 stops the rollout at the first failed transition;"
              + " to stop it now set spec.rollout.paused: true)");
    }
    List<Rollout.MaintenanceWindow> windows =
        rollout.maintenanceWindows == null ? List.of() : rollout.maintenanceWindows;
    List<Optional<WindowRule>> rules = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      WindowRuleParser.Parsed parsed = WindowRuleParser.parse(windows.get(i), windowPath(path, i));
      problems.addAll(parsed.errors());
      rules.add(parsed.rule());
      if (parsed.rule().isPresent()
          && parsed.rule().get().duration().compareTo(RolloutDefaults.SHORTEST_WINDOW) < 0) {
        problems.add(
            windowPath(path, i) + ".duration",
            "\""
                + windows.get(i).duration
                + "\" is too short: a transition needs "
                + GoDuration.format(RolloutDefaults.TRANSITION_NEEDS)
                + " of an open window to start, so a window must last at least "
                + GoDuration.format(RolloutDefaults.SHORTEST_WINDOW));
      }
    }
    for (int i = 0; i < rules.size(); i++) {
      for (int j = i + 1; j < rules.size(); j++) {
        if (rules.get(i).isEmpty() || rules.get(j).isEmpty()) {
          continue;
        }
        Optional<Interval> overlap =
            WindowOverlap.firstOverlap(rules.get(i).get(), rules.get(j).get());
        if (overlap.isPresent()) {
          problems.add(
              windowPath(path, i),
              "overlaps "
                  + windowPath(path, j)
                  + " (both open at "
                  + RebootGate.format(overlap.get().start())
                  + "); merge them or move one");
        }
      }
    }
  }

  private static String windowPath(String path, int i) {
    return path + ".maintenanceWindows[" + i + "]";
  }
}
