package dev.hotpatch.operator.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.resourcemanager.resourcegraph.fluent.ResourceProvidersClient;
import com.azure.resourcemanager.resourcegraph.fluent.models.QueryResponseInner;
import com.azure.resourcemanager.resourcegraph.models.ResultTruncated;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * One subscription's VMs through Resource Graph ({@link ResourceGraphQuery#FLEET}), a page of up to
 * 1,000 rows per query, following {@code $skipToken}. Each page tells what is left of Resource
 * Graph's per-user quota ({@code x-ms-user-quota-remaining}), which the loader's pacing spreads.
 */
final class ResourceGraphListing implements VmListing {
  private static final HttpHeaderName QUOTA_REMAINING =
      HttpHeaderName.fromString("x-ms-user-quota-remaining");

  private final ResourceProvidersClient client;
  private final String subscriptionId;
  private final Duration lag;
  private final List<VmSnapshot> result = new ArrayList<>();
  private String skipToken;
  private boolean done;
  private int pages;

  ResourceGraphListing(ResourceProvidersClient client, String subscriptionId, Duration lag) {
    this.client = client;
    this.subscriptionId = subscriptionId;
    this.lag = lag;
  }

  @Override
  public boolean done() {
    return done;
  }

  @Override
  public int pages() {
    return pages;
  }

  @Override
  public OptionalInt fetchNext() {
    if (done) {
      throw new IllegalStateException("every page of " + subscriptionId + " was read");
    }
    Response<QueryResponseInner> response =
        SdkAzureGateway.call(
            () ->
                client.resourcesWithResponse(
                    ResourceGraphQuery.page(subscriptionId, skipToken), Context.NONE));
    QueryResponseInner page = response.getValue();
    String next = page.skipToken();
    if (page.resultTruncated() == ResultTruncated.TRUE && (next == null || next.isEmpty())) {
      // Rows are missing and no token leads to them: this is not the whole subscription.
      throw new AzureException(
          200, "ResultTruncated", "Resource Graph truncated the fleet query's result", null);
    }
    List<VmSnapshot> rows = new ArrayList<>();
    if (page.data() instanceof List<?> data) {
      for (Object row : data) {
        rows.add(ResourceGraphRows.toSnapshot(row));
      }
    } else if (page.data() != null) {
      throw new AzureException(
          200,
          "InvalidResponse",
          "Resource Graph answered rows that are not an object array",
          null);
    }
    result.addAll(rows); // only once the whole page is read: a failure advances nothing
    pages++;
    skipToken = next == null || next.isEmpty() ? null : next;
    done = skipToken == null;
    return quotaRemaining(response.getHeaders());
  }

  @Override
  public List<VmSnapshot> result() {
    if (!done) {
      throw new IllegalStateException("the list of " + subscriptionId + " is not complete");
    }
    return result;
  }

  @Override
  public String source() {
    return FleetSource.RESOURCE_GRAPH.label();
  }

  @Override
  public Duration lag() {
    return lag;
  }

  @Override
  public boolean cheapToRepeat() {
    return true;
  }

  /** Resource Graph's user quota: 15 queries per 5-second window. */
  @Override
  public Duration quotaWindow() {
    return QUOTA_WINDOW;
  }

  static final Duration QUOTA_WINDOW = Duration.ofSeconds(5);

  /** Resource Graph's {@code x-ms-user-quota-remaining}: queries left in the user's window. */
  static OptionalInt quotaRemaining(HttpHeaders headers) {
    String value = headers.getValue(QUOTA_REMAINING);
    if (value == null) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Math.max(0, Integer.parseInt(value.trim())));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
