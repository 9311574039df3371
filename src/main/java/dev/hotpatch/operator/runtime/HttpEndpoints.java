package dev.hotpatch.operator.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's HTTP side: {@code /healthz} (liveness), {@code /readyz} (readiness) and {@code
 * /metrics} (Prometheus text) on one port. Probes answer 200 "ok" or 503 ("not ok", or for liveness
 * the one-line reason its check gives); only GET and HEAD are served.
 */
public final class HttpEndpoints implements AutoCloseable {
  public static final String HEALTHZ = "/healthz";
  public static final String READYZ = "/readyz";
  public static final String METRICS = "/metrics";
  public static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);

  private final int requestedPort;
  private final Supplier<Optional<String>> liveProblem;
  private final BooleanSupplier ready;
  private final Supplier<String> metrics;
  private HttpServer server;
  private ExecutorService executor;

  /**
   * @param port the port to listen on (all interfaces); 0 picks a free one, see {@link #port()}
   * @param live whether the process is healthy (false makes the kubelet restart it)
   * @param ready whether the operator is ready (e.g. informers synced, or standing by as a
   *     non-leader)
   * @param metrics the Prometheus text, e.g. {@code OperatorMetrics::scrape}
   */
  public HttpEndpoints(
      int port, BooleanSupplier live, BooleanSupplier ready, Supplier<String> metrics) {
    this(port, asProblem(Objects.requireNonNull(live, "live")), ready, metrics);
  }

  /**
   * @param liveProblem why the process is not healthy, in one line (the body of the 503); empty
   *     while it is
   */
  public static HttpEndpoints withLivenessReason(
      int port,
      Supplier<Optional<String>> liveProblem,
      BooleanSupplier ready,
      Supplier<String> metrics) {
    return new HttpEndpoints(port, liveProblem, ready, metrics);
  }

  private HttpEndpoints(
      int port,
      Supplier<Optional<String>> liveProblem,
      BooleanSupplier ready,
      Supplier<String> metrics) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    this.requestedPort = port;
    this.liveProblem = Objects.requireNonNull(liveProblem, "liveProblem");
    this.ready = Objects.requireNonNull(ready, "ready");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /** Binds the port and starts serving; returns this. */
  public synchronized HttpEndpoints start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    try {
      server = HttpServer.create(new InetSocketAddress(requestedPort), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + requestedPort, e);
    }
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "http-endpoints-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    LOG.info("Serving {}, {} and {} on port {}", HEALTHZ, READYZ, METRICS, port());
    return this;
  }

  /** The port bound (the chosen one when started with 0). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.getAddress().getPort();
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
      executor = null;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      boolean known = HEALTHZ.equals(path) || READYZ.equals(path) || METRICS.equals(path);
      if (!known) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
        return;
      }
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return;
      }
      switch (path) {
        case HEALTHZ -> probe(exchange, liveProblem);
        case READYZ -> probe(exchange, asProblem(ready));
        default -> metrics(exchange);
      }
    }
  }

  private static Supplier<Optional<String>> asProblem(BooleanSupplier check) {
    return () -> check.getAsBoolean() ? Optional.empty() : Optional.of("not ok");
  }

  private void probe(HttpExchange exchange, Supplier<Optional<String>> check) throws IOException {
    Optional<String> problem;
    try {
      problem = check.get();
    } catch (RuntimeException e) {
      LOG.warn("Probe {} failed", exchange.getRequestURI().getPath(), e);
      problem = Optional.of("not ok");
    }
    if (problem.isPresent()) {
      // One line: a reason with a line break would read as two in the kubelet's event.
      String line = problem.get().replaceAll("[\\r\\n]+", " ").strip();
      send(exchange, 503, "text/plain; charset=utf-8", (line.isEmpty() ? "not ok" : line) + "\n");
    } else {
      send(exchange, 200, "text/plain; charset=utf-8", "ok\n");
    }
  }

  private void metrics(HttpExchange exchange) throws IOException {
    String body;
    try {
      body = metrics.get();
    } catch (RuntimeException e) {
      LOG.warn("Metrics scrape failed", e);
      send(exchange, 500, "text/plain; charset=utf-8", "scrape failed\n");
      return;
    }
    send(exchange, 200, METRICS_CONTENT_TYPE, body);
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
