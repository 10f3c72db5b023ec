package io.peaktrade.watch.exporter.emit;

import static org.assertj.core.api.Assertions.assertThat;

import io.peaktrade.watch.exporter.events.AiEvent;
import io.peaktrade.watch.exporter.events.EventParser;
import io.peaktrade.watch.exporter.events.LineKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emitter's file: bounded by rotation, and never gluing an event to a broken last line. */
public class EventWriterTest {

  @TempDir Path dir;

  static final SampleEvents.Sequence SEQUENCE =
      new SampleEvents.Sequence(42, "demo", "execution_watch");

  public static List<AiEvent> events(int n) {
    List<AiEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(SEQUENCE.next(Instant.parse("2026-12-01T00:00:00Z")));
    }
    return out;
  }

  @Test
  void aFileThatEndsMidLineGetsItsNewlineBeforeTheFirstEvent() throws IOException {
    Path f = Files.writeString(dir.resolve("ai_events.jsonl"), "{\"decision\":\"acc");
    try (EventWriter w = new EventWriter(f)) {
      w.append(events(1));
    }
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("{\"decision\":\"acc");
    assertThat(new EventParser().parse(lines.get(1)).kind()).isEqualTo(LineKind.PARSED);
  }

  @Test
  void aBoundedFileIsRotatedByRenameKeepingOneOldFile() throws IOException {
    Path f = dir.resolve("ai_events.jsonl");
    try (EventWriter w = new EventWriter(f, 4096)) {
      for (int i = 0; i < 200; i++) {
        w.append(events(1));
      }
    }
    assertThat(Files.size(f)).isLessThanOrEqualTo(4096);
    assertThat(Files.size(dir.resolve("ai_events.jsonl.1"))).isLessThanOrEqualTo(4096);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("ai_events.jsonl", "ai_events.jsonl.1");
    }
  }
}
