package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer of the simulator: status, headers and an optional JSON body. */
final class ArmResponse {
  final int status;
  final Map<String, String> headers = new LinkedHashMap<>();
  final JsonNode body;

  ArmResponse(int status, JsonNode body) {
    this.status = status;
    this.body = body;
  }

  static ArmResponse json(int status, JsonNode body) {
    return new ArmResponse(status, body);
  }

  static ArmResponse empty(int status) {
    return new ArmResponse(status, null);
  }

  ArmResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** {@code {"error":{"code","message","target"?}}}, as ARM answers errors. */
  static ArmResponse error(int status, String code, String message, String target) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    if (target != null) {
      error.put("target", target);
    }
    return new ArmResponse(status, root);
  }

  static ArmResponse error(int status, String code, String message) {
    return error(status, code, message, null);
  }

  static ArmResponse invalidParameter(String message, String target) {
    return error(400, "InvalidParameter", message, target);
  }

  static ArmResponse vmNotFound(String resourceGroup, String name) {
    return error(
        404,
        "ResourceNotFound",
        "The Resource 'Microsoft.Compute/virtualMachines/"
            + name
            + "' under resource group '"
            + resourceGroup
            + "' was not found. For more details please go"
            + " to https://aka.ms/ARMResourceNotFoundFix");
  }

  /** Thrown by handlers to answer an ARM error. */
  static final class Failure extends RuntimeException {
    final transient ArmResponse response;

    Failure(ArmResponse response) {
      super(response.body == null ? "error" : response.body.toString(), null, false, false);
      this.response = response;
    }
  }
}
