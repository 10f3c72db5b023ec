package io.peaktrade.watch.exporter.ailive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peaktrade.watch.exporter.cli.ExecutionWatchCli;
import io.peaktrade.watch.exporter.emit.EventWriter;
import io.peaktrade.watch.exporter.emit.SampleEvents;
import io.peaktrade.watch.exporter.state.StateFile;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.peaktrade.watch.exporter.testing.Http;
import io.peaktrade.watch.exporter.testing.MetricsText;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counters survive a restart: every series goes on from where it was (no reset Prometheus would
 * see, no line counted twice), and what was appended while the exporter was down, to the file or to
 * one rotated away meanwhile, is counted.
 */
class RestartTest {

  @TempDir Path dir;
  private AiLiveExporter exporter;
  private final SampleEvents.Sequence sequence =
      new SampleEvents.Sequence(7, "demo", "execution_watch");

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.close();
    }
  }

  private Path events() {
    return dir.resolve("ai_events.jsonl");
  }

  private void write(Path file, int n) throws IOException {
    try (EventWriter w = new EventWriter(file)) {
      for (int i = 0; i < n; i++) {
        w.append(List.of(sequence.next(Instant.parse("2026-12-01T00:00:00Z"))));
      }
    }
  }

  private void start() throws IOException {
    exporter =
        AiLiveExporter.start(
            "127.0.0.1",
            0,
            JsonlTailer.Options.defaults(events()),
            new DecisionMetrics.Defaults("demo", "execution_watch", 20));
  }

  private static MetricsText scrape(int port) {
    HttpResponse<String> r = Http.get("http://127.0.0.1:" + port + "/metrics");
    return r.statusCode() == 200 ? new MetricsText(r.body()) : null;
  }

  private static MetricsText awaitDecisions(int port, long n) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> scrape(port), m -> m != null && m.sum("peaktrade_ai_decisions_total") == n);
  }

  @Test
  void aRestartGoesOnFromTheCountsAndTheOffsetItStoppedAt() throws IOException {
    write(events(), 1000);
    start();
    Map<String, Double> before = bySeries(awaitDecisions(exporter.port(), 1000));
    exporter.close();
    assertThat(new StateFile(events()).path()).exists();
    write(events(), 500);
    start();
    MetricsText after = awaitDecisions(exporter.port(), 1500);
    assertThat(after.sum("peaktrade_ai_events_read_total")).isEqualTo(1500);
    bySeries(after)
        .forEach(
            (series, v) ->
                assertThat(v).as(series).isGreaterThanOrEqualTo(before.getOrDefault(series, 0.0)));
  }

  @Test
  void linesWrittenToAFileRotatedAwayWhileDownAreCountedOnce() throws IOException {
    write(events(), 1000);
    start();
    awaitDecisions(exporter.port(), 1000);
    exporter.close();
    write(events(), 200);
    Files.move(events(), dir.resolve("ai_events.jsonl.1"), StandardCopyOption.ATOMIC_MOVE);
    write(events(), 300);
    start();
    awaitDecisions(exporter.port(), 1500);
  }

  @Test
  void aFileTruncatedWhileDownIsReadFromItsStartAndTheCountsStillOnlyGrow() throws IOException {
    write(events(), 1000);
    start();
    awaitDecisions(exporter.port(), 1000);
    exporter.close();
    Files.writeString(events(), "");
    write(events(), 40);
    start();
    awaitDecisions(exporter.port(), 1040);
  }

  /** kill -9: the lines after the last checkpoint are read again and counted then, once. */
  @Test
  void afterKill9EverySeriesGoesOnWithNothingLostOrCountedTwice() throws Exception {
    write(events(), 1000);
    int port = Http.freePort();
    Process first = aiLiveProcess(port);
    try {
      awaitDecisions(port, 1000);
      Path state = new StateFile(events()).path();
      await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(state));
      write(events(), 100);
      awaitDecisions(port, 1100);
    } finally {
      first.destroyForcibly().waitFor();
    }
    write(events(), 50);
    Process second = aiLiveProcess(port);
    try {
      MetricsText m = awaitDecisions(port, 1150);
      assertThat(m.sum("peaktrade_ai_events_read_total")).isEqualTo(1150);
    } finally {
      second.destroyForcibly().waitFor();
    }
  }

  private Process aiLiveProcess(int port) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            ExecutionWatchCli.class.getName(),
            "ai-live",
            "--port",
            Integer.toString(port),
            "--events-file",
            events().toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("ai-live-" + System.nanoTime() + ".log").toFile())
        .start();
  }

  private static Map<String, Double> bySeries(MetricsText m) {
    Map<String, Double> out = new TreeMap<>();
    m.series("peaktrade_ai_decisions_total")
        .forEach(s -> out.put(s.labels().toString(), s.value()));
    return out;
  }
}
