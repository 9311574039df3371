package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;

/** One parsed request: method, path (no query), decoded query, body, match groups, time. */
final class ArmRequest {
  static final ObjectMapper JSON = new ObjectMapper();
  final String method;
  final String path;
  final Map<String, String> query;
  final byte[] body;
  final Instant now;

  /** The x-ms-client-request-id header, null when absent. */
  String clientRequestId;

  Matcher match;

  ArmRequest(String method, String path, Map<String, String> query, byte[] body, Instant now) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.body = body;
    this.now = now;
  }

  String apiVersion() {
    return query.get("api-version");
  }

  /** Query parameter, name compared case-insensitively (e.g. "$expand", "statusOnly"). */
  String param(String name) {
    for (Map.Entry<String, String> e : query.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  String group(int i) {
    return match.group(i);
  }

  /** The body as JSON; an empty body is an empty object; malformed JSON answers 400. */
  JsonNode json() {
    if (body == null || body.length == 0) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      JsonNode node = JSON.readTree(new String(body, StandardCharsets.UTF_8));
      return node == null ? JsonNodeFactory.instance.objectNode() : node;
    } catch (IOException e) {
      throw new ArmResponse.Failure(
          ArmResponse.error(
              400,
              "InvalidRequestContent",
              "The request content was invalid and could not be deserialized: '"
                  + e.getMessage()
                  + "'."));
    }
  }
}
