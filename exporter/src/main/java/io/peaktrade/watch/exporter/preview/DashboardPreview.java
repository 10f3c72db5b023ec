package io.peaktrade.watch.exporter.preview;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local demo's stand-in for Grafana on :3000: one page that draws the shipped dashboard JSON
 * (the file the operator delivers to Grafana, bundled in the jar, not a copy) from the demo's
 * Prometheus. The page and its chart library (uPlot, vendored from its WebJar) come from the jar,
 * so it works offline.
 *
 * <p>No-live: the server is a {@link ReadOnlyHttpServer} (GET and HEAD only), and the page reaches
 * Prometheus only through {@link #PROMETHEUS_PATHS}, three read-only query endpoints forwarded as
 * GET; nothing the page can call changes anything, in Prometheus or elsewhere.
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

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Duration PROMETHEUS_TIMEOUT = Duration.ofSeconds(15);

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
   * Prometheus at {@code base}.
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
    Map<String, HttpHandler> routes = new LinkedHashMap<>();
    for (PageFile f : FILES) {
      routes.put(f.path(), staticFile(load(f.resource()), f.contentType()));
    }
    routes.put("/dashboard.json", staticFile(load(dashboard), "application/json"));
    HttpClient client = HttpClient.newBuilder().connectTimeout(PROMETHEUS_TIMEOUT).build();
    for (String path : PROMETHEUS_PATHS) {
      routes.put(PROXY + path, new PrometheusGet(client, prometheus, path));
    }
    return new DashboardPreview(
        ReadOnlyHttpServer.start(
            "the dashboard preview", host, port, new PrometheusRegistry(), routes, null));
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

  /**
   * One Prometheus query endpoint, forwarded as GET with the request's query string and nothing
   * else (no headers, no body); the answer is passed back as it came, or a Prometheus-shaped error
   * if Prometheus does not answer.
   */
  private record PrometheusGet(HttpClient client, URI prometheus, String path)
      implements HttpHandler {
    @Override
    public void handle(HttpExchange ex) throws IOException {
      securityHeaders(ex);
      String query = ex.getRequestURI().getRawQuery();
      URI target =
          URI.create(
              prometheus.toString().replaceAll("/+$", "")
                  + path
                  + (query == null ? "" : "?" + query));
      try {
        HttpResponse<byte[]> r =
            client.send(
                HttpRequest.newBuilder(target).timeout(PROMETHEUS_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Responses.send(
            ex,
            r.statusCode(),
            r.headers().firstValue("Content-Type").orElse("application/json"),
            r.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unavailable(ex, "interrupted");
      } catch (IOException e) {
        unavailable(ex, e.toString());
      }
    }

    private void unavailable(HttpExchange ex, String why) throws IOException {
      Map<String, String> error = new LinkedHashMap<>();
      error.put("status", "error");
      error.put("errorType", "unavailable");
      error.put(
          "error", "Prometheus at " + prometheus + " did not answer " + path + " (" + why + ")");
      Responses.json(ex, 502, JSON.writeValueAsBytes(error));
    }
  }
}
