package io.peaktrade.watch.exporter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peaktrade.watch.exporter.emit.EventWriter;
import io.peaktrade.watch.exporter.emit.SampleEvents;
import io.peaktrade.watch.exporter.events.AiEvent;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.peaktrade.watch.exporter.testing.Http;
import io.peaktrade.watch.exporter.testing.MetricsText;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WatchApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private WatchApiServer server;

  @BeforeEach
  void start() throws IOException {
    Path events = dir.resolve("ai_events.jsonl");
    SampleEvents.Sequence seq = new SampleEvents.Sequence(1, "demo", "execution_watch");
    List<AiEvent> batch = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      batch.add(seq.next(Instant.parse("2026-11-27T17:45:00Z").plusSeconds(i)));
    }
    try (EventWriter w = new EventWriter(events)) {
      w.append(batch);
    }
    Files.writeString(events, "garbage\n", StandardOpenOption.APPEND);
    server = WatchApiServer.start("127.0.0.1", 0, JsonlTailer.Options.defaults(events));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> json("/api/v1/summary").path("events_total").asLong() == 1_200);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  private JsonNode json(String path) throws IOException {
    return JSON.readTree(Http.get(url(path)).body());
  }

  @Test
  void recentEventsNewestFirstBoundedAndFiltered() throws IOException {
    JsonNode r = json("/api/v1/events?limit=2");
    assertThat(r.path("events")).hasSize(2);
    assertThat(r.path("events").get(0).path("ts").asText()).isEqualTo("2026-11-27T18:04:59Z");
    assertThat(r.path("events").get(0).has("run_id")).isTrue();
    JsonNode rejects = json("/api/v1/events?decision=reject&limit=500");
    assertThat(rejects.path("events").size()).isBetween(100, 500);
    rejects
        .path("events")
        .forEach(e -> assertThat(e.path("decision").asText()).isEqualTo("reject"));
    assertThat(json("/api/v1/events").path("events")).hasSize(WatchApi.DEFAULT_LIMIT);
  }

  @Test
  void summaryCountsDecisionsReasonsAndBadLines() throws IOException {
    JsonNode s = json("/api/v1/summary");
    long sum =
        s.path("by_decision").path("accept").asLong()
            + s.path("by_decision").path("reject").asLong()
            + s.path("by_decision").path("noop").asLong();
    assertThat(sum).isEqualTo(1_200);
    assertThat(s.path("by_reason").has("risk_limit")).isTrue();
    assertThat(s.path("malformed_lines_total").asLong()).isEqualTo(1);
    JsonNode h = json("/healthz");
    assertThat(h.path("events_file_present").asBoolean()).isTrue();
    assertThat(h.path("no_live").asBoolean()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=0", "limit=501", "limit=ten", "decision=buy", "order=desc"})
  void badParametersGet400WithAMessage(String query) throws IOException {
    HttpResponse<String> r = Http.get(url("/api/v1/events?" + query));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).path("error").asText()).isNotBlank();
  }

  @Test
  void ownMetricsCountRequestsByEndpointAndCode() throws IOException {
    Http.get(url("/api/v1/events?limit=1"));
    Http.get(url("/api/v1/events?limit=0"));
    Http.send("DELETE", url("/api/v1/events"));
    MetricsText m = new MetricsText(Http.get(url("/metrics")).body());
    assertThat(
            m.sum(
                "execution_watch_api_requests_total",
                Map.of("endpoint", "/api/v1/events", "code", "200")))
        .isEqualTo(1);
    assertThat(
            m.sum(
                "execution_watch_api_requests_total",
                Map.of("endpoint", "/api/v1/events", "code", "400")))
        .isEqualTo(1);
    assertThat(
            m.sum(
                "execution_watch_api_requests_total",
                Map.of("endpoint", "/api/v1/events", "code", "405")))
        .isEqualTo(1);
    assertThat(
            m.series(
                "execution_watch_api_request_duration_seconds_bucket",
                Map.of("endpoint", "/api/v1/events")))
        .isNotEmpty();
    assertThat(m.sum("execution_watch_api_jsonl_read_errors_total")).isEqualTo(1);
  }
}
