package dev.hotpatch.operator.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Parses an Azure-AsyncOperation status body: {"status": "...", "error": {"code", "message"}}. */
final class AsyncOperationBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AsyncOperationBody() {}

  static OperationStatus parse(String body) {
    JsonNode node;
    try {
      node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      throw new AzureException(200, "InvalidResponse", "unreadable operation status", e);
    }
    String status = node.path("status").asText("InProgress");
    JsonNode error = node.path("error");
    String code = error.path("code").asText(null);
    String message = error.path("message").asText(null);
    return switch (status.toLowerCase(java.util.Locale.ROOT)) {
      case "succeeded" -> OperationStatus.of(OperationStatus.State.SUCCEEDED);
      case "failed" -> new OperationStatus(OperationStatus.State.FAILED, code, message);
      case "canceled", "cancelled" ->
          new OperationStatus(OperationStatus.State.CANCELED, code, message);
      default -> OperationStatus.of(OperationStatus.State.IN_PROGRESS);
    };
  }
}
