package dev.hotpatch.operator.azure;

import java.time.Duration;

/** Told of every HTTP request sent to Azure, for metrics. */
@FunctionalInterface
public interface RequestListener {
  RequestListener NONE = (kind, status, took) -> {};

  /**
   * @param kind e.g. "GET virtualMachines", "POST installPatches"
   * @param status the HTTP status; 0 when no answer came
   * @param took from sending the request until its answer's headers came (or it failed)
   */
  void onRequest(String kind, int status, Duration took);
}
