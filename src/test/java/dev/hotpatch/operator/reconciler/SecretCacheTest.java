package dev.hotpatch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: a Secret's informer whose watch delivered something it could not read stopped for
 * good, still "synced", and the cache answered the Secret as it was then, forever (a rotated client
 * secret never seen). Now a stopped informer is dropped and the Secret read afresh.
 */
class SecretCacheTest {
  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger lists = new AtomicInteger();
  private final CountDownLatch firstReadDone = new CountDownLatch(1);
  private KubernetesClient client;
  private SecretCache cache;

  @AfterEach
  void stop() throws Exception {
    if (cache != null) {
      cache.close();
    }
    if (client != null) {
      client.close();
    }
    server.shutdown();
  }

  @Test
  void aSecretWhoseWatchStoppedForGoodIsReadAfresh() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            if (path.contains("watch=true")) {
              // The watch delivers an event the informer cannot read, and it stops.
              return new MockResponse()
                  .withWebSocketUpgrade(
                      new WebSocketListener() {
                        @Override
                        public void onOpen(WebSocket ws, Response response) {
                          // Only once the test has read the cached Secret: on a slow machine the
                          // informer could stop before the first read, which then reads afresh.
                          Thread sender = new Thread(() -> sendBadEventWhenRead(ws));
                          sender.setDaemon(true);
                          sender.start();
                        }

                        private void sendBadEventWhenRead(WebSocket ws) {
                          try {
                            firstReadDone.await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                          }
                          ws.send(
                              "{\"type\":\"MODIFIED\",\"object\":{\"apiVersion\":\"v1\","
                                  + "\"kind\":\"Secret\",\"metadata\":{\"name\":\"azure\","
                                  + "\"namespace\":\"fleet\",\"resourceVersion\":\"2\"},"
                                  + "\"data\":[\"not\",\"a\",\"map\"]}}");
                        }
                      });
            }
            if (path.startsWith("/api/v1/namespaces/fleet/secrets/azure")) {
              return json(secret("rotated", "3"));
            }
            if (path.startsWith("/api/v1/namespaces/fleet/secrets")) {
              // The first list has the old client secret; the Secret is rotated right after.
              String value = lists.getAndIncrement() == 0 ? "original" : "rotated";
              return json(
                  "{\"apiVersion\":\"v1\",\"kind\":\"SecretList\",\"metadata\":{\"resourceVersion\":\"1\"},\"items\":["
                      + secret(value, "1")
                      + "]}");
            }
            return new MockResponse().setResponseCode(404);
          }
        });
    server.start();
    client =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl(server.url("/").toString()).build())
            .build();
    cache = new SecretCache(client, key -> {});

    assertThat(value(cache.get("fleet", "azure").orElseThrow())).isEqualTo("original");
    firstReadDone.countDown();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(value(cache.get("fleet", "azure").orElseThrow()))
                    .as("the Secret as Kubernetes has it now, not as the dead informer had it")
                    .isEqualTo("rotated"));
  }

  private static String secret(String clientSecret, String resourceVersion) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"azure\","
        + "\"namespace\":\"fleet\",\"resourceVersion\":\""
        + resourceVersion
        + "\"},\"data\":{\"clientSecret\":\""
        + Base64.getEncoder().encodeToString(clientSecret.getBytes(StandardCharsets.UTF_8))
        + "\"}}";
  }

  private static MockResponse json(String body) {
    return new MockResponse()
        .setResponseCode(200)
        .addHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static String value(Secret s) {
    return new String(
        Base64.getDecoder().decode(s.getData().get("clientSecret")), StandardCharsets.UTF_8);
  }
}
