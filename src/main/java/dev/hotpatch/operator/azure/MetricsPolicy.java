package dev.hotpatch.operator.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Reports every request the SDK sends (retries included) to a {@link RequestListener}, with how
 * long it took (a token fetched for it included: the policy sits before authentication).
 */
final class MetricsPolicy implements HttpPipelinePolicy {
  private final RequestListener listener;

  MetricsPolicy(RequestListener listener) {
    this.listener = listener;
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    String kind =
        RequestKind.of(
            context.getHttpRequest().getHttpMethod().name(),
            context.getHttpRequest().getUrl().getPath());
    // Timed from subscription, when the request is actually sent; nanoTime does not jump.
    return Mono.defer(
        () -> {
          long start = System.nanoTime();
          return next.process()
              .doOnNext(
                  response -> listener.onRequest(kind, response.getStatusCode(), since(start)))
              .doOnError(error -> listener.onRequest(kind, 0, since(start)));
        });
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
