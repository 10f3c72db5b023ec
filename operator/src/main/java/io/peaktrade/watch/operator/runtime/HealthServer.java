package io.peaktrade.watch.operator.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.Operator;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * /healthz: the process answers (liveness: only a stuck process is restarted, never one that lost
 * the API server for a moment); /readyz: started and every informer watching, else 503 naming the
 * namespaces it cannot watch; /metrics. GET only.
 */
public final class HealthServer implements AutoCloseable {

  static {
    // A client that sends one byte must not hold a thread for ever (the JDK default: no limit),
    // and every connection has its own thread below, so slow clients cannot freeze the probes.
    for (String[] p :
        new String[][] {
          {"sun.net.httpserver.maxReqTime", "10"},
          {"sun.net.httpserver.maxRspTime", "30"},
          {"jdk.httpserver.maxConnections", "128"}
        }) {
      if (System.getProperty(p[0]) == null) {
        System.setProperty(p[0], p[1]);
      }
    }
  }

  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  public static HealthServer start(int port, Operator operator, PrometheusRegistry registry)
      throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(port), 16);
    MetricsHandler metrics = new MetricsHandler(registry);
    WatchHealth watches = new WatchHealth(operator);
    s.createContext(
        "/",
        ex -> {
          try (ex) {
            if (!"GET".equals(ex.getRequestMethod())) {
              ex.getResponseHeaders().set("Allow", "GET");
              send(ex, 405, "only GET\n");
              return;
            }
            switch (ex.getRequestURI().getPath()) {
              case "/metrics" -> metrics.handle(ex);
              case "/healthz" -> send(ex, 200, "alive\n");
              case "/readyz" -> ready(ex, operator, watches);
              default -> send(ex, 404, "served: /healthz /readyz /metrics\n");
            }
          }
        });
    s.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "health-http");
              t.setDaemon(true);
              return t;
            }));
    s.start();
    return new HealthServer(s);
  }

  private static void ready(HttpExchange ex, Operator operator, WatchHealth watches)
      throws IOException {
    if (!operator.getRuntimeInfo().isStarted()) {
      send(ex, 503, "starting\n");
      return;
    }
    Map<String, String> lost = watches.unhealthy();
    if (lost.isEmpty()) {
      send(ex, 200, "ok\n");
    } else {
      StringBuilder b =
          new StringBuilder("cannot watch (check the namespace and the operator's Role there):\n");
      lost.forEach(
          (ns, what) ->
              b.append("  namespace ")
                  .append(ns.isEmpty() ? "(all)" : ns)
                  .append(": ")
                  .append(what)
                  .append('\n'));
      send(ex, 503, b.toString());
    }
  }

  private static void send(HttpExchange ex, int code, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(code, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
