package dev.hotpatch.operator.azure;

/**
 * A long-running operation as Azure announced it: the Azure-AsyncOperation URL to poll and the
 * Location URL that answers the result. Both are stored in status so a restarted operator resumes
 * (except an orchestration PATCH's, held in memory: reconciler/OrchestrationHandles). For
 * operations that finished in the first response, both are null and {@code done} is true.
 */
public record OperationHandle(String operationUrl, String resultUrl, boolean done) {
  public static OperationHandle completed() {
    return new OperationHandle(null, null, true);
  }
}
