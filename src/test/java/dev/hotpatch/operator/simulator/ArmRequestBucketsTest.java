package dev.hotpatch.operator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.simulator.ArmRequestBuckets.Kind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** ARM's token buckets per subscription: the numbers, and over HTTP in front of Compute. */
class ArmRequestBucketsTest {
  static final Instant T0 = Instant.parse("2025-02-20T10:00:00Z");

  @Test
  void aFullBucketLetsItsBurstThroughThenItsRefillRate() {
    var buckets = new ArmRequestBuckets(ArmRequestBuckets.Limits.azure());
    int passed = 0;
    for (int i = 0; i < 300; i++) {
      passed += buckets.tryTake("sub-a", Kind.READ, T0) ? 1 : 0;
    }
    assertThat(passed).as("burst").isEqualTo(250);
    assertThat(buckets.remaining("sub-a", Kind.READ, T0)).isZero();
    assertThat(buckets.retryAfterSeconds("sub-a", Kind.READ, T0)).isEqualTo(1);
    Instant later = T0.plusMillis(400); // 25 a second: 10 tokens in 0.4 s
    int more = 0;
    for (int i = 0; i < 20; i++) {
      more += buckets.tryTake("sub-a", Kind.READ, later) ? 1 : 0;
    }
    assertThat(more).isEqualTo(10);
    assertThat(buckets.remaining("sub-a", Kind.READ, later.plusSeconds(60)))
        .as("refills to the burst, no further")
        .isEqualTo(250);
  }

  @Test
  void subscriptionsAndKindsHaveBucketsOfTheirOwn() {
    var buckets = new ArmRequestBuckets(ArmRequestBuckets.Limits.azure());
    for (int i = 0; i < 250; i++) {
      buckets.tryTake("sub-a", Kind.READ, T0);
    }
    assertThat(buckets.tryTake("sub-a", Kind.READ, T0)).isFalse();
    assertThat(buckets.tryTake("SUB-A", Kind.READ, T0)).as("ids are case-insensitive").isFalse();
    assertThat(buckets.tryTake("sub-b", Kind.READ, T0)).isTrue();
    assertThat(buckets.tryTake("sub-a", Kind.WRITE, T0)).isTrue();
    assertThat(buckets.remaining("sub-a", Kind.WRITE, T0)).isEqualTo(199);
    assertThat(buckets.remaining("sub-a", Kind.DELETE, T0)).isEqualTo(200);
    assertThat(Kind.of("PATCH")).isEqualTo(Kind.WRITE);
    assertThat(Kind.of("POST")).isEqualTo(Kind.WRITE);
    assertThat(Kind.of("DELETE")).isEqualTo(Kind.DELETE);
    assertThat(Kind.of("GET")).isEqualTo(Kind.READ);
  }

  @Test
  void offNeverRefuses() {
    var buckets = new ArmRequestBuckets(ArmRequestBuckets.Limits.off());
    for (int i = 0; i < 10_000; i++) {
      assertThat(buckets.tryTake("sub-a", Kind.READ, T0)).isTrue();
    }
  }

  @Test
  void overHttpAnEmptyReadBucketAnswers429WithRetryAfterAndTheRemainingHeaderCountsDown()
      throws Exception {
    MutableClock clock = MutableClock.at("2025-02-20T10:00:00Z");
    try (ArmSimulator sim =
        ArmSimulator.builder()
            .clock(clock)
            .fleet(FleetSeed.fromYaml(SimulatorSdkTest.FLEET))
            .catalog(ReleaseCatalog.generate(2025))
            .armReadLimit(2, 3)
            .start()) {
      HttpClient http = HttpClient.newHttpClient();
      String vm = sim.endpoint() + WireBehaviourTest.APP1 + "?api-version=2025-04-01";
      for (int expected = 2; expected >= 0; expected--) {
        HttpResponse<String> ok = get(http, vm);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-ms-ratelimit-remaining-subscription-reads"))
            .hasValue(Integer.toString(expected));
      }
      HttpResponse<String> refused = get(http, vm);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.body()).contains("SubscriptionRequestsThrottled", "'read' requests");
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(sim.requestLog().get(sim.requestLog().size() - 1).status()).isEqualTo(429);
      clock.advance(Duration.ofMillis(500)); // 2 a second: one token back
      assertThat(get(http, vm).statusCode()).isEqualTo(200);
      assertThat(get(http, vm).statusCode()).isEqualTo(429);
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
