package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /providers/Microsoft.ResourceGraph/resources}: Resource Graph's query API, for the
 * one query the operator sends (its fleet read). The query is not parsed: any other text is refused
 * as Resource Graph refuses a query it cannot run. Answers in the shape
 * azure-resourcemanager-resourcegraph 1.1.0 parses (QueryResponseInner: totalRecords, count,
 * resultTruncated, $skipToken, data, facets), objectArray rows only, paged by {@code $top} (at most
 * 1,000) and {@code $skipToken}; rows lag ARM ({@link ResourceGraphIndex}); Resource Graph's own
 * quota ({@link ResourceGraphQuota}).
 */
final class ResourceGraphHandlers {
  /**
   * The operator's fleet query (azure/ResourceGraphQuery), written out here again on purpose: the
   * rows below answer this text, so a change to the operator's query fails its tests until the
   * simulator is taught the new one.
   */
  static final String FLEET_QUERY =
      """
      resources
      | where type =~ 'microsoft.compute/virtualmachines'
      | extend vmKey = tolower(id)
      | join kind=leftouter (
          patchassessmentresources
          | where type =~ 'microsoft.compute/virtualmachines/patchassessmentresults'
          | project vmKey = tostring(split(tolower(id), '/patchassessmentresults/')[0]),
              assessmentId = name, assessment = properties
        ) on vmKey
      | join kind=leftouter (
          patchinstallationresources
          | where type =~ 'microsoft.compute/virtualmachines/patchinstallationresults'
          | extend vmKey = tostring(split(tolower(id), '/patchinstallationresults/')[0])
          | summarize arg_max(todatetime(properties.startDateTime), properties) by vmKey
          | project vmKey, installation = properties
        ) on vmKey
      | project id, name, location, tags, properties, assessmentId, assessment, installation
      | order by id asc
      """;

  /** Without {@code $top} Resource Graph returns 1,000 records, which is also the most it pages. */
  static final int DEFAULT_TOP = 1000;

  static final int MAX_TOP = 1000;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final SimContext ctx;

  ResourceGraphHandlers(SimContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    router.route(
        "POST", "/providers/Microsoft\\.ResourceGraph/resources", "resourceGraph", this::query);
  }

  private ArmResponse query(ArmRequest r) {
    if (!ctx.graphQuota.tryAcquire(r.now)) {
      Duration wait = ctx.graphQuota.resetsAfter(r.now);
      return quotaHeaders(
          r,
          argError(
                  429,
                  "RateLimiting",
                  "RateLimiting",
                  "Client application has been throttled and should not attempt to repeat the"
                      + " request until an amount of time has elapsed. Please see"
                      + " https://aka.ms/resourcegraph-throttling for help.")
              .header("Retry-After", Long.toString(wait.toSeconds())));
    }
    JsonNode body = r.json();
    if (!normalized(body.path("query").asText("")).equals(normalized(FLEET_QUERY))) {
      return quotaHeaders(
          r,
          argError(
              400,
              "BadRequest",
              "InvalidQuery",
              "Query is invalid. Please refer to the documentation for the Azure Resource Graph"
                  + " service and fix the error before retrying. (The simulator answers only the"
                  + " operator's fleet query.)"));
    }
    Set<String> subscriptions = new HashSet<>();
    body.path("subscriptions").forEach(s -> subscriptions.add(s.asText().toLowerCase(Locale.ROOT)));
    if (subscriptions.isEmpty()) {
      return quotaHeaders(
          r,
          argError(
              400,
              "BadRequest",
              "InvalidSubscriptions",
              "The simulator needs the subscriptions to query (it has no tenant scope)."));
    }
    JsonNode options = body.path("options");
    String format = options.path("resultFormat").asText("objectArray");
    if (!"objectArray".equalsIgnoreCase(format)) {
      return quotaHeaders(
          r,
          argError(
              400,
              "BadRequest",
              "UnsupportedResultFormat",
              "The simulator answers resultFormat objectArray only."));
    }
    int top = options.path("$top").asInt(DEFAULT_TOP);
    if (top < 1 || top > MAX_TOP) {
      return quotaHeaders(
          r,
          argError(
              400,
              "BadRequest",
              "InvalidTop",
              "$top must be between 1 and " + MAX_TOP + "; it was " + top + "."));
    }
    int offset = skip(options.path("$skipToken").asText(null));
    List<ObjectNode> matching = new ArrayList<>();
    for (ObjectNode row : ctx.graph.visible(ctx, r.now)) {
      String sub = row.get("id").asText().split("/")[2].toLowerCase(Locale.ROOT);
      if (subscriptions.contains(sub)) {
        matching.add(row);
      }
    }
    int end = Math.min(matching.size(), offset + top);
    ObjectNode answer = F.objectNode();
    answer.put("totalRecords", matching.size());
    answer.put("count", Math.max(0, end - offset));
    answer.put("resultTruncated", "false");
    if (end < matching.size()) {
      answer.put("$skipToken", token(end));
    }
    ArrayNode data = answer.putArray("data");
    for (ObjectNode row : matching.subList(Math.min(offset, matching.size()), end)) {
      data.add(row.deepCopy());
    }
    answer.putArray("facets");
    return quotaHeaders(r, ArmResponse.json(200, answer));
  }

  private ArmResponse quotaHeaders(ArmRequest r, ArmResponse response) {
    return response
        .header("x-ms-user-quota-remaining", Integer.toString(ctx.graphQuota.remaining(r.now)))
        .header(
            "x-ms-user-quota-resets-after",
            ResourceGraphQuota.hhmmss(ctx.graphQuota.resetsAfter(r.now)));
  }

  /** Resource Graph's errors: a general code, and the specific one in details. */
  private static ArmResponse argError(int status, String code, String detailCode, String message) {
    ObjectNode root = F.objectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", "Please provide below info when asking for support. Details: " + message);
    ObjectNode detail = error.putArray("details").addObject();
    detail.put("code", detailCode);
    detail.put("message", message);
    return ArmResponse.json(status, root);
  }

  private static String normalized(String query) {
    return query.trim().replaceAll("\\s+", " ");
  }

  private static String token(int offset) {
    return Base64.getEncoder()
        .encodeToString(("{\"offset\":" + offset + "}").getBytes(StandardCharsets.UTF_8));
  }

  private static int skip(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      String json = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
      return Math.max(0, ArmRequest.JSON.readTree(json).path("offset").asInt());
    } catch (RuntimeException | java.io.IOException e) {
      throw new ArmResponse.Failure(
          argError(400, "BadRequest", "InvalidSkipToken", "The $skipToken is not valid."));
    }
  }
}
