package dev.hotpatch.operator.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

/** Reports every request the SDK sends (retries included) to a {@link RequestListener}. */
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
    return next.process()
        .doOnNext(response -> listener.onRequest(kind, response.getStatusCode()))
        .doOnError(error -> listener.onRequest(kind, 0));
  }
}
