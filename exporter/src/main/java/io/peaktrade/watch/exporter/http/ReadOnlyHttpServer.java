package io.peaktrade.watch.exporter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.peaktrade.watch.exporter.process.FatalErrors;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server every Execution Watch process uses: {@code /metrics} from a Prometheus registry,
 * {@code /healthz}, the process's own GET routes, and nothing that changes state. GET and HEAD (RFC
 * 9110: HEAD wherever GET) are served; any other method gets 405: no-live layer 5 is enforced here,
 * once, for all servers.
 *
 * <p>Slow or hostile clients cannot starve the probes: every connection gets its own thread (the
 * JDK server reads a request on the thread that handles it, so a fixed pool of four was frozen by
 * four clients that sent one byte), a request must arrive within {@link #REQUEST_SECONDS} and a
 * response leave within {@link #RESPONSE_SECONDS} or the connection is closed, idle keep-alive
 * connections are closed after {@link #IDLE_SECONDS}, and at most {@link #MAX_CONNECTIONS} are open
 * at once (enforced by the JDK from version 18; on 17 the request timeout bounds them).
 */
public final class ReadOnlyHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReadOnlyHttpServer.class);

  static final int REQUEST_SECONDS = 10;
  static final int RESPONSE_SECONDS = 30;
  static final int IDLE_SECONDS = 30;
  static final int MAX_CONNECTIONS = 512;

  static {
    // The JDK server reads these once, when its first instance is created; a value set on the
    // command line wins.
    setDefault("sun.net.httpserver.maxReqTime", REQUEST_SECONDS);
    setDefault("sun.net.httpserver.maxRspTime", RESPONSE_SECONDS);
    setDefault("sun.net.httpserver.idleInterval", IDLE_SECONDS);
    setDefault("jdk.httpserver.maxConnections", MAX_CONNECTIONS);
  }

  private static void setDefault(String property, int value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Integer.toString(value));
    }
  }

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
      @Nullable RequestMetrics requestMetrics)
      throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 128);
    } catch (BindException e) {
      throw new PortInUseException(name, port, e);
    }
    Map<String, HttpHandler> all = new LinkedHashMap<>(routes);
    all.putIfAbsent("/metrics", new MetricsHandler(registry));
    all.putIfAbsent("/healthz", ex -> Responses.text(ex, 200, "ok\n"));
    server.createContext("/", new Router(name, all, requestMetrics));
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(null, r, name + "-http-" + n.incrementAndGet(), 256 * 1024);
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

  private record Router(
      String name, Map<String, HttpHandler> routes, @Nullable RequestMetrics metrics)
      implements HttpHandler {
    @Override
    public void handle(HttpExchange ex) throws IOException {
      long start = System.nanoTime();
      try (ex) {
        try {
          route(ex);
        } catch (RuntimeException e) {
          // a bug in a route: said, and answered, instead of a connection closed without a word
          LOG.error("{} failed to answer {}: {}", name, ex.getRequestURI().getPath(), e.toString());
          if (ex.getResponseCode() == -1) {
            Responses.text(ex, 500, name + " failed to answer this request: " + e + "\n");
          }
        }
      } catch (Error e) {
        // the JDK server would swallow it and carry on in an unknown state
        FatalErrors.handle(Thread.currentThread(), e);
      } finally {
        if (metrics != null) {
          String path = ex.getRequestURI().getPath();
          String endpoint = routes.containsKey(path) ? path : "other";
          metrics.observe(endpoint, ex.getResponseCode(), (System.nanoTime() - start) / 1e9);
        }
      }
    }

    private void route(HttpExchange request) throws IOException {
      String method = request.getRequestMethod();
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        request.getResponseHeaders().set("Allow", "GET, HEAD");
        Responses.text(
            request, 405, name + " is read-only (STRICT NO-LIVE): only GET and HEAD are served.\n");
        return;
      }
      HttpExchange ex = "HEAD".equals(method) ? new HeadExchange(request) : request;
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

    public static void send(HttpExchange ex, int status, String type, byte[] body)
        throws IOException {
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
