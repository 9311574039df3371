package dev.hotpatch.operator.simulator;

/**
 * GET of an operation's Azure-AsyncOperation URL (status) and Location URL (result), under the
 * provider and collection Azure uses for it (see {@link ArmOperation#provider}): an operation is
 * found only where it was published.
 */
final class OperationHandlers {
  private final SimContext ctx;

  OperationHandlers(SimContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    route(router, "Microsoft.Compute", "operations", "operation");
    route(router, "Microsoft.Compute", "DiskOperations", "operation");
    route(router, "Microsoft.Network", "operations", "operation");
    route(router, "Microsoft.Network", "operationResults", "operationResult");
  }

  private void route(Router router, String provider, String collection, String kind) {
    router.route(
        "GET",
        "/subscriptions/([^/]+)/providers/"
            + provider.replace(".", "\\.")
            + "/locations/([^/]+)/"
            + collection
            + "/([^/]+)",
        kind,
        r -> get(r, provider, collection));
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

  private ArmResponse get(ArmRequest req, String provider, String collection) {
    String id = req.group(3);
    boolean here =
        ctx.operations
            .find(id)
            .filter(
                o ->
                    o.provider.equalsIgnoreCase(provider)
                        && (o.statusCollection.equalsIgnoreCase(collection)
                            || o.resultCollection.equalsIgnoreCase(collection)))
            .isPresent();
    ArmOperation op = here ? ctx.operations.poll(id, req.now).orElse(null) : null;
    if (op == null || !op.subscriptionId.equalsIgnoreCase(req.group(1))) {
      return ArmResponse.error(404, "NotFound", "The operation '" + id + "' was not found.");
    }
    boolean separateResult = !op.resultCollection.equalsIgnoreCase(op.statusCollection);
    boolean monitor =
        separateResult
            ? op.resultCollection.equalsIgnoreCase(collection)
            : "true".equalsIgnoreCase(req.param("monitor"));
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
