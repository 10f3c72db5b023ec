package io.peaktrade.watch.exporter.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.peaktrade.watch.exporter.preview.DashboardPreview;
import io.peaktrade.watch.exporter.testing.Http;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard preview's way to the demo's Prometheus is bounded, attacked as a page in the user's
 * browser or anything on the machine would: another site's name for the loopback address (DNS
 * rebinding), another origin, a query that loads millions of samples, a range of more points than a
 * dashboard draws, a repeated parameter to slip past the check, an answer too large to pass back.
 */
class PreviewBoundsTest {

  @TempDir static Path dir;
  private static LocalStack stack;
  private static int port;

  @BeforeAll
  static void start() throws IOException {
    stack = LocalStack.start(LocalStackRealPrometheusTest.config(dir.resolve("stack"), 2));
    port = stack.dashboardUrl().orElseThrow().getPort();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /**
   * A GET with these exact headers (a browser's Host and Origin cannot be set from java.net.http).
   */
  private static String raw(int port, String target, String host, String origin)
      throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      String request =
          "GET "
              + target
              + " HTTP/1.1\r\nHost: "
              + host
              + "\r\n"
              + (origin == null ? "" : "Origin: " + origin + "\r\n")
              + "Connection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      try (InputStream in = s.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  private static String query(String promql) {
    return "/prometheus/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
  }

  @Test
  void onlyRequestsForItsOwnAddressAreAnswered() throws Exception {
    String data = query("peaktrade_signals_total");
    for (String page : new String[] {"/", "/dashboard.json", data, "/healthz"}) {
      assertThat(raw(port, page, "127.0.0.1:" + port, null)).startsWith("HTTP/1.1 200");
      assertThat(raw(port, page, "localhost:" + port, null)).startsWith("HTTP/1.1 200");
      String rebound = raw(port, page, "attacker.example:" + port, null);
      assertThat(rebound).as(page).startsWith("HTTP/1.1 403").doesNotContain("peaktrade_");
      assertThat(raw(port, page, "127.0.0.1:" + (port + 1), null)).startsWith("HTTP/1.1 403");
      assertThat(raw(port, page, "127.0.0.1.attacker.example:" + port, null))
          .startsWith("HTTP/1.1 403");
    }
    assertThat(raw(port, data, "127.0.0.1:" + port, "http://127.0.0.1:" + port))
        .startsWith("HTTP/1.1 200");
    assertThat(raw(port, data, "127.0.0.1:" + port, "http://attacker.example"))
        .startsWith("HTTP/1.1 403")
        .contains("from Origin 'http://attacker.example'");
    assertThat(raw(port, data, "127.0.0.1:" + port, "null")).startsWith("HTTP/1.1 403");
  }

  /** 20 days at 1 s is 1.7 million samples: under Prometheus' default of 50 million it ran. */
  @Test
  void aQueryLoadingMillionsOfSamplesIsRefusedByPrometheus() {
    HttpResponse<String> r =
        Http.get("http://127.0.0.1:" + port + query("count_over_time(vector(1)[20d:1s])"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    assertThat(r.body()).contains("too many samples");
  }

  @Test
  void aRangeOfMorePointsThanADashboardDrawsIsRefusedBeforePrometheus() {
    long now = Instant.now().getEpochSecond();
    String base = "http://127.0.0.1:" + port + "/prometheus/api/v1/query_range?query=up";
    HttpResponse<String> drawn =
        Http.get(base + "&start=" + (now - 3600) + "&end=" + now + "&step=12");
    assertThat(drawn.statusCode()).as(drawn.body()).isEqualTo(200);
    HttpResponse<String> dense =
        Http.get(base + "&start=" + (now - 3600) + "&end=" + now + "&step=0.5");
    assertThat(dense.statusCode()).isEqualTo(400);
    assertThat(dense.body()).contains("7201 points per series").contains("widen the step");
    HttpResponse<String> asDuration =
        Http.get(base + "&start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z&step=1s");
    assertThat(asDuration.statusCode()).isEqualTo(400);
    HttpResponse<String> repeated = Http.get(base + "&start=0&end=100000&step=1&step=60");
    assertThat(repeated.statusCode()).as("a second step to slip past").isEqualTo(400);
    HttpResponse<String> unreadable = Http.get(base + "&start=0&end=100000&step=1fortnight");
    assertThat(unreadable.statusCode()).isEqualTo(400);
    assertThat(unreadable.body()).contains("\"errorType\":\"bad_data\"");
    HttpResponse<String> longQuery =
        Http.get("http://127.0.0.1:" + port + query("up" + " or up".repeat(4_000)));
    assertThat(longQuery.statusCode()).isEqualTo(400);
  }

  /** An answer larger than the preview passes back, from a stand-in Prometheus. */
  @Test
  void anAnswerTooLargeIsRefused() throws Exception {
    HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] huge = new byte[17 << 20];
    upstream.createContext(
        "/api/v1/query",
        ex -> {
          ex.sendResponseHeaders(200, huge.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(huge);
          }
        });
    upstream.start();
    try (DashboardPreview preview =
        DashboardPreview.start(
            "127.0.0.1",
            0,
            URI.create("http://127.0.0.1:" + upstream.getAddress().getPort() + "/"))) {
      HttpResponse<String> r = Http.get("http://127.0.0.1:" + preview.port() + query("up"));
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(r.body()).contains("larger than 16 MiB");
    } finally {
      upstream.stop(0);
    }
  }
}
