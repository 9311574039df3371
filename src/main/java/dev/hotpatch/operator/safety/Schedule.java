package dev.hotpatch.operator.safety;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One fuzz schedule: a fleet, and a timeline of user actions and faults at offsets from the
 * schedule's start. It prints as plain text ({@link #toText()}) that {@link #parse} reads back, so
 * a failing schedule pastes into a regression test.
 *
 * @param seed the generator's seed (for the record; the text is the whole schedule)
 * @param profile how honest the simulator is for this schedule
 * @param active how long user actions and faults run; then faults stop and the quiet phase begins
 */
public record Schedule(
    long seed,
    Profile profile,
    Duration active,
    List<Plan.Baseline> baselines,
    List<Plan.Vm> vms,
    List<Action> actions) {
  public Schedule {
    baselines = List.copyOf(baselines);
    vms = List.copyOf(vms);
    actions = actions.stream().sorted(java.util.Comparator.comparing(Action::at)).toList();
  }

  public Schedule withActions(List<Action> a) {
    return new Schedule(seed, profile, active, baselines, vms, a);
  }

  public List<String> namespaces() {
    return vms.stream().map(Plan.Vm::namespace).distinct().sorted().toList();
  }

  public long faults() {
    return actions.stream().filter(a -> a.kind().fault).count();
  }

  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append("seed ").append(seed).append('\n');
    b.append("profile ").append(profile).append('\n');
    b.append("active ").append(Plan.format(active)).append('\n');
    baselines.forEach(x -> b.append(x.toLine()).append('\n'));
    vms.forEach(x -> b.append(x.toLine()).append('\n'));
    actions.forEach(x -> b.append(x.toLine()).append('\n'));
    return b.toString();
  }

  public static Schedule parse(String text) {
    long seed = 0;
    Profile profile = Profile.FRIENDLY;
    Duration active = Duration.ofDays(7);
    List<Plan.Baseline> baselines = new ArrayList<>();
    List<Plan.Vm> vms = new ArrayList<>();
    List<Action> actions = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String word = line.split(" ", 2)[0];
      switch (word) {
        case "seed" -> seed = Long.parseLong(line.substring(5).trim());
        case "profile" -> profile = Profile.valueOf(line.substring(8).trim());
        case "active" -> active = Plan.parseDuration(line.substring(7).trim());
        case "baseline" -> baselines.add(Plan.Baseline.parse(line));
        case "vm" -> vms.add(Plan.Vm.parse(line));
        case "at" -> actions.add(Action.parse(line));
        default -> throw new IllegalArgumentException("unknown schedule line: " + line);
      }
    }
    return new Schedule(seed, profile, active, baselines, vms, actions);
  }
}
