package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One long-running operation: what it is, when it started, and how it ended. Lock-guarded. */
final class ArmOperation {
  enum Kind {
    UPDATE,
    CREATE,
    DELETE,
    ASSESS,
    INSTALL,
    RESTART,
    RESOURCE
  }

  /** Applies the operation's effects when it finishes (VM changes, reboots, result). */
  interface Finisher {
    void finish(ArmOperation op, Instant endTime);
  }

  final String id;
  final Kind kind;
  final String subscriptionId;
  final String location;

  /** Lower-case name of the resource (VM name) it acts on, for fault rules. */
  final String resourceName;

  final Instant startTime;
  final Duration duration;
  final boolean hasResultUrl;
  final String apiVersion;
  Finisher finisher;
  Instant firstInProgressPoll;
  Instant endTime;
  String status = "InProgress";
  String errorCode;
  String errorMessage;

  /** Body answered by the Location (monitor) URL once done; null for operations without one. */
  JsonNode result;

  // What the operation history reports (see OperationRecord); vmId null = not a VM operation.
  String vmId;
  String action;
  String rebootSetting;
  List<String> kbs = List.of();
  Origin origin = Origin.CLIENT;
  String clientRequestId;
  boolean rebooted;

  /**
   * Where the status and result URLs live, as Azure places them: {@code
   * /subscriptions/{s}/providers/{provider}/locations/{location}/{collection}/{id}}. Compute (VMs):
   * {@code operations}, result with {@code monitor=true}; disks: {@code DiskOperations};
   * Microsoft.Network: {@code operations}, result under {@code operationResults}. Each needs its
   * own RBAC action to poll.
   */
  String provider = "Microsoft.Compute";

  String statusCollection = "operations";
  String resultCollection = "operations";

  /** Result polls still to answer 202 after success; -1 = not decided yet. */
  int staleResultPolls = -1;

  ArmOperation(
      String id,
      Kind kind,
      String subscriptionId,
      String location,
      String resourceName,
      Instant startTime,
      Duration duration,
      boolean hasResultUrl,
      String apiVersion,
      Finisher finisher) {
    this.id = id;
    this.kind = kind;
    this.subscriptionId = subscriptionId;
    this.location = location;
    this.resourceName = resourceName;
    this.startTime = startTime;
    this.duration = duration;
    this.hasResultUrl = hasResultUrl;
    this.apiVersion = apiVersion;
    this.finisher = finisher;
  }

  /** Publishes the status (and result) URLs under another provider or collection; returns this. */
  ArmOperation placedAt(String provider, String statusCollection, String resultCollection) {
    this.provider = provider;
    this.statusCollection = statusCollection;
    this.resultCollection = resultCollection;
    return this;
  }

  /** Marks this as an operation on {@code vm} for the history; returns this. */
  ArmOperation describe(SimulatedVm vm, String action, ArmRequest request) {
    this.vmId = vm.id();
    this.action = action;
    this.clientRequestId = request == null ? null : request.clientRequestId;
    this.origin = request == null ? Origin.PLATFORM : Origin.CLIENT;
    return this;
  }

  OperationRecord record() {
    return new OperationRecord(
        id,
        vmId,
        action,
        rebootSetting,
        kbs,
        origin,
        startTime,
        done() ? endTime : null,
        status,
        rebooted,
        clientRequestId);
  }

  boolean done() {
    return !"InProgress".equals(status);
  }

  void succeed(JsonNode result) {
    this.status = "Succeeded";
    this.result = result;
  }

  void fail(String code, String message, JsonNode result) {
    this.status = "Failed";
    this.errorCode = code;
    this.errorMessage = message;
    this.result = result;
  }
}
