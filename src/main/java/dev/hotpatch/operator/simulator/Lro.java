package dev.hotpatch.operator.simulator;

/** The long-running-operation headers Compute sends, always absolute URLs to the simulator. */
final class Lro {
  private Lro() {}

  static String statusUrl(SimContext ctx, ArmOperation op) {
    return ctx.endpoint
        + "/subscriptions/"
        + op.subscriptionId
        + "/providers/Microsoft.Compute/locations/"
        + op.location
        + "/operations/"
        + op.id
        + "?api-version="
        + op.apiVersion;
  }

  static String resultUrl(SimContext ctx, ArmOperation op) {
    return statusUrl(ctx, op) + "&monitor=true";
  }

  /** Azure-AsyncOperation, plus Location when the operation has a result URL, plus Retry-After. */
  static ArmResponse withHeaders(SimContext ctx, ArmResponse response, ArmOperation op) {
    response.header("Azure-AsyncOperation", statusUrl(ctx, op));
    if (op.hasResultUrl) {
      response.header("Location", resultUrl(ctx, op));
    }
    response.header("Azure-AsyncNotification", "Enabled");
    return retryAfter(ctx, response);
  }

  static ArmResponse retryAfter(SimContext ctx, ArmResponse response) {
    return response.header("Retry-After", Integer.toString(ctx.timings.pollRetryAfterSeconds()));
  }
}
