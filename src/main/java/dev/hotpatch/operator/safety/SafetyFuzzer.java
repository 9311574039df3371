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
  static final int BLOCK = 10;
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
    return run(count, seed, defaultWorkers(), failures);
  }

  /**
   * One world at a time: on the shared 2-core machine two side by side were slower (20 schedules:
   * 248 s with 2, 189 s with 1). {@code --workers} tries more.
   */
  public static int defaultWorkers() {
    return 1;
  }

  /**
   * Runs {@code count} schedules from {@code seed} in {@code workers} worlds side by side. The
   * schedules are cut into blocks of {@link #BLOCK}; block b runs in worker b mod workers, each
   * block in a fresh world, so which schedules share a world does not depend on timing.
   */
  public Stats run(int count, long seed, int workers, Consumer<Failure> failures) {
    return run(0, count, seed, workers, failures);
  }

  /**
   * Runs schedules {@code from} to {@code from + count - 1} of the run with seed {@code seed}: the
   * same schedules, profiles and shared worlds as those indices of one long run, so a long run can
   * be cut into shards (on several machines or days) and their reports added up.
   *
   * @param from a multiple of {@link #BLOCK}, so worlds are shared as in the long run
   */
  public Stats run(int from, int count, long seed, int workers, Consumer<Failure> failures) {
    if (from % BLOCK != 0) {
      throw new IllegalArgumentException("--from must be a multiple of " + BLOCK);
    }
    long t0 = System.nanoTime();
    int firstBlock = from / BLOCK;
    int end = from + count;
    int blocks = (count + BLOCK - 1) / BLOCK;
    int n = Math.max(1, Math.min(workers, blocks));
    List<Stats> parts = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    Consumer<Failure> sink =
        f -> {
          synchronized (failures) {
            failures.accept(f);
          }
        };
    for (int w = 0; w < n; w++) {
      Stats part = new Stats();
      parts.add(part);
      int worker = w;
      Runnable job =
          () -> {
            for (int b = worker; b < blocks; b += n) {
              int first = (firstBlock + b) * BLOCK;
              runBlock(first, Math.min(end, first + BLOCK), seed, part, sink);
            }
          };
      if (n == 1) {
        job.run();
      } else {
        Thread t = new Thread(job, "fuzz-worker-" + w);
        threads.add(t);
        t.start();
      }
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    Stats stats = new Stats();
    parts.forEach(stats::merge);
    stats.wallSeconds = (System.nanoTime() - t0) / 1e9;
    return stats;
  }

  private void runBlock(int from, int to, long seed, Stats stats, Consumer<Failure> failures) {
    FuzzWorld world = null;
    try {
      for (int i = from; i < to; i++) {
        Schedule s = ScheduleGenerator.generate(seed + i, profileOf(i));
        if (world == null) {
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
      // A long run shows where it is, and what it found so far, should it be stopped early.
      System.err.printf(
          java.util.Locale.ROOT,
          "schedules %d-%d of seed %d done; this worker so far: %d schedules, violations %d,"
              + " double calls %d, slots left %d, not converged %d%n",
          from,
          to - 1,
          seed,
          stats.schedules,
          stats.totalViolations(),
          stats.doubleCalls,
          stats.leakedSlots,
          stats.notConverged);
    } finally {
      if (world != null) {
        world.close();
      }
    }
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
