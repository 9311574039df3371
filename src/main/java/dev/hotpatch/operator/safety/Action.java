package dev.hotpatch.operator.safety;

import java.time.Duration;

/**
 * One user action or fault at an offset from the schedule's start.
 *
 * @param target a namespace/name (baseline or HotpatchVM), a namespace, or "-"
 * @param arg the kind's argument ("-" when none): a maxUnavailable value, a crash point
 */
public record Action(Duration at, Kind kind, String target, String arg) {
  /** What happens; {@code fault} ones stop when the active phase ends. */
  public enum Kind {
    PLANNED("planned", false),
    UNPLANNED("unplanned", false),
    PAUSE("pause", false),
    RESUME("resume", false),
    MAX_UNAVAILABLE("maxUnavailable", false),
    SUSPEND("suspend", false),
    UNSUSPEND("unsuspend", false),
    DELETE_VM("deleteVm", false),
    RECREATE_VM("recreateVm", false),
    DELETE_BASELINE("deleteBaseline", false),
    RECREATE_BASELINE("recreateBaseline", false),
    DELETE_SECRET("deleteSecret", false),
    RECREATE_SECRET("recreateSecret", false),
    BAD_UNKNOWN_FIELD("badUnknownField", false),
    BAD_ENUM("badEnum", false),
    /** arg "N:before" or "N:after": crash at the N-th call that starts an operation. */
    CRASH("crash", true),
    RESTART("restart", true),
    /** arg "graceful" or "crash": the leader goes, the standby takes the lease. */
    HANDOVER("handover", true),
    FAIL_TRANSITION("failTransition", true),
    HANG("hang", true),
    ARM_5XX("arm5xx", true),
    PLATFORM_REBOOT("platformReboot", true);

    final String word;
    final boolean fault;

    Kind(String word, boolean fault) {
      this.word = word;
      this.fault = fault;
    }

    public boolean fault() {
      return fault;
    }

    public String word() {
      return word;
    }

    static Kind of(String word) {
      for (Kind k : values()) {
        if (k.word.equals(word)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown action " + word);
    }
  }

  String toLine() {
    return "at "
        + Plan.format(at)
        + " "
        + kind.word
        + " "
        + target
        + (arg.equals("-") ? "" : " " + arg);
  }

  static Action parse(String line) {
    String[] w = line.trim().split("\\s+");
    return new Action(Plan.parseDuration(w[1]), Kind.of(w[2]), w[3], w.length > 4 ? w[4] : "-");
  }
}
