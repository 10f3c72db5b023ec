package io.peaktrade.watch.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peaktrade.watch.exporter.testing.Http;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadOnlyHttpServerTest {

  @Test
  void aTakenPortIsNamedInTheError() throws Exception {
    try (ReadOnlyHttpServer first =
        ReadOnlyHttpServer.start("first", "127.0.0.1", 0, new PrometheusRegistry())) {
      assertThatThrownBy(
              () ->
                  ReadOnlyHttpServer.start(
                      "ai_live exporter", "127.0.0.1", first.port(), new PrometheusRegistry()))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("Port " + first.port() + " for ai_live exporter is already in use")
          .hasMessageContaining("--port");
    }
  }

  /** A route that throws answers 500 saying so; the JDK server closed the connection silently. */
  @Test
  void aRouteThatFailsAnswers500() throws Exception {
    try (ReadOnlyHttpServer s =
        ReadOnlyHttpServer.start(
            "x",
            "127.0.0.1",
            0,
            new PrometheusRegistry(),
            Map.of(
                "/broken",
                ex -> {
                  throw new IllegalStateException("bug");
                }),
            null)) {
      var r = Http.get("http://127.0.0.1:" + s.port() + "/broken");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).contains("x failed to answer this request").contains("bug");
    }
  }

  @Test
  void unknownPathsAre404AndNameWhatIsServed() throws Exception {
    try (ReadOnlyHttpServer s =
        ReadOnlyHttpServer.start("x", "127.0.0.1", 0, new PrometheusRegistry())) {
      var r = Http.get("http://127.0.0.1:" + s.port() + "/orders");
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.body()).contains("/metrics").contains("/healthz");
      assertThat(Http.get("http://127.0.0.1:" + s.port() + "/healthz").statusCode()).isEqualTo(200);
    }
  }

  /** RFC 9110: HEAD wherever GET, with GET's headers and no body; all else 405. */
  @Test
  void headIsAnsweredLikeGetWithoutABodyAndEverythingElseIs405() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter.builder().name("x_total").help("x").register(registry).inc();
    try (ReadOnlyHttpServer s = ReadOnlyHttpServer.start("x", "127.0.0.1", 0, registry)) {
      String base = "http://127.0.0.1:" + s.port();
      for (String path : List.of("/metrics", "/healthz", "/")) {
        var get = Http.get(base + path);
        var head =
            Http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build());
        assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(get.statusCode());
        assertThat(head.body()).as("HEAD " + path).isEmpty();
        assertThat(head.headers().firstValue("Content-Type"))
            .isEqualTo(get.headers().firstValue("Content-Type"));
      }
      for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
        var r = Http.send(method, base + "/metrics");
        assertThat(r.statusCode()).as(method).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).contains("GET, HEAD");
      }
    }
  }

  /**
   * 200 clients that send one byte and hang do not starve the probe or the scrape: each connection
   * has its own thread, and both answer while all 200 are open.
   */
  @Test
  void twoHundredSlowClientsDoNotStarveMetricsOrHealthz() throws Exception {
    try (ReadOnlyHttpServer s =
        ReadOnlyHttpServer.start("x", "127.0.0.1", 0, new PrometheusRegistry())) {
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < 200; i++) {
          Socket c = new Socket("127.0.0.1", s.port());
          c.getOutputStream().write('G');
          c.getOutputStream().flush();
          slow.add(c);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long slowest = 0;
        for (String path : List.of("/healthz", "/metrics", "/healthz", "/metrics")) {
          long t0 = System.nanoTime();
          var r =
              client.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).as(path).isEqualTo(200);
          slowest = Math.max(slowest, System.nanoTime() - t0);
        }
        // a figure for the reader, not a timed assertion: answered at all, within the timeout
        System.out.printf("slowest answer with 200 slow clients open: %.1f ms%n", slowest / 1e6);
      } finally {
        for (Socket c : slow) {
          c.close();
        }
      }
    }
  }

  @Test
  void theJdkServerGetsRequestAndIdleTimeoutsAndAConnectionCap() {
    assertThat(System.getProperty("sun.net.httpserver.maxReqTime")).isEqualTo("10");
    assertThat(System.getProperty("sun.net.httpserver.maxRspTime")).isEqualTo("30");
    assertThat(System.getProperty("sun.net.httpserver.idleInterval")).isEqualTo("30");
    assertThat(System.getProperty("jdk.httpserver.maxConnections")).isEqualTo("512");
  }
}
