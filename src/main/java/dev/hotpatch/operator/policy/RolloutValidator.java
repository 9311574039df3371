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
    if (rollout.failureBudget != null && rollout.failureBudget < 0) {
      problems.add(path + ".failureBudget", "must not be negative, got " + rollout.failureBudget);
    }
    List<Rollout.MaintenanceWindow> windows =
        rollout.maintenanceWindows == null ? List.of() : rollout.maintenanceWindows;
    List<Optional<WindowRule>> rules = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      WindowRuleParser.Parsed parsed = WindowRuleParser.parse(windows.get(i), windowPath(path, i));
      problems.addAll(parsed.errors());
      rules.add(parsed.rule());
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
