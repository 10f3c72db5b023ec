package io.peaktrade.watch.exporter.tail;

import static io.peaktrade.watch.exporter.emit.EventWriterTest.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.peaktrade.watch.exporter.emit.EventWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emitter's bounded file and the exporter's tailer together. */
class EmitterRotationTest {

  @TempDir Path dir;

  /** The exporter's tailer follows the emitter's rotation and counts each line exactly once. */
  @Test
  void theTailerCountsEveryLineOnceAcrossTheEmittersRotations() throws IOException {
    Path f = dir.resolve("ai_events.jsonl");
    AtomicLong lines = new AtomicLong();
    TailSink sink =
        new TailSink() {
          @Override
          public void line(byte[] buf, int off, int len) {
            lines.incrementAndGet();
          }

          @Override
          public void dropped(DroppedLine kind, Path file, long bytes) {
            throw new AssertionError("dropped " + kind);
          }
        };
    AtomicLong clock = new AtomicLong();
    JsonlTailer tailer =
        new JsonlTailer(JsonlTailer.Options.defaults(f).withCatchUpThreads(1), sink, clock::get);
    int written = 0;
    try (EventWriter w = new EventWriter(f, 2048)) {
      for (int i = 0; i < 60; i++) {
        w.append(events(2));
        written += 2;
        tailer.poll();
        tailer.poll();
      }
    }
    for (int i = 0; i < 5; i++) {
      clock.addAndGet(60_000_000_000L);
      tailer.poll();
    }
    tailer.close();
    assertThat(lines.get()).isEqualTo(written);
  }
}
