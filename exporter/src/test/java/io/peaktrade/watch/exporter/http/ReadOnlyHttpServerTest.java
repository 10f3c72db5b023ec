package io.peaktrade.watch.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peaktrade.watch.exporter.testing.Http;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
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
    io.prometheus.metrics.core.metrics.Counter.builder()
        .name("x_total")
        .help("x")
        .register(registry)
        .inc();
    try (ReadOnlyHttpServer s = ReadOnlyHttpServer.start("x", "127.0.0.1", 0, registry)) {
      String base = "http://127.0.0.1:" + s.port();
      for (String path : java.util.List.of("/metrics", "/healthz", "/")) {
        var get = Http.get(base + path);
        var head =
            Http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                    .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build());
        assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(get.statusCode());
        assertThat(head.body()).as("HEAD " + path).isEmpty();
        assertThat(head.headers().firstValue("Content-Type"))
            .isEqualTo(get.headers().firstValue("Content-Type"));
      }
      for (String method : java.util.List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
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
      java.util.List<java.net.Socket> slow = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 200; i++) {
          java.net.Socket c = new java.net.Socket("127.0.0.1", s.port());
          c.getOutputStream().write('G');
          c.getOutputStream().flush();
          slow.add(c);
        }
        java.net.http.HttpClient client =
            java.net.http.HttpClient.newBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(2))
                .build();
        long slowest = 0;
        for (String path : java.util.List.of("/healthz", "/metrics", "/healthz", "/metrics")) {
          long t0 = System.nanoTime();
          var r =
              client.send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://127.0.0.1:" + s.port() + path))
                      .timeout(java.time.Duration.ofSeconds(2))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).as(path).isEqualTo(200);
          slowest = Math.max(slowest, System.nanoTime() - t0);
        }
        // a figure for the reader, not a timed assertion: answered at all, within the timeout
        System.out.printf("slowest answer with 200 slow clients open: %.1f ms%n", slowest / 1e6);
      } finally {
        for (java.net.Socket c : slow) {
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
