package dev.hotpatch.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpatch.operator.HotpatchOperator;
import dev.hotpatch.operator.azure.AzureGateways;
import dev.hotpatch.operator.azure.AzureTarget;
import dev.hotpatch.operator.azure.RequestListener;
import dev.hotpatch.operator.devtools.LocalKubernetes;
import dev.hotpatch.operator.devtools.SimulatedClock;
import dev.hotpatch.operator.reconciler.OperatorSettings;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.FleetSeed;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Regression (CI of f54901c: "The forked VM terminated without properly saying goodbye", exit 1,
 * during FleetBenchCiTest). An operator whose API server went away keeps reconnecting its watches;
 * when another server in the same JVM takes the port and answers with something that is not a watch
 * event, the informer cannot read it and stops for good (JOSDK retries anything but that) and
 * JOSDK's default handler called System.exit(1), killing whatever else ran in the JVM. Here that
 * happens on purpose: the test finishing is half of the assertion.
 */
class InformerStopE2eTest {
  /** A watch event whose object cannot be read as the informer's type. */
  private static final String UNREADABLE =
      "{\"type\":\"MODIFIED\",\"object\":{\"apiVersion\":\"hotpatch.dev/v1alpha1\","
          + "\"kind\":\"HotpatchVM\",\"metadata\":{\"name\":\"x\",\"resourceVersion\":\"99\"},"
          + "\"spec\":[\"not\",\"an\",\"object\"]}}";

  @Test
  void anInformerStoppedForGoodIsRecordedAndTheJvmLivesOn() throws Exception {
    SimulatedClock clock = new SimulatedClock(Instant.parse("2026-04-20T09:00:00Z"));
    try (ArmSimulator simulator =
        ArmSimulator.builder().clock(clock).fleet(FleetSeed.fromYaml("vms: []")).start()) {
      LocalKubernetes kube = LocalKubernetes.start();
      HotpatchOperator operator =
          HotpatchOperator.start(
              kube.client(),
              AzureGateways.sdk(AzureTarget.simulator(simulator.endpoint()), RequestListener.NONE),
              OperatorSettings.defaults(clock),
              new HotpatchOperator.Options(Set.of(), null, Duration.ZERO));
      int port = kube.server().getPort();
      MockWebServer other = new MockWebServer();
      try {
        // The API server goes away and another server in the JVM takes its port: it accepts the
        // informers' watches and sends them something that is not a HotpatchVM.
        kube.server().destroy();
        other.setDispatcher(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                if (!request.getPath().contains("watch=true")) {
                  return new MockResponse().setResponseCode(404);
                }
                return new MockResponse()
                    .withWebSocketUpgrade(
                        new WebSocketListener() {
                          @Override
                          public void onOpen(WebSocket ws, Response response) {
                            ws.send(UNREADABLE);
                          }
                        });
              }
            });
        other.start(port);
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> operator.informerStopped().isPresent());
        assertThat(operator.informerStopped().get()).contains("stopped").contains("Exception");
      } finally {
        operator.close();
        kube.client().close();
        other.shutdown();
      }
    }
  }
}
