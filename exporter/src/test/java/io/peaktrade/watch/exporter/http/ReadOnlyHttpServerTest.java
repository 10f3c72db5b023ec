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
}
