package dev.hotpatch.operator.safety;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `bench safety`: runs fuzz schedules against the real operator and reports what broke. */
@Command(
    name = "safety",
    mixinStandardHelpOptions = true,
    description = "Runs seeded fault schedules against the operator and checks invariants I1-I6.")
public final class SafetyCommand implements Callable<Integer> {
  @Option(
      names = "--schedules",
      defaultValue = "100",
      description = "How many schedules. Default: ${DEFAULT-VALUE}.")
  int schedules;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the first schedule. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--from",
      defaultValue = "0",
      description =
          "Index of the first schedule (a multiple of 10): --from 5000 --schedules 5000 runs the"
              + " second half of a 10,000-schedule run with the same seed, schedule for schedule."
              + " Default: ${DEFAULT-VALUE}.")
  int from;

  @Option(
      names = "--workers",
      description =
          "Worlds run side by side (default: 1; one world already keeps two cores busy, and on"
              + " two cores two worlds were slower).")
  Integer workers;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Option(
      names = "--realtime",
      description = "Real reconcile threads polling in real time while the clock runs.")
  boolean realtime;

  @Option(
      names = "--shrink",
      defaultValue = "1",
      description = "Shrink and print this many failing schedules. Default: ${DEFAULT-VALUE}.")
  int shrink;

  @Option(
      names = "--replay",
      description = "Run the schedule in this file (as a failing seed printed it) instead.")
  java.nio.file.Path replay;

  @Option(
      names = "--log-level",
      description = "Operator log level (to stdout); default: no operator logs, the report only.")
  String logLevel;

  @Override
  public Integer call() {
    if (logLevel == null) {
      ((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).reset();
    } else {
      dev.hotpatch.operator.runtime.LogSetup.configure(logLevel, "text");
    }
    PrintStream err = System.err;
    SafetyFuzzer fuzzer = new SafetyFuzzer(realtime);
    if (replay != null) {
      return replay(fuzzer);
    }
    List<SafetyFuzzer.Failure> failures = new ArrayList<>();
    Stats stats =
        fuzzer.run(
            from,
            schedules,
            seed,
            workers == null ? SafetyFuzzer.defaultWorkers() : workers,
            f -> {
              failures.add(f);
              err.println("seed " + f.schedule().seed() + " broke " + f.result().byInvariant());
              f.result().violations().stream().limit(5).forEach(v -> err.println("  " + v));
            });
    for (SafetyFuzzer.Failure f : failures.subList(0, Math.min(shrink, failures.size()))) {
      Schedule small = fuzzer.shrink(f.schedule(), f.result());
      err.println("minimal reproduction of seed " + f.schedule().seed() + ":");
      err.println(SafetyFuzzer.reproduction(small, fuzzer.replay(small)));
    }
    System.out.println(json ? BenchReport.json(stats) : BenchReport.text(stats));
    return stats.totalViolations() > 0 || stats.harnessErrors > 0 ? 1 : 0;
  }

  private int replay(SafetyFuzzer fuzzer) {
    Schedule s;
    try {
      s = Schedule.parse(java.nio.file.Files.readString(replay));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    CheckResult r = fuzzer.replay(s);
    r.violations().forEach(System.out::println);
    if (!r.ok() && shrink > 0) {
      Schedule small = fuzzer.shrink(s, r);
      System.out.println(SafetyFuzzer.reproduction(small, fuzzer.replay(small)));
    }
    return r.ok() ? 0 : 1;
  }
}
