package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.policy.Interval;
import dev.hotpatch.operator.policy.OsBuild;
import dev.hotpatch.operator.simulator.OperationRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * I1: each reboot-capable call of the operator was one the reboot gate could allow, judged on the
 * declared world and Azure's builds. A call at the very instant a declaration changed is judged
 * leniently (allowed by the state either just before or at that instant).
 */
final class RebootGateRule {
  private RebootGateRule() {}

  static List<Violation> check(Evidence e, CheckerSettings s) {
    List<Violation> out = new ArrayList<>();
    for (OperationRecord op : e.clientRebootCalls()) {
      List<String> now = problems(e, s, op, false);
      if (!now.isEmpty() && !problems(e, s, op, true).isEmpty()) {
        out.add(
            new Violation(
                Invariant.I1,
                op.vmId(),
                op.started(),
                op.action() + " " + op.operationId() + ": " + String.join("; ", now)));
      }
    }
    return out;
  }

  private static List<String> problems(
      Evidence e, CheckerSettings s, OperationRecord op, boolean before) {
    Instant t = op.started();
    List<String> p = new ArrayList<>();
    Optional<VmDecl> vm = e.world().vmFor(op.vmId(), t, before);
    if (vm.isEmpty()) {
      p.add("no HotpatchVM declares this VM");
      return p;
    }
    if (vm.get().suspend()) {
      p.add("HotpatchVM " + vm.get().key() + " is suspended");
    }
    Optional<BaselineDecl> b =
        before
            ? e.world().baselineBefore(vm.get().baselineKey(), t)
            : e.world().baselineAt(vm.get().baselineKey(), t);
    if (b.isEmpty()) {
      p.add("baseline " + vm.get().baselineKey() + " is not declared");
      return p;
    }
    Optional<OsBuild> declared = b.get().osBuild();
    Optional<OsBuild> build = e.truth().buildAt(op.vmId(), t);
    if (declared.isPresent() && build.isPresent()) {
      if (!build.get().sameFamilyAs(declared.get()) || !build.get().isOlderThan(declared.get())) {
        p.add("build " + build.get() + " is not behind baseline build " + declared.get());
      }
    }
    if (b.get().paused()) {
      p.add("rollout of " + vm.get().baselineKey() + " is paused");
    }
    var failed =
        FailedTransitions.which(e, vm.get().baselineKey(), b.get().kb(), t.minus(s.noticeLag()));
    if (failed.size() >= b.get().failureBudget()) {
      p.add(
          "failure budget "
              + b.get().failureBudget()
              + " spent ("
              + failed.size()
              + " failed: "
              + failed
              + ")");
    }
    Optional<Interval> window = b.get().schedule().windowAt(t);
    if (window.isEmpty()) {
      p.add("outside every maintenance window of " + vm.get().baselineKey());
    } else {
      Duration left = Duration.between(t, window.get().end());
      if (left.compareTo(s.windowNeeded()) < 0) {
        p.add("only " + left + " of the window left, a transition needs " + s.windowNeeded());
      }
    }
    return p;
  }
}
