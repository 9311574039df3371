package dev.hotpatch.operator.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.resourcemanager.resourcegraph.fluent.ResourceProvidersClient;
import com.azure.resourcemanager.resourcegraph.fluent.models.QueryResponseInner;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.ResultTruncated;
import dev.hotpatch.operator.devtools.SimulatedClock;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.FleetSeed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's Resource Graph, read through the real SDK (azure-resourcemanager-resourcegraph
 * 1.1.0): its answers parse as QueryResponse, page by $skipToken, carry Resource Graph's quota
 * headers and throttle past the quota, refuse other queries, and trail ARM by the configured lag.
 */
class ResourceGraphWireTest {
  private static final String SUB = "00000000-0000-0000-0000-0000000000a1";
  private static final String OTHER_SUB = "00000000-0000-0000-0000-0000000000a2";
  private static final HttpHeaderName REMAINING =
      HttpHeaderName.fromString("x-ms-user-quota-remaining");
  private static final HttpHeaderName RESETS =
      HttpHeaderName.fromString("x-ms-user-quota-resets-after");

  private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-04-20T09:00:00Z"));
  private ArmSimulator sim;

  private ResourceProvidersClient start(int vms, Duration lag) {
    sim =
        ArmSimulator.builder()
            .clock(clock)
            .resourceGraphLag(lag)
            .fleet(
                FleetSeed.fromYaml(
                    """
                    vms:
                      - {subscriptionId: %s, resourceGroup: rg, name: "vm-{i}", count: %d}
                      - {subscriptionId: %s, resourceGroup: rg, name: "elsewhere", count: 1}
                    """
                        .formatted(SUB, vms, OTHER_SUB)))
            .start();
    return new ArmConnection(
            AzureTarget.simulator(sim.endpoint()), Credentials.DEFAULT, RequestListener.NONE)
        .resourceGraph(SUB)
        .getResourceProviders();
  }

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void answersParseAsQueryResponseAndPageBySkipToken() {
    ResourceProvidersClient client = start(2300, Duration.ZERO);
    List<String> ids = new ArrayList<>();
    List<QueryResponseInner> pages = new ArrayList<>();
    String token = null;
    do {
      QueryResponseInner page = client.resources(ResourceGraphQuery.page(SUB, token));
      pages.add(page);
      for (Object row : (List<?>) page.data()) {
        ids.add((String) ((Map<?, ?>) row).get("id"));
      }
      token = page.skipToken();
      clock.advance(Duration.ofSeconds(1));
    } while (token != null);

    assertThat(pages).hasSize(3);
    assertThat(pages).allSatisfy(p -> assertThat(p.totalRecords()).isEqualTo(2300));
    assertThat(pages).extracting(QueryResponseInner::count).containsExactly(1000L, 1000L, 300L);
    assertThat(pages)
        .extracting(QueryResponseInner::resultTruncated)
        .containsOnly(ResultTruncated.FALSE);
    assertThat(pages.get(0).facets()).isEmpty();
    assertThat(pages.get(2).skipToken()).isNull();
    assertThat(ids).hasSize(2300).doesNotHaveDuplicates().isSorted();
    assertThat(ids).allMatch(id -> id.startsWith("/subscriptions/" + SUB + "/"));
    Map<?, ?> first = (Map<?, ?>) ((List<?>) pages.get(0).data()).get(0);
    assertThat(first.keySet().stream().map(String::valueOf).toList())
        .containsExactlyInAnyOrder(
            "id",
            "name",
            "location",
            "tags",
            "properties",
            "assessmentId",
            "assessment",
            "installation");
    Map<?, ?> view =
        (Map<?, ?>)
            ((Map<?, ?>) ((Map<?, ?>) first.get("properties")).get("extended")).get("instanceView");
    assertThat(((Map<?, ?>) view.get("powerState")).get("code")).isEqualTo("PowerState/running");
    assertThat(view.get("osVersion")).asString().startsWith("10.0.");
  }

  @Test
  void everyAnswerTellsTheQuotaAndTheSixteenthQueryInFiveSecondsIsThrottled() {
    ResourceProvidersClient client = start(3, Duration.ZERO);
    List<Integer> remaining = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      Response<QueryResponseInner> r =
          client.resourcesWithResponse(ResourceGraphQuery.page(SUB, null), Context.NONE);
      remaining.add(Integer.parseInt(r.getHeaders().getValue(REMAINING)));
      assertThat(r.getHeaders().getValue(RESETS)).matches("\\d\\d:\\d\\d:\\d\\d");
    }
    assertThat(remaining).containsExactly(14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

    assertThatThrownBy(
            () -> SdkAzureGateway.call(() -> client.resources(ResourceGraphQuery.page(SUB, null))))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(429);
              assertThat(e.code()).isEqualTo("RateLimiting");
              assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
            });

    clock.advance(Duration.ofSeconds(5)); // the window resets
    Response<QueryResponseInner> again =
        client.resourcesWithResponse(ResourceGraphQuery.page(SUB, null), Context.NONE);
    assertThat(again.getHeaders().getValue(REMAINING)).isEqualTo("14");
    assertThat(sim.requestCountsByKind()).containsEntry("POST resourceGraph", 17L);
  }

  @Test
  void aQueryOtherThanTheOperatorsIsRefusedAsResourceGraphRefusesAnInvalidOne() {
    ResourceProvidersClient client = start(3, Duration.ZERO);
    QueryRequest other =
        ResourceGraphQuery.page(SUB, null).withQuery("resources | project id, name");
    assertThatThrownBy(() -> SdkAzureGateway.call(() -> client.resources(other)))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("BadRequest");
              assertThat(e.getMessage()).contains("Query is invalid");
            });
  }

  @Test
  void rowsTrailArmByTheLag() {
    ResourceProvidersClient client = start(3, Duration.ofSeconds(30));
    assertThat(powerStateOfVm1(client)).isEqualTo("PowerState/running");

    sim.setPowerState(SUB, "rg", "vm-1", "deallocated");
    clock.advance(Duration.ofSeconds(10));
    assertThat(powerStateOfVm1(client)).as("10 s after the change").isEqualTo("PowerState/running");
    clock.advance(Duration.ofSeconds(15));
    assertThat(powerStateOfVm1(client)).as("25 s after").isEqualTo("PowerState/running");
    clock.advance(Duration.ofSeconds(20));
    assertThat(powerStateOfVm1(client)).as("45 s after").isEqualTo("PowerState/deallocated");
  }

  private static String powerStateOfVm1(ResourceProvidersClient client) {
    QueryResponseInner page = client.resources(ResourceGraphQuery.page(SUB, null));
    for (Object row : (List<?>) page.data()) {
      Map<?, ?> r = (Map<?, ?>) row;
      if (((String) r.get("id")).endsWith("/vm-1")) {
        Map<?, ?> props = (Map<?, ?>) r.get("properties");
        Map<?, ?> view = (Map<?, ?>) ((Map<?, ?>) props.get("extended")).get("instanceView");
        return (String) ((Map<?, ?>) view.get("powerState")).get("code");
      }
    }
    throw new AssertionError("vm-1 is not in the answer");
  }
}
