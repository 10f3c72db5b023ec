package io.peaktrade.watch.exporter.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.peaktrade.watch.exporter.ailive.DecisionMetrics;
import io.peaktrade.watch.exporter.tail.Checkpoint;
import io.peaktrade.watch.exporter.tail.FilePosition;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.peaktrade.watch.exporter.tail.TailSink;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state file is input: whoever can write events can write it. Each hostile or broken shape is
 * refused whole (counting starts from the file's start, the exporter never exits), a FIFO or a link
 * is never opened, and writing never goes through a link.
 */
class StateFileTest {

  @TempDir Path dir;
  private Path events;
  private StateFile state;
  private DecisionMetrics decisions;
  private JsonlTailer tailer;

  @BeforeEach
  void setUp() throws Exception {
    events = dir.resolve("ai_events.jsonl");
    Files.writeString(events, "");
    state = new StateFile(events);
    decisions =
        new DecisionMetrics(
            new DecisionMetrics.Defaults("demo", "execution_watch", 3, 3, 3, 64),
            new PrometheusRegistry());
    tailer =
        new JsonlTailer(
            JsonlTailer.Options.defaults(events),
            new TailSink() {
              @Override
              public void line(byte[] buf, int off, int len) {}

              @Override
              public void dropped(
                  io.peaktrade.watch.exporter.tail.DroppedLine kind, Path file, long bytes) {}
            });
  }

  private Map<List<String>, Double> decisionValues() {
    return decisions.restorables().get(0).values();
  }

  private String valid(String labels, String value) {
    return """
    {"version": 1, "events": "%s",
     "positions": [{"fileKey": "(dev=1,ino=2)", "offset": 10, "headSha256": "%s", "current": true}],
     "metrics": {"peaktrade_ai_decisions": [{"labels": %s, "value": %s}]}}
    """
        .formatted(events.toAbsolutePath(), "a".repeat(64), labels, value);
  }

  private void restoreFrom(String json) throws Exception {
    Files.writeString(state.path(), json);
    state.restore(tailer, decisions.restorables());
  }

  @Test
  void aValidFileIsRestored() throws Exception {
    restoreFrom(valid("[\"demo\", \"execution_watch\", \"accept\", \"none\"]", "5"));
    assertThat(decisionValues())
        .containsEntry(List.of("demo", "execution_watch", "accept", "none"), 5.0);
  }

  @Test
  void everyBrokenOrHostileShapeIsRefusedWholeAndCountingStartsFromZero() throws Exception {
    String ok = "[\"demo\", \"execution_watch\", \"accept\", \"none\"]";
    List<String> hostile =
        List.of(
            "null",
            "[]",
            "{}",
            valid(ok, "5").replace("\"version\": 1", "\"version\": null"),
            valid(ok, "5").replace("\"events\": ", "\"events_\": "),
            valid(ok, "5").replace("\"offset\": 10", "\"offset\": -1"),
            valid(ok, "5").replace("\"offset\": 10", "\"offset\": \"10\""),
            valid(ok, "5").replace("\"current\": true", "\"current\": null"),
            valid(ok, "5").replace("a".repeat(64), "not-a-hash"),
            valid(ok, "-3"),
            valid(ok, "1e999"),
            valid(ok, "\"5\""),
            valid(ok, "null"),
            valid("[\"demo\", \"execution_watch\", \"buy\", \"none\"]", "5"),
            valid("[\"demo\", \"execution_watch\", \"accept\"]", "5"),
            valid("[\"demo\", null, \"accept\", \"none\"]", "5"),
            valid("[\"demo\", \"execution_watch\", \"accept\", \"" + "x".repeat(5000) + "\"]", "5"),
            valid(ok, "5").replace(events.toAbsolutePath().toString(), "/elsewhere/events.jsonl"),
            "{ not json");
    for (String json : hostile) {
      setUp();
      restoreFrom(json);
      assertThat(decisionValues()).as(json).isEmpty();
    }
  }

  /** Label values go through the same bounds as live ones: past the cap they become "other". */
  @Test
  void restoredLabelsAreBoundedAsLiveOnes() throws Exception {
    StringBuilder series = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      series
          .append(i == 0 ? "" : ",")
          .append(
              "{\"labels\": [\"run-"
                  + i
                  + "\", \"execution_watch\", \"accept\", \"none\"], \"value\": 1}");
    }
    restoreFrom(
        valid("[\"demo\", \"execution_watch\", \"accept\", \"none\"]", "1")
            .replace(
                "[{\"labels\": [\"demo\", \"execution_watch\", \"accept\", \"none\"], \"value\":"
                    + " 1}]",
                "[" + series + "]"));
    assertThat(decisionValues().keySet().stream().map(k -> k.get(0)).distinct())
        .as("3 run ids admitted, the rest counted as other")
        .hasSize(4)
        .contains("other");
  }

  @Test
  void aFifoAtTheStatePathIsRefusedWithoutBlocking() throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", state.path().toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    CompletableFuture<Void> restore =
        CompletableFuture.runAsync(() -> state.restore(tailer, decisions.restorables()));
    restore.get(5, TimeUnit.SECONDS);
    assertThat(decisionValues()).isEmpty();
  }

  @Test
  void aLinkAtTheStatePathIsNeitherReadNorWrittenThrough() throws Exception {
    Path victim = dir.resolve("victim.txt");
    Files.writeString(victim, valid("[\"demo\", \"execution_watch\", \"accept\", \"none\"]", "5"));
    Files.createSymbolicLink(state.path(), victim);
    Files.createSymbolicLink(
        state.path().resolveSibling(state.path().getFileName() + ".tmp"), victim);
    String before = Files.readString(victim);
    state.restore(tailer, decisions.restorables());
    assertThat(decisionValues()).as("not read through the link").isEmpty();
    state.checkpoint(List.of(new FilePosition("k", 0, "e".repeat(64), true)), Checkpoint.OPENED);
    assertThat(Files.readString(victim)).as("not written through a link").isEqualTo(before);
    assertThat(Files.isSymbolicLink(state.path())).as("the link was replaced").isFalse();
    assertThat(Files.readString(state.path())).contains("\"version\":1");
  }

  /** A scrape's answer waits for the reader to keep the counts, which wait for the answer. */
  @Test
  void aScrapeIsServedAfterTheStateIsWrittenAndBeforeReadingGoesOn() throws Exception {
    state.restore(tailer, decisions.restorables());
    List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted() && order.size() < 2) {
                state.checkpoint(List.of(), Checkpoint.PASS);
              }
              order.add("reading goes on");
            });
    reader.start();
    state.serveDurably(
        Duration.ofSeconds(5),
        () -> {
          order.add(Files.exists(state.path()) ? "served after the write" : "served before");
          order.add("served");
        });
    reader.join(5_000);
    assertThat(order).containsExactly("served after the write", "served", "reading goes on");
  }
}
