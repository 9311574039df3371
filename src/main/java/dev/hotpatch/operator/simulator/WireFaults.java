package dev.hotpatch.operator.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The network's and ARM's own failures, decided per request from the behaviour's probabilities
 * (seeded) and the fault injector: answers lost after an operation started, transient 5xx on polls
 * and lists. Called under the simulator lock.
 */
final class WireFaults {
  private static final List<LostAnswer> LOST = List.of(LostAnswer.values());
  private static final List<Integer> TRANSIENT = List.of(500, 502, 503);
  private final SimContext ctx;

  WireFaults(SimContext ctx) {
    this.ctx = ctx;
  }

  /** Whether the answer to the request that started {@code op} is lost, and how. */
  Optional<LostAnswer> lost(ArmOperation op) {
    if (op == null || op.vmId == null) {
      return Optional.empty();
    }
    Optional<LostAnswer> rule = ctx.faults.takeLostAnswer(op.resourceName, op.action);
    if (rule.isPresent()) {
      return rule;
    }
    return ctx.chance(ctx.behaviour.lostAnswerProbability())
        ? Optional.of(LOST.get(ctx.random.nextInt(LOST.size())))
        : Optional.empty();
  }

  /** The answer a client sees instead of the 2xx (null for a reset: no answer at all). */
  static ArmResponse lostResponse(LostAnswer how) {
    return switch (how) {
      case SERVER_ERROR ->
          ArmResponse.error(
              500,
              "InternalServerError",
              "Encountered internal server error. Diagnostic information: timestamp '', subscription"
                  + " id '', tracking id '', request correlation id ''.");
      case GATEWAY_TIMEOUT ->
          ArmResponse.error(
              504,
              "GatewayTimeout",
              "The gateway did not receive a response from 'Microsoft.Compute' within the"
                  + " specified time period.");
      case RESET -> null;
    };
  }

  /** A transient 500, 502 or 503 for an operation poll or a VM list, with a small Retry-After. */
  Optional<ArmResponse> transientError(String kind) {
    boolean eligible =
        switch (kind.toLowerCase(Locale.ROOT)) {
          case "operation", "operationresult", "list", "resourcegraph" -> true;
          default -> false;
        };
    if (!eligible || !ctx.chance(ctx.behaviour.transientErrorProbability())) {
      return Optional.empty();
    }
    int status = TRANSIENT.get(ctx.random.nextInt(TRANSIENT.size()));
    ArmResponse r =
        switch (status) {
          case 500 ->
              ArmResponse.error(
                  500, "InternalServerError", "An internal server error occurred. Retry later.");
          case 502 ->
              ArmResponse.error(
                  502, "BadGateway", "The server encountered a temporary error. Retry later.");
          default ->
              ArmResponse.error(
                  503,
                  "ServiceUnavailable",
                  "The service is temporarily unavailable. Please try again later.");
        };
    return Optional.of(r.header("Retry-After", Integer.toString(ctx.limits.retryAfterSeconds())));
  }
}
