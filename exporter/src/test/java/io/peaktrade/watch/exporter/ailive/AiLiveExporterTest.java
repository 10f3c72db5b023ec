package io.peaktrade.watch.exporter.ailive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ai_live exporter end to end: a file in, the contract metrics out over HTTP. */
class AiLiveExporterTest {

  @TempDir Path dir;
  private AiLiveExporter exporter;

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.close();
    }
  }

  private Path events() {
    return dir.resolve("ai_events.jsonl");
  }

  private void start(int maxReasons) throws IOException {
    exporter =
        AiLiveExporter.start(
            "127.0.0.1",
            0,
            JsonlTailer.Options.defaults(events()),
            new DecisionMetrics.Defaults("fallback_run", "fallback_component", maxReasons));
  }

  private MetricsText scrape() {
    HttpResponse<String> r = Http.get("http://127.0.0.1:" + exporter.port() + "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    return new MetricsText(r.body());
  }

  private MetricsText awaitEvents(int n) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(this::scrape, m -> m.sum("peaktrade_ai_events_read_total") == n);
  }

  private void append(String text) throws IOException {
    Files.writeString(events(), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * An event dated ahead of the reader's clock is counted as a decision and as a read error of kind
   * future_timestamp, and the last-decision time stays at the time it was read: it cannot silence
   * the stall alert or keep "AI Active" green for years. Within the tolerance it is no error.
   */
  @Test
  void aTimestampAheadOfTheClockIsCountedButNotTrusted() throws IOException {
    String line =
        "{\"schema\":\"peaktrade.ai_event.v1\",\"ts\":\"%s\",\"run_id\":\"r\",\"component\":\"c\",\"event\":\"decision\",\"decision\":\"accept\",\"reason\":\"none\"}\n";
    append(line.formatted("2099-01-01T00:00:00.000Z"));
    append(line.formatted("2099-01-01T00:00:00+14:00"));
    append(line.formatted(Instant.now().plusSeconds(2).toString()));
    start(20);
    MetricsText m = awaitEvents(3);
    double readAt = Instant.now().getEpochSecond() + 1;
    assertThat(m.sum("peaktrade_ai_decisions_total")).isEqualTo(3);
    assertThat(m.sum("peaktrade_ai_jsonl_read_errors_total", Map.of("kind", "future_timestamp")))
        .isEqualTo(2);
    assertThat(m.sum("peaktrade_ai_last_decision_timestamp_seconds")).isLessThanOrEqualTo(readAt);
  }

  @Test
  void theRunbookSampleGivesExactlyThreeDecisionSeries() throws IOException {
    try (EventWriter w = new EventWriter(events())) {
      w.append(
          SampleEvents.runbookSample(
              "demo", "execution_watch", Instant.parse("2026-11-27T17:45:00.123Z")));
    }
    start(20);
    MetricsText m = awaitEvents(3);
    List<MetricsText.Sample> series =
        m.series("peaktrade_ai_decisions_total", Map.of("run_id", "demo"));
    assertThat(series)
        .extracting(s -> s.labels().get("decision") + "/" + s.labels().get("reason"))
        .containsExactlyInAnyOrder("accept/none", "reject/risk_limit", "noop/none");
    assertThat(series)
        .allMatch(s -> s.value() == 1 && s.labels().get("component").equals("execution_watch"));
    assertThat(m.sum("peaktrade_ai_last_decision_timestamp_seconds", Map.of("run_id", "demo")))
        .isEqualTo(Instant.parse("2026-11-27T17:45:00.123Z").toEpochMilli() / 1000.0);
    assertThat(m.series("peaktrade_ai_jsonl_file_info").get(0).labels())
        .containsEntry("path", events().toAbsolutePath().toString());
    assertThat(m.sum("peaktrade_ai_jsonl_file_present")).isEqualTo(1);
  }

  @Test
  void eventsWithoutIdsAreLabelledWithTheConfiguredDefaults() throws IOException {
    append("{\"decision\":\"accept\"}\n{\"decision\":\"noop\",\"run_id\":\"r2\"}\n");
    start(20);
    MetricsText m = awaitEvents(2);
    assertThat(
            m.sum(
                "peaktrade_ai_decisions_total",
                Map.of(
                    "run_id",
                    "fallback_run",
                    "component",
                    "fallback_component",
                    "decision",
                    "accept")))
        .isEqualTo(1);
    assertThat(m.sum("peaktrade_ai_decisions_total", Map.of("run_id", "r2", "decision", "noop")))
        .isEqualTo(1);
  }

  @Test
  void malformedLinesAreCountedByKindAndNeverStopTheExporter() throws IOException {
    append(
        """
        {"decision":"accept"}
        not json
        {"decision":"acc
        {"decision":1}

        {"decision":"sell"}
        {"reason":"none"}
        {"event":"heartbeat"}
        {"decision":"reject","reason":"cooldown"}
        """);
    start(20);
    MetricsText m = awaitEvents(2);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> scrape().sum("peaktrade_ai_jsonl_read_errors_total") == 5);
    m = scrape();
    for (String kind :
        List.of("not_json", "truncated", "wrong_type", "unknown_decision", "missing_decision")) {
      assertThat(m.sum("peaktrade_ai_jsonl_read_errors_total", Map.of("kind", kind)))
          .as(kind)
          .isEqualTo(1);
    }
    assertThat(m.sum("peaktrade_ai_jsonl_lines_total", Map.of("result", "parsed"))).isEqualTo(2);
    assertThat(m.sum("peaktrade_ai_jsonl_lines_total", Map.of("result", "malformed"))).isEqualTo(5);
    assertThat(m.sum("peaktrade_ai_jsonl_lines_total", Map.of("result", "ignored"))).isEqualTo(2);
    append("{\"decision\":\"noop\"}\n");
    awaitEvents(3);
  }

  /**
   * A file above the parallel threshold is read by three threads at once (forked metrics, joined in
   * file order): every decision counted exactly, the last timestamp the file's last.
   */
  @Test
  void aLargeFileIsCaughtUpInParallelAndCountedExactly() throws IOException {
    SampleEvents.Sequence seq = new SampleEvents.Sequence(3, "demo", "execution_watch");
    Map<String, Long> expected = new TreeMap<>();
    long n = 0;
    Instant t = Instant.parse("2026-12-01T00:00:00Z");
    try (EventWriter w = new EventWriter(events())) {
      while (Files.size(events()) < JsonlTailer.PARALLEL_MIN_BYTES + (4 << 20)) {
        List<AiEvent> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
          var e = seq.next(t.plusMillis(n));
          batch.add(e);
          expected.merge(e.decision().label(), 1L, Long::sum);
          n++;
        }
        w.append(batch);
      }
    }
    exporter =
        AiLiveExporter.start(
            "127.0.0.1",
            0,
            JsonlTailer.Options.defaults(events()).withCatchUpThreads(3),
            new DecisionMetrics.Defaults("fallback_run", "fallback_component", 20));
    MetricsText m =
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(this::scrape, x -> x.sum("peaktrade_ai_events_read_total") > 0);
    m = awaitEvents((int) n);
    for (var e : expected.entrySet()) {
      assertThat(m.sum("peaktrade_ai_decisions_total", Map.of("decision", e.getKey())))
          .as(e.getKey())
          .isEqualTo(e.getValue().doubleValue());
    }
    assertThat(m.sum("peaktrade_ai_last_decision_timestamp_seconds", Map.of("run_id", "demo")))
        .isEqualTo(t.plusMillis(n - 1).toEpochMilli() / 1000.0);
  }

  @Test
  void reasonsBeyondTheCapAreCountedAsOther() throws IOException {
    StringBuilder b = new StringBuilder();
    for (String reason : List.of("a", "b", "c", "d", "a", "other")) {
      b.append("{\"decision\":\"reject\",\"reason\":\"").append(reason).append("\"}\n");
    }
    append(b.toString());
    start(2);
    MetricsText m = awaitEvents(6);
    assertThat(m.sum("peaktrade_ai_decisions_total", Map.of("reason", "a"))).isEqualTo(2);
    assertThat(m.sum("peaktrade_ai_decisions_total", Map.of("reason", "b"))).isEqualTo(1);
    assertThat(m.sum("peaktrade_ai_decisions_total", Map.of("reason", "other"))).isEqualTo(3);
    assertThat(m.sum("peaktrade_ai_label_overflow_total", Map.of("label", "reason"))).isEqualTo(2);
    assertThat(m.sum("peaktrade_ai_decisions_total")).isEqualTo(6);
  }

  @Test
  void aMissingFileIsVisibleOnMetricsAndPickedUpLater() throws IOException {
    start(20);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> scrape().series("peaktrade_ai_jsonl_file_present").size() == 1);
    assertThat(scrape().sum("peaktrade_ai_jsonl_file_present")).isZero();
    append("{\"decision\":\"accept\"}\n");
    awaitEvents(1);
    assertThat(scrape().sum("peaktrade_ai_jsonl_file_present")).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
  void mutatingMethodsAreRefused(String method) throws IOException {
    start(20);
    HttpResponse<String> r = Http.send(method, "http://127.0.0.1:" + exporter.port() + "/metrics");
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).contains("GET, HEAD");
  }

  @Test
  void hundredConcurrentScrapesAllSucceed() throws Exception {
    append("{\"decision\":\"accept\"}\n".repeat(1_000));
    start(20);
    awaitEvents(1_000);
    ExecutorService pool = Executors.newFixedThreadPool(100);
    try {
      List<Future<MetricsText>> scrapes = pool.invokeAll(Collections.nCopies(100, this::scrape));
      for (Future<MetricsText> f : scrapes) {
        assertThat(f.get().sum("peaktrade_ai_events_read_total")).isEqualTo(1_000);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
