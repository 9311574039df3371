package dev.hotpatch.operator.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryPolicy;
import java.time.temporal.ChronoUnit;
import reactor.core.publisher.Mono;

/**
 * Retries reads only. A write (POST installPatches, PUT, PATCH, DELETE) whose answer was lost (a
 * 5xx, a timeout, a reset) may already have started an operation: sending it again could start a
 * second one, a second reboot. The caller resolves a lost answer by reading Azure instead.
 */
final class ReadsOnlyRetryPolicy implements HttpPipelinePolicy {
  private final RetryPolicy reads;

  ReadsOnlyRetryPolicy(BoundedRetryStrategy strategy) {
    this.reads = new RetryPolicy(strategy, strategy.retryAfterHeader(), ChronoUnit.SECONDS);
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    HttpMethod method = context.getHttpRequest().getHttpMethod();
    return method == HttpMethod.GET || method == HttpMethod.HEAD
        ? reads.process(context, next)
        : next.process();
  }

  @Override
  public HttpResponse processSync(
      HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    HttpMethod method = context.getHttpRequest().getHttpMethod();
    return method == HttpMethod.GET || method == HttpMethod.HEAD
        ? reads.processSync(context, next)
        : next.processSync();
  }
}
