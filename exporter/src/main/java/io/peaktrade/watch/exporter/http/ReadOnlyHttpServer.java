package io.peaktrade.watch.exporter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server every Execution Watch process uses: {@code /metrics} from a Prometheus registry,
 * {@code /healthz}, the process's own GET routes, and nothing that changes state. Any method but
 * GET gets 405: no-live layer 5 is enforced here, once, for all servers.
 */
public final class ReadOnlyHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;

  private ReadOnlyHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** A server with {@code /metrics} and {@code /healthz} only. */
  public static ReadOnlyHttpServer start(
      String name, String host, int port, PrometheusRegistry registry) throws IOException {
    return start(name, host, port, registry, Map.of(), null);
  }

  /**
   * Routes are exact paths; {@code /metrics} and {@code /healthz} are added. With {@code
   * requestMetrics}, every request (405s and 404s included) is counted and timed.
   */
  public static ReadOnlyHttpServer start(
      String name,
      String host,
      int port,
      PrometheusRegistry registry,
      Map<String, HttpHandler> routes,
      RequestMetrics requestMetrics)
      throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 128);
    } catch (BindException e) {
      throw new PortInUseException(name, port, e);
    }
    Map<String, HttpHandler> all = new LinkedHashMap<>(routes);
    all.put("/metrics", new MetricsHandler(registry));
    all.putIfAbsent("/healthz", ex -> Responses.text(ex, 200, "ok\n"));
    server.createContext("/", new Router(name, all, requestMetrics));
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, name + "-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.start();
    return new ReadOnlyHttpServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private record Router(String name, Map<String, HttpHandler> routes, RequestMetrics metrics)
      implements HttpHandler {
    @Override
    public void handle(HttpExchange ex) throws IOException {
      long start = System.nanoTime();
      try (ex) {
        route(ex);
      } finally {
        if (metrics != null) {
          String path = ex.getRequestURI().getPath();
          String endpoint = routes.containsKey(path) ? path : "other";
          metrics.observe(endpoint, ex.getResponseCode(), (System.nanoTime() - start) / 1e9);
        }
      }
    }

    private void route(HttpExchange ex) throws IOException {
      if (!"GET".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", "GET");
        Responses.text(ex, 405, name + " is read-only (STRICT NO-LIVE): only GET is served.\n");
        return;
      }
      String path = ex.getRequestURI().getPath();
      HttpHandler h = routes.get(path);
      if (h != null) {
        h.handle(ex);
      } else if (path.equals("/")) {
        Responses.text(ex, 200, name + ": " + String.join(" ", routes.keySet()) + "\n");
      } else {
        Responses.text(
            ex,
            404,
            "not found: " + path + "; served: " + String.join(" ", routes.keySet()) + "\n");
      }
    }
  }

  /** Small helpers for plain responses. */
  public static final class Responses {
    private Responses() {}

    public static void text(HttpExchange ex, int status, String body) throws IOException {
      send(ex, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    public static void json(HttpExchange ex, int status, byte[] body) throws IOException {
      send(ex, status, "application/json", body);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body)
        throws IOException {
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
