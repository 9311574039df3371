package dev.hotpatch.operator.safety;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs seeded schedules against the real operator and checks each. Schedule {@code i} of a run with
 * seed S has seed S+i; its profile changes every {@link #BLOCK} schedules so one simulator serves a
 * block. A world (API server, simulator, operator pods) is reused within a block.
 */
public final class SafetyFuzzer {
  static final int BLOCK = 20;
  private static final Profile[] PROFILES = {Profile.FRIENDLY, Profile.AZURE_LIKE, Profile.LOSSY};

  private final FuzzWorld.Mode mode;
  private final SafetyChecker checker =
      new SafetyChecker(new CheckerSettings(Duration.ofHours(1), Duration.ofMinutes(15)));

  /** A schedule that broke the promise. */
  public record Failure(Schedule schedule, CheckResult result) {}

  public SafetyFuzzer(boolean realtime) {
    this.mode = realtime ? FuzzWorld.Mode.REALTIME : FuzzWorld.Mode.DRIVEN;
  }

  public static Profile profileOf(int index) {
    return PROFILES[(index / BLOCK) % PROFILES.length];
  }

  /** Runs {@code count} schedules from {@code seed}; each failure goes to {@code failures}. */
  public Stats run(int count, long seed, Consumer<Failure> failures) {
    Stats stats = new Stats();
    long t0 = System.nanoTime();
    FuzzWorld world = null;
    try {
      for (int i = 0; i < count; i++) {
        Schedule s = ScheduleGenerator.generate(seed + i, profileOf(i));
        if (world == null || world.profile != s.profile() || i % BLOCK == 0) {
          if (world != null) {
            world.close();
          }
          world = FuzzWorld.start(s.profile(), mode, seed + i, stats);
        }
        ScheduleRun.Outcome o;
        try {
          o = new ScheduleRun(world, s).run(checker);
        } catch (RuntimeException e) { // the harness's fault, not the operator's: say so, go on
          stats.harnessErrors++;
          System.err.println("schedule " + s.seed() + " could not run: " + e);
          world.close();
          world = null;
          continue;
        }
        stats.add(s, o.result(), o.simulatedMinutes());
        if (!o.result().ok()) {
          failures.accept(new Failure(s, o.result()));
        }
        if (world.stoppedBy() != null) {
          world.close();
          world = null;
        }
      }
    } finally {
      if (world != null) {
        world.close();
      }
      stats.wallSeconds = (System.nanoTime() - t0) / 1e9;
    }
    return stats;
  }

  /** Runs one schedule in a fresh world. */
  public CheckResult replay(Schedule s) {
    Stats stats = new Stats();
    try (FuzzWorld world = FuzzWorld.start(s.profile(), mode, s.seed(), stats)) {
      return new ScheduleRun(world, s).run(checker).result();
    }
  }

  public CheckResult replay(String scheduleText) {
    return replay(Schedule.parse(scheduleText));
  }

  /**
   * Removes actions while the schedule still breaks one of the invariants it broke (delta debugging
   * by halves, then one by one). Each try runs in a fresh world.
   */
  public Schedule shrink(Schedule failing, CheckResult result) {
    List<Invariant> broken =
        result.violations().stream().map(Violation::invariant).distinct().toList();
    Schedule best = failing;
    int chunk = Math.max(1, best.actions().size() / 2);
    while (chunk >= 1) {
      boolean progress = false;
      for (int from = 0; from < best.actions().size(); from += chunk) {
        List<Action> fewer = new ArrayList<>(best.actions());
        fewer.subList(from, Math.min(fewer.size(), from + chunk)).clear();
        Schedule candidate = best.withActions(fewer);
        CheckResult r = replay(candidate);
        if (broken.stream().anyMatch(r::has)) {
          best = candidate;
          progress = true;
          break;
        }
      }
      if (!progress) {
        chunk /= 2;
      }
    }
    return best;
  }

  /** A regression test a developer pastes in. */
  public static String reproduction(Schedule s, CheckResult r) {
    StringBuilder b = new StringBuilder();
    b.append("  /** Seed ").append(s.seed()).append(": ");
    b.append(
        String.join(
            ", ", r.violations().stream().map(v -> v.invariant().name()).distinct().toList()));
    b.append(". */\n  @Test\n  void seed")
        .append(Long.toString(s.seed()).replace('-', '_'))
        .append("() {\n");
    b.append(
        "    CheckResult r =\n        new SafetyFuzzer(false)\n            .replay(\n                \"\"\"\n");
    for (String line : s.toText().split("\n")) {
      b.append("                ").append(line).append('\n');
    }
    b.append("                \"\"\");\n");
    b.append("    assertThat(r.violations()).isEmpty();\n  }\n");
    return b.toString();
  }
}
