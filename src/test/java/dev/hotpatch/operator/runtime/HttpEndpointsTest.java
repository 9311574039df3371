package dev.hotpatch.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpEndpointsTest {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicBoolean live = new AtomicBoolean(true);
  private final AtomicBoolean ready = new AtomicBoolean(false);
  private OperatorMetrics metrics;
  private HttpEndpoints endpoints;

  @BeforeEach
  void start() {
    metrics = new OperatorMetrics(false);
    endpoints = new HttpEndpoints(0, live::get, ready::get, metrics::scrape).start();
  }

  @AfterEach
  void stop() {
    endpoints.close();
    metrics.close();
  }

  @Test
  void healthzFollowsTheLivenessCheck() throws Exception {
    assertThat(get(HttpEndpoints.HEALTHZ).statusCode()).isEqualTo(200);
    assertThat(get(HttpEndpoints.HEALTHZ).body()).isEqualTo("ok\n");
    live.set(false);
    assertThat(get(HttpEndpoints.HEALTHZ).statusCode()).isEqualTo(503);
  }

  /** A failing liveness check answers with its reason, as one line, for the kubelet's event. */
  @Test
  void healthzAnswersWithTheLivenessReason() throws Exception {
    java.util.concurrent.atomic.AtomicReference<String> problem =
        new java.util.concurrent.atomic.AtomicReference<>();
    try (HttpEndpoints withReason =
        HttpEndpoints.withLivenessReason(
                0, () -> java.util.Optional.ofNullable(problem.get()), () -> true, () -> "")
            .start()) {
      assertThat(send(withReason, "GET", HttpEndpoints.HEALTHZ).body()).isEqualTo("ok\n");
      problem.set("reconcile of hotpatchvm fleet/web-1 running for 11m,\nlonger than 10m");
      HttpResponse<String> stuck = send(withReason, "GET", HttpEndpoints.HEALTHZ);
      assertThat(stuck.statusCode()).isEqualTo(503);
      assertThat(stuck.body())
          .isEqualTo("reconcile of hotpatchvm fleet/web-1 running for 11m, longer than 10m\n");
      assertThat(send(withReason, "GET", HttpEndpoints.READYZ).statusCode())
          .as("readiness is its own check")
          .isEqualTo(200);
    }
  }

  @Test
  void readyzFollowsTheReadinessCheck() throws Exception {
    assertThat(get(HttpEndpoints.READYZ).statusCode()).isEqualTo(503);
    ready.set(true);
    HttpResponse<String> response = get(HttpEndpoints.READYZ);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
  }

  @Test
  void aThrowingCheckIsNotReady() throws Exception {
    try (HttpEndpoints failing =
        new HttpEndpoints(
                0,
                () -> true,
                () -> {
                  throw new IllegalStateException("boom");
                },
                () -> "")
            .start()) {
      HttpResponse<String> response = send(failing, "GET", HttpEndpoints.READYZ);
      assertThat(response.statusCode()).isEqualTo(503);
    }
  }

  @Test
  void metricsServesPrometheusText() throws Exception {
    metrics.reconcile("HotpatchVM", "converged");
    HttpResponse<String> response = get(HttpEndpoints.METRICS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue(HttpEndpoints.METRICS_CONTENT_TYPE);
    assertThat(response.body())
        .contains("hotpatch_reconciles_total{kind=\"HotpatchVM\",outcome=\"converged\"} 1.0");
  }

  @Test
  void unknownPathsAre404AndOtherMethods405() throws Exception {
    assertThat(get("/").statusCode()).isEqualTo(404);
    assertThat(get("/healthz/extra").statusCode()).isEqualTo(404);
    HttpResponse<String> post = send(endpoints, "POST", HttpEndpoints.HEALTHZ);
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(send(endpoints, "HEAD", HttpEndpoints.HEALTHZ).statusCode()).isEqualTo(200);
  }

  @Test
  void portAndLifecycle() {
    assertThat(endpoints.port()).isPositive();
    assertThatThrownBy(endpoints::start).isInstanceOf(IllegalStateException.class);
    HttpEndpoints notStarted = new HttpEndpoints(0, () -> true, () -> true, () -> "");
    assertThatThrownBy(notStarted::port).isInstanceOf(IllegalStateException.class);
    notStarted.close();
    assertThatThrownBy(() -> new HttpEndpoints(70000, () -> true, () -> true, () -> ""))
        .isInstanceOf(IllegalArgumentException.class);
    int port = endpoints.port();
    endpoints.close();
    endpoints.close();
    assertThatThrownBy(
            () ->
                client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(endpoints, "GET", path);
  }

  private HttpResponse<String> send(HttpEndpoints target, String method, String path)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(5))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
