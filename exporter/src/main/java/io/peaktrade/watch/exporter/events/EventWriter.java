package io.peaktrade.watch.exporter.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends events to the JSONL file. Each call writes complete lines only, in one buffer, so a
 * reader never sees a line from us that is later continued.
 */
public final class EventWriter implements AutoCloseable {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final FileChannel channel;

  public EventWriter(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  public void append(List<AiEvent> events) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 256);
    for (AiEvent e : events) {
      out.write(toJson(e));
      out.write('\n');
    }
    ByteBuffer buf = ByteBuffer.wrap(out.toByteArray());
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
  }

  /** One event as a JSON object in the schema's field order, without newline. */
  public static byte[] toJson(AiEvent e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("schema", AiEvent.SCHEMA);
      writeIfPresent(g, "ts", e.ts());
      writeIfPresent(g, "run_id", e.runId());
      writeIfPresent(g, "component", e.component());
      g.writeStringField("event", "decision");
      g.writeStringField("decision", e.decision().label());
      writeIfPresent(g, "reason", e.reason());
      writeIfPresent(g, "symbol", e.symbol());
      writeIfPresent(g, "strategy", e.strategy());
      if (e.confidence() != null) {
        g.writeNumberField("confidence", e.confidence());
      }
      if (e.latencyMs() != null) {
        g.writeNumberField("latency_ms", e.latencyMs());
      }
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toByteArray();
  }

  private static void writeIfPresent(JsonGenerator g, String name, String value)
      throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
