package io.peaktrade.watch.exporter.preview;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.peaktrade.watch.contracts.RepositoryFiles;
import io.peaktrade.watch.exporter.http.ReadOnlyHttpServer;
import io.peaktrade.watch.exporter.http.ReadOnlyHttpServer.Responses;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The local demo's stand-in for Grafana on :3000: one page that draws the shipped dashboard JSON
 * (the file the operator delivers to Grafana, bundled in the jar, not a copy) from the demo's
 * Prometheus. The page and its chart library (uPlot, vendored from its WebJar) come from the jar,
 * so it works offline.
 *
 * <p>No-live: the server is a {@link ReadOnlyHttpServer} (GET and HEAD only), and the page reaches
 * Prometheus only through {@link #PROMETHEUS_PATHS}, three read-only query endpoints forwarded as
 * GET within bounds ({@link PrometheusProxy}); nothing the page can call changes anything, in
 * Prometheus or elsewhere. Every route answers requests for the preview's own address only ({@link
 * OwnAddress}): no other web page in the user's browser reads the demo's data. {@code /healthz}
 * says whether Prometheus runs.
 */
public final class DashboardPreview implements AutoCloseable {

  /** The dashboard as shipped: dashboards/execution-watch-overview.json. */
  public static final String DASHBOARD = RepositoryFiles.resource(RepositoryFiles.DASHBOARD);

  /** The operator's own dashboard: dashboards/execution-watch-operator.json. */
  public static final String OPERATOR_DASHBOARD =
      RepositoryFiles.resource(RepositoryFiles.OPERATOR_DASHBOARD);

  /** Where the page finds Prometheus: same origin, so the page needs no CORS and no other host. */
  static final String PROXY = "/prometheus";

  /** The only Prometheus endpoints the page can reach: instant and range queries, series lookup. */
  static final List<String> PROMETHEUS_PATHS =
      List.of("/api/v1/query", "/api/v1/query_range", "/api/v1/series");

  /** A file of the page: the path it is served on, the jar resource it is read from, its type. */
  private record PageFile(String path, String resource, String contentType) {}

  private static final String HTML = "text/html; charset=utf-8";
  private static final String JS = "text/javascript; charset=utf-8";
  private static final String CSS = "text/css; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";

  private static final List<PageFile> FILES =
      List.of(
          new PageFile("/", "/preview/index.html", HTML),
          new PageFile("/preview.js", "/preview/preview.js", JS),
          new PageFile("/promql.js", "/preview/promql.js", JS),
          new PageFile("/preview.css", "/preview/preview.css", CSS),
          new PageFile("/vendor/uPlot.iife.min.js", "/preview/vendor/uPlot.iife.min.js", JS),
          new PageFile("/vendor/uPlot.min.css", "/preview/vendor/uPlot.min.css", CSS),
          new PageFile("/vendor/uPlot.LICENSE", "/preview/vendor/LICENSE", TEXT));

  private final ReadOnlyHttpServer server;

  private DashboardPreview(ReadOnlyHttpServer server) {
    this.server = server;
  }

  /**
   * Serves the preview of the demo's dashboard on {@code host:port}, its queries answered by
   * Prometheus at {@code prometheus}.
   */
  public static DashboardPreview start(String host, int port, URI prometheus) throws IOException {
    return start(host, port, prometheus, DASHBOARD);
  }

  /**
   * The same for another dashboard of the jar (a resource path such as {@link
   * #OPERATOR_DASHBOARD}).
   */
  public static DashboardPreview start(String host, int port, URI prometheus, String dashboard)
      throws IOException {
    return start(host, port, prometheus, dashboard, Optional::empty);
  }

  /**
   * The same, its {@code /healthz} answering 503 with {@code prometheusProblem}'s text while that
   * has one (Prometheus exited and is being restarted), 200 otherwise.
   */
  public static DashboardPreview start(
      String host,
      int port,
      URI prometheus,
      String dashboard,
      Supplier<Optional<String>> prometheusProblem)
      throws IOException {
    AtomicInteger boundPort = new AtomicInteger(port);
    OwnAddress own = OwnAddress.of(host, boundPort::get);
    Map<String, HttpHandler> routes = new LinkedHashMap<>();
    for (PageFile f : FILES) {
      routes.put(f.path(), own.guard(staticFile(load(f.resource()), f.contentType())));
    }
    routes.put("/dashboard.json", own.guard(staticFile(load(dashboard), "application/json")));
    HttpClient client = HttpClient.newBuilder().connectTimeout(PrometheusProxy.TIMEOUT).build();
    for (String path : PROMETHEUS_PATHS) {
      routes.put(
          PROXY + path,
          own.guard(withSecurityHeaders(new PrometheusProxy(client, prometheus, path))));
    }
    routes.put(
        "/healthz",
        own.guard(
            ex -> {
              Optional<String> problem = prometheusProblem.get();
              Responses.text(ex, problem.isPresent() ? 503 : 200, problem.orElse("ok") + "\n");
            }));
    ReadOnlyHttpServer server =
        ReadOnlyHttpServer.start(
            "the dashboard preview", host, port, new PrometheusRegistry(), routes, null);
    boundPort.set(server.port());
    return new DashboardPreview(server);
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }

  private static byte[] load(String resource) throws IOException {
    try (InputStream in = DashboardPreview.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(resource + " is missing from the jar: rebuild with ./mvnw package");
      }
      return in.readAllBytes();
    }
  }

  private static HttpHandler withSecurityHeaders(HttpHandler h) {
    return ex -> {
      securityHeaders(ex);
      h.handle(ex);
    };
  }

  private static HttpHandler staticFile(byte[] body, String type) {
    return ex -> {
      securityHeaders(ex);
      Responses.send(ex, 200, type, body);
    };
  }

  /** The page runs only its own scripts and talks only to its own origin. */
  private static void securityHeaders(HttpExchange ex) {
    ex.getResponseHeaders()
        .set(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
                + " frame-ancestors 'none'; form-action 'none'");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
  }
}
