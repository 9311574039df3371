package dev.hotpatch.operator.azure;

/** Told of every HTTP request sent to Azure, for metrics. */
@FunctionalInterface
public interface RequestListener {
  RequestListener NONE = (kind, status) -> {};

  /**
   * @param kind e.g. "GET virtualMachines", "POST installPatches"; status 0 when no answer came
   */
  void onRequest(String kind, int status);
}
