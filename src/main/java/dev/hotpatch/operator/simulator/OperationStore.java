package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Long-running operations by id. An operation finishes when its duration has elapsed on the clock,
 * and either it was polled once while in progress or the clock has moved past its start: a client
 * polling at once sees InProgress first, but Azure's work goes on whether or not anyone polls (an
 * operator that lost the URL still sees the VM finish). It then stays answerable for any number of
 * polls. Guarded by the simulator lock.
 */
final class OperationStore {
  private final Map<String, ArmOperation> operations = new LinkedHashMap<>();
  private final FaultInjector faults;
  private long counter;

  /** The operation started most recently (the router compares it around a request). */
  ArmOperation last;

  OperationStore(FaultInjector faults) {
    this.faults = faults;
  }

  ArmOperation start(
      ArmOperation.Kind kind,
      String subscriptionId,
      String location,
      String resourceName,
      Instant now,
      Duration duration,
      boolean hasResultUrl,
      String apiVersion,
      ArmOperation.Finisher finisher) {
    String id =
        UUID.nameUUIDFromBytes(("operation-" + (++counter)).getBytes(StandardCharsets.UTF_8))
            .toString();
    ArmOperation op =
        new ArmOperation(
            id,
            kind,
            subscriptionId,
            location,
            resourceName,
            now,
            duration,
            hasResultUrl,
            apiVersion,
            finisher);
    operations.put(id, op);
    last = op;
    return op;
  }

  Optional<ArmOperation> find(String id) {
    return Optional.ofNullable(operations.get(id.toLowerCase(java.util.Locale.ROOT)));
  }

  /** Finishes every operation that is due at {@code now}. */
  void advance(Instant now) {
    for (ArmOperation op : operations.values()) {
      boolean seen = op.firstInProgressPoll != null || now.isAfter(op.startTime);
      if (!op.done() && seen && !faults.hangs(op.resourceName)) {
        Instant due = op.startTime.plus(op.duration);
        if (!now.isBefore(due)) {
          Instant end =
              op.firstInProgressPoll == null || due.isAfter(op.firstInProgressPoll)
                  ? due
                  : op.firstInProgressPoll;
          op.endTime = end;
          try {
            op.finisher.finish(op, end);
          } catch (RuntimeException e) { // one broken operation must not fail every later request
            op.fail("InternalOperationError", "The simulated operation failed: " + e, null);
          }
          if (!op.done()) {
            op.succeed(op.result);
          }
        }
      }
    }
  }

  /**
   * Every VM operation ever started, by true start time (stable: ties keep creation order; the
   * platform's lazily evaluated operations land in place). Call {@link #advance} first.
   */
  java.util.List<OperationRecord> history() {
    return operations.values().stream()
        .filter(o -> o.vmId != null)
        .map(ArmOperation::record)
        .sorted(java.util.Comparator.comparing(OperationRecord::started))
        .toList();
  }

  /** The unfinished operation on this VM (by ARM id), if any: install, assess, restart, ... */
  Optional<ArmOperation> runningOn(String vmId) {
    return operations.values().stream()
        .filter(o -> !o.done() && o.vmId != null && o.vmId.equalsIgnoreCase(vmId))
        .findFirst();
  }

  /** Whether an operation of a client was running on this VM at {@code t}. */
  boolean busyAt(String vmId, Instant t) {
    return operations.values().stream()
        .anyMatch(
            o ->
                o.vmId != null
                    && o.origin == Origin.CLIENT
                    && o.vmId.equalsIgnoreCase(vmId)
                    && !o.startTime.isAfter(t)
                    && (!o.done() || o.endTime == null || o.endTime.isAfter(t)));
  }

  /** One poll of the status URL: advances, then notes the first in-progress poll. */
  Optional<ArmOperation> poll(String id, Instant now) {
    advance(now);
    Optional<ArmOperation> op = find(id);
    op.filter(o -> !o.done() && o.firstInProgressPoll == null)
        .ifPresent(o -> o.firstInProgressPoll = now);
    return op;
  }

  /** The Azure-AsyncOperation status body. */
  static ObjectNode statusBody(SimContext ctx, ArmOperation op) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("startTime", ctx.stamp(op.startTime));
    if (op.done() && op.endTime != null) {
      body.put("endTime", ctx.stamp(op.endTime));
    }
    body.put("status", op.status);
    if (op.done() && op.result != null && !op.result.isEmpty()) {
      body.putObject("properties").set("output", op.result);
    }
    if (op.errorCode != null) {
      ObjectNode error = body.putObject("error");
      error.put("code", op.errorCode);
      error.put("message", op.errorMessage);
    }
    body.put("name", op.id);
    return body;
  }
}
