package dev.hotpatch.operator.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dispatches requests to handlers by method and case-insensitive path pattern, under the simulator
 * lock; applies injected faults first; writes every request to the ledger.
 */
final class Router implements HttpHandler {
  interface Handler {
    ArmResponse handle(ArmRequest request);
  }

  private record Route(String method, Pattern pattern, String kind, Handler handler) {}

  private final SimContext ctx;
  private final WireFaults wire;
  private final List<Route> routes = new ArrayList<>();

  Router(SimContext ctx) {
    this.ctx = ctx;
    this.wire = new WireFaults(ctx);
  }

  /** Adds a route; {@code regex} is matched case-insensitively against the whole path. */
  Router route(String method, String regex, String kind, Handler handler) {
    routes.add(new Route(method, Pattern.compile("(?i)^" + regex + "/?$"), kind, handler));
    return this;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
      String path = exchange.getRequestURI().getRawPath();
      ArmResponse response;
      boolean reset = false;
      synchronized (ctx.lock) {
        ArmRequest request =
            new ArmRequest(
                method, path, query(exchange.getRequestURI().getRawQuery()), body, ctx.now());
        request.clientRequestId = exchange.getRequestHeaders().getFirst("x-ms-client-request-id");
        String kind = "other";
        ArmOperation before = ctx.operations.last;
        try {
          ctx.advance(request.now);
          Route route = find(method, path, request);
          kind = route == null ? "other" : route.kind();
          if ("operation".equals(kind) && "true".equalsIgnoreCase(request.param("monitor"))) {
            kind = "operationResult";
          }
          response = answer(request, route, kind);
        } catch (ArmResponse.Failure failure) {
          response = failure.response;
        } catch (RuntimeException e) {
          response =
              ArmResponse.error(
                  500,
                  "InternalServerError",
                  "The simulator failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        ArmOperation started = ctx.operations.last != before ? ctx.operations.last : null;
        if (started != null && response.status < 300) {
          var lost = wire.lost(started);
          if (lost.isPresent()) { // the operation runs on; only its answer is gone
            response = WireFaults.lostResponse(lost.get());
            reset = response == null;
          }
        }
        if (!reset) {
          commonHeaders(request, response);
        }
        ctx.ledger.request(
            new RequestRecord(
                request.now, method, path, request.apiVersion(), reset ? 0 : response.status),
            kind);
      }
      if (!reset) { // a reset: closing the exchange unanswered drops the connection
        write(exchange, response);
      }
    }
  }

  private ArmResponse answer(ArmRequest request, Route route, String kind) {
    Optional<ArmResponse> throttled = armThrottled(request);
    if (throttled.isPresent()) {
      return throttled.get();
    }
    Optional<ArmResponse> flaky = wire.transientError(kind);
    if (flaky.isPresent()) {
      return flaky.get();
    }
    Optional<FaultInjector.Fault> fault = ctx.faults.match(request.method, request.path);
    if (fault.isPresent()) {
      FaultInjector.Fault f = fault.get();
      ArmResponse r = ArmResponse.error(f.status(), f.code(), f.message());
      if (f.status() == 429 || f.status() == 503) {
        r.header("Retry-After", Integer.toString(ctx.limits.retryAfterSeconds()));
      }
      return r;
    }
    if (route == null) {
      boolean pathKnown =
          routes.stream().anyMatch(r -> r.pattern().matcher(request.path).matches());
      return pathKnown
          ? ArmResponse.error(
              405,
              "HttpMethodNotAllowed",
              "The HTTP method '"
                  + request.method
                  + "' is not supported at '"
                  + request.path
                  + "'.")
          : ArmResponse.error(
              404,
              "InvalidResourceType",
              "The resource type could not be found"
                  + " for path '"
                  + request.path
                  + "' in the ARM simulator.");
    }
    if (request.apiVersion() == null || request.apiVersion().isBlank()) {
      return ArmResponse.error(
          400,
          "MissingApiVersionParameter",
          "The api-version query parameter (?api-version=) is required for all requests.");
    }
    return route.handler().handle(request);
  }

  /** ARM's token buckets come first: a throttled request never reaches Compute. */
  private Optional<ArmResponse> armThrottled(ArmRequest request) {
    Matcher sub = SUBSCRIPTION.matcher(request.path);
    if (!sub.find()) {
      return Optional.empty();
    }
    ArmRequestBuckets.Kind kind = ArmRequestBuckets.Kind.of(request.method);
    if (ctx.armBuckets.tryTake(sub.group(1), kind, request.now)) {
      return Optional.empty();
    }
    int retryAfter = ctx.armBuckets.retryAfterSeconds(sub.group(1), kind, request.now);
    return Optional.of(
        ArmResponse.error(
                429,
                "SubscriptionRequestsThrottled",
                "Number of '"
                    + kind.word
                    + "' requests for subscription '"
                    + sub.group(1)
                    + "' actor 'operator' exceeded. Please try again after '"
                    + retryAfter
                    + "' seconds after additional tokens are available. Refer to"
                    + " https://aka.ms/arm-throttling for additional information.")
            .header("Retry-After", Integer.toString(retryAfter)));
  }

  private static final Pattern SUBSCRIPTION = Pattern.compile("(?i)^/subscriptions/([^/]+)");

  private Route find(String method, String path, ArmRequest request) {
    for (Route route : routes) {
      Matcher m = route.pattern().matcher(path);
      if (route.method().equals(method) && m.matches()) {
        request.match = m;
        return route;
      }
    }
    return null;
  }

  private void commonHeaders(ArmRequest request, ArmResponse response) {
    String requestId = UUID.randomUUID().toString();
    response.header("x-ms-request-id", requestId);
    response.header("x-ms-correlation-request-id", requestId);
    Matcher sub = SUBSCRIPTION.matcher(request.path);
    if (sub.find()) {
      ArmRequestBuckets.Kind kind = ArmRequestBuckets.Kind.of(request.method);
      response.header(
          kind.header, Integer.toString(ctx.armBuckets.remaining(sub.group(1), kind, request.now)));
    }
  }

  private static void write(HttpExchange exchange, ArmResponse response) throws IOException {
    response.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    if (response.body == null) {
      exchange.sendResponseHeaders(response.status, -1);
      return;
    }
    byte[] bytes = ArmRequest.JSON.writeValueAsBytes(response.body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(response.status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static Map<String, String> query(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }
}
