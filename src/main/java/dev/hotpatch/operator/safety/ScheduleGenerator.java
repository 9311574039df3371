package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.safety.Action.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws a small schedule from a seed: 2-3 namespaces with the same VM names, one or two baselines
 * each (WS2022 and WS2025), their windows and budgets, some VMs created from templates, and a week
 * of user actions and faults. The same seed and profile give the same schedule.
 */
public final class ScheduleGenerator {
  static final Duration ACTIVE = Duration.ofDays(7);
  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] ZONES = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"};
  private static final String[] DURATIONS = {"2h", "3h", "4h", "6h"};
  private static final String[] MAX = {"1", "1", "1", "2", "50%"};

  private ScheduleGenerator() {}

  public static Schedule generate(long seed, Profile profile) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Plan.Baseline> baselines = new ArrayList<>();
    List<Plan.Vm> vms = new ArrayList<>();
    String[] namespaces =
        r.nextInt(3) == 0 ? new String[] {"a", "b", "c"} : new String[] {"a", "b"};
    int vmCount = 2 + r.nextInt(3);
    for (String ns : namespaces) {
      baselines.add(baseline(r, ns, "ws2022", 2022));
      boolean ws2025 = r.nextBoolean();
      if (ws2025) {
        baselines.add(baseline(r, ns, "ws2025", 2025));
      }
      for (int i = 1; i <= vmCount; i++) { // the same names in every namespace
        int os = ws2025 && r.nextInt(3) == 0 ? 2025 : 2022;
        vms.add(new Plan.Vm(ns, "web-" + i, os, "ws" + os, r.nextInt(7) == 0, r.nextInt(3) == 0));
      }
    }
    List<Action> actions = new ArrayList<>();
    for (Plan.Baseline b : baselines) {
      if (b.start().equals("previous") && r.nextInt(5) != 0) {
        actions.add(new Action(at(r, Duration.ofDays(3)), Kind.PLANNED, b.key(), "-"));
      }
    }
    int userActions = 2 + r.nextInt(6);
    for (int i = 0; i < userActions; i++) {
      actions.add(userAction(r, baselines, vms));
    }
    int faults = r.nextInt(5);
    for (int i = 0; i < faults; i++) {
      actions.add(fault(r, vms));
    }
    return new Schedule(seed, profile, ACTIVE, baselines, vms, actions);
  }

  private static Plan.Baseline baseline(SplittableRandom r, String ns, String name, int os) {
    List<Plan.Window> windows = new ArrayList<>();
    int count = 1 + r.nextInt(2);
    for (int i = 0; i < count; i++) {
      windows.add(window(r));
    }
    return new Plan.Baseline(
        ns,
        name,
        os,
        windows,
        pick(r, MAX),
        1 + r.nextInt(2),
        r.nextBoolean() ? "previous" : "latest");
  }

  private static Plan.Window window(SplittableRandom r) {
    List<String> days = new ArrayList<>();
    if (r.nextInt(5) != 0) {
      int first = r.nextInt(7);
      int n = 1 + r.nextInt(3);
      for (int d = 0; d < n; d++) {
        days.add(DAYS[(first + d * 2) % 7]);
      }
    }
    String start = String.format("%02d:%s", r.nextInt(24), r.nextBoolean() ? "00" : "30");
    return new Plan.Window(String.join("+", days), start, pick(r, DURATIONS), pick(r, ZONES));
  }

  private static Action userAction(SplittableRandom r, List<Plan.Baseline> bs, List<Plan.Vm> vms) {
    Duration at = at(r, ACTIVE);
    Plan.Baseline b = bs.get(r.nextInt(bs.size()));
    Plan.Vm vm = vms.get(r.nextInt(vms.size()));
    // Bad objects stop today's operator outright (I6): rare, so the other invariants get schedules.
    if (r.nextInt(60) == 0) {
      return new Action(
          at, r.nextBoolean() ? Kind.BAD_UNKNOWN_FIELD : Kind.BAD_ENUM, vm.namespace(), "-");
    }
    return switch (r.nextInt(12)) {
      case 0 -> new Action(at, Kind.UNPLANNED, b.key(), "-");
      case 1 -> new Action(at, Kind.PAUSE, b.key(), "-");
      case 2 -> new Action(at, Kind.RESUME, b.key(), "-");
      case 3 -> new Action(at, Kind.MAX_UNAVAILABLE, b.key(), pick(r, MAX));
      case 4 -> new Action(at, Kind.SUSPEND, vm.key(), "-");
      case 5 -> new Action(at, Kind.UNSUSPEND, vm.key(), "-");
      case 6 -> new Action(at, Kind.DELETE_VM, vm.key(), "-");
      case 7 -> new Action(at, Kind.RECREATE_VM, vm.key(), "-");
      case 8 -> new Action(at, Kind.DELETE_BASELINE, b.key(), "-");
      case 9 -> new Action(at, Kind.RECREATE_BASELINE, b.key(), "-");
      case 10 -> new Action(at, Kind.DELETE_SECRET, vm.namespace(), "-");
      default -> new Action(at, Kind.RECREATE_SECRET, vm.namespace(), "-");
    };
  }

  private static Action fault(SplittableRandom r, List<Plan.Vm> vms) {
    Duration at = at(r, ACTIVE);
    Plan.Vm vm = vms.get(r.nextInt(vms.size()));
    return switch (r.nextInt(8)) {
      case 0, 1 ->
          new Action(
              at, Kind.CRASH, "-", (1 + r.nextInt(3)) + (r.nextBoolean() ? ":before" : ":after"));
      case 2 -> new Action(at, Kind.RESTART, "-", "-");
      case 3 -> new Action(at, Kind.HANDOVER, "-", r.nextBoolean() ? "graceful" : "crash");
      case 4 -> new Action(at, Kind.FAIL_TRANSITION, vm.key(), "-");
      case 5 -> new Action(at, Kind.HANG, vm.key(), "-");
      case 6 -> new Action(at, Kind.ARM_5XX, "-", "-");
      default -> new Action(at, Kind.PLATFORM_REBOOT, vm.key(), "-");
    };
  }

  /** A whole minute in [0, within). */
  private static Duration at(SplittableRandom r, Duration within) {
    return Duration.ofMinutes(r.nextLong(within.toMinutes()));
  }

  private static String pick(SplittableRandom r, String[] from) {
    return from[r.nextInt(from.length)];
  }
}
