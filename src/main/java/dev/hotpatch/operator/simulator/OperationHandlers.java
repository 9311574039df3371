package dev.hotpatch.operator.simulator;

/** GET of an operation's Azure-AsyncOperation URL (status) and Location URL (result). */
final class OperationHandlers {
  private final SimContext ctx;

  OperationHandlers(SimContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    router.route(
        "GET",
        "/subscriptions/([^/]+)/providers/Microsoft\\.Compute/locations/([^/]+)/operations/([^/]+)",
        "operation",
        this::get);
  }

  /**
   * Azure's result URL can lag its status URL: decided once per operation, at its first result poll
   * after success; a stale one answers 202 for {@code staleResultPolls} polls.
   */
  private boolean stale(ArmOperation op) {
    if (op.staleResultPolls < 0) {
      op.staleResultPolls =
          ctx.chance(ctx.behaviour.staleResultProbability()) ? ctx.behaviour.staleResultPolls() : 0;
    }
    if (op.staleResultPolls == 0) {
      return false;
    }
    op.staleResultPolls--;
    return true;
  }

  private ArmResponse get(ArmRequest req) {
    String id = req.group(3);
    ArmOperation op = ctx.operations.poll(id, req.now).orElse(null);
    if (op == null || !op.subscriptionId.equalsIgnoreCase(req.group(1))) {
      return ArmResponse.error(404, "NotFound", "The operation '" + id + "' was not found.");
    }
    boolean monitor = "true".equalsIgnoreCase(req.param("monitor"));
    if (!monitor) {
      ArmResponse r = ArmResponse.json(200, OperationStore.statusBody(ctx, op));
      return op.done() ? r : Lro.retryAfter(ctx, r);
    }
    if (!op.done() || stale(op)) {
      return Lro.retryAfter(ctx, ArmResponse.empty(202).header("Location", Lro.resultUrl(ctx, op)));
    }
    if (op.result != null) {
      return ArmResponse.json(200, op.result);
    }
    if ("Failed".equals(op.status)) {
      return ArmResponse.error(500, op.errorCode, op.errorMessage);
    }
    return ArmResponse.empty(200);
  }
}
