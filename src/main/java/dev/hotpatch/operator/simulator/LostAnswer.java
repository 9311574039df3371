package dev.hotpatch.operator.simulator;

/** How the answer to a request that started an operation gets lost (the operation still runs). */
public enum LostAnswer {
  /** 500 InternalServerError, as when ARM's front door fails after Compute accepted the call. */
  SERVER_ERROR,
  /** 504 GatewayTimeout: ARM gave up waiting for Compute's answer (a timeout-like failure). */
  GATEWAY_TIMEOUT,
  /** The connection is closed without any response (Netty: PrematureCloseException). */
  RESET
}
