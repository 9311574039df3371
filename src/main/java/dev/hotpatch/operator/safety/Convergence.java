package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.reconciler.Conditions;
import java.util.Optional;

/** Whether a HotpatchVM is converged or says why not; empty when it is, else what is wrong. */
final class Convergence {
  private Convergence() {}

  static Optional<String> problem(HotpatchVM vm) {
    if (vm.getStatus() == null) {
      return Optional.of(
          vm.getMetadata().getDeletionTimestamp() != null ? "still being deleted" : "no status");
    }
    if (vm.getMetadata().getDeletionTimestamp() != null) {
      // A deletion that waits for a person (its Secret gone, say) says why; any other is stuck.
      var reason =
          Conditions.find(vm.getStatus().conditions, Conditions.READY).map(c -> c.getReason());
      return reason.isPresent() && TerminalReasons.terminal(reason.get())
          ? Optional.empty()
          : Optional.of("still being deleted");
    }
    Long observed = vm.getStatus().observedGeneration;
    if (observed == null || !observed.equals(vm.getMetadata().getGeneration())) {
      return Optional.of(
          "status is of generation " + observed + ", spec is " + vm.getMetadata().getGeneration());
    }
    var ready = Conditions.find(vm.getStatus().conditions, Conditions.READY);
    if (ready.isEmpty()) {
      return Optional.of("no Ready condition");
    }
    if ("True".equals(ready.get().getStatus())
        || TerminalReasons.terminal(ready.get().getReason())) {
      return Optional.empty();
    }
    return Optional.of(
        "Ready="
            + ready.get().getStatus()
            + " "
            + ready.get().getReason()
            + ": "
            + ready.get().getMessage());
  }

  /** Ready=False reasons that wait for the calendar or another VM: fine only at the bound. */
  static final java.util.Set<String> WAITING =
      java.util.Set.of("OutsideMaintenanceWindow", "NoRolloutSlot");

  private static final java.util.regex.Pattern OPENING =
      java.util.regex.Pattern.compile("opening (\\S+)");

  /**
   * The problem at the end of a settled run. A VM waiting for a window or a slot says why not only
   * when the run stopped at its bound with rollouts still moving, and only if what it waits for is
   * not in the past: "waiting for a window opening X" with X before the end is stale status.
   */
  static Optional<String> problemAtEnd(HotpatchVM vm, EndState end) {
    Optional<String> p = problem(vm);
    if (p.isEmpty()) {
      return p;
    }
    String reason =
        vm.getStatus() == null
            ? null
            : Conditions.find(vm.getStatus().conditions, Conditions.READY)
                .map(c -> c.getReason())
                .orElse(null);
    if (reason == null || !WAITING.contains(reason)) {
      return p;
    }
    java.time.Instant opening = null;
    var m = OPENING.matcher(p.get());
    if (m.find()) {
      opening = instant(m.group(1));
    }
    if (opening == null && vm.getStatus().nextRebootWindow != null) {
      opening = instant(vm.getStatus().nextRebootWindow);
    }
    if (opening != null && opening.isBefore(end.time())) {
      return Optional.of(
          p.get() + " (stale: that window opened before the end, " + end.time() + ")");
    }
    if (!end.atBound()) {
      return Optional.of(p.get() + " (the run ended before its bound: nothing was left to move)");
    }
    return Optional.empty();
  }

  private static java.time.Instant instant(String s) {
    try {
      return java.time.OffsetDateTime.parse(s.replaceAll("[).,;]+$", "")).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  static String key(HotpatchVM vm) {
    return vm.getMetadata().getNamespace() + "/" + vm.getMetadata().getName();
  }
}
