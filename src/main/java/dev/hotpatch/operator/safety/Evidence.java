package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.simulator.OperationRecord;
import dev.hotpatch.operator.simulator.Origin;
import java.util.Comparator;
import java.util.List;

/**
 * Everything the checker judges: Azure's operation history, the declared world over time, each VM's
 * build as Azure knew it, and (at the end of a run) the end state; null while running.
 */
public record Evidence(
    List<OperationRecord> history, DeclaredWorld world, AzureTruth truth, EndState end) {
  public Evidence {
    history = history.stream().sorted(Comparator.comparing(OperationRecord::started)).toList();
  }

  /** The operator's reboot-capable calls, in start order; the platform's are facts. */
  public List<OperationRecord> clientRebootCalls() {
    return history.stream().filter(o -> o.origin() == Origin.CLIENT && o.rebootCapable()).toList();
  }
}
