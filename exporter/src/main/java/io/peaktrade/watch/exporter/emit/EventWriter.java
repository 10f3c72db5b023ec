package io.peaktrade.watch.exporter.emit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.peaktrade.watch.contracts.EventField;
import io.peaktrade.watch.exporter.events.AiEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends events to the JSONL file. Each call writes complete lines only, in one buffer, so a
 * reader never sees a line from us that is later continued. A file that does not end in a newline
 * (a writer that died mid-line) gets one first, so that no event of ours is glued to it. With a
 * size bound the file is rotated by rename before it would pass it ({@code <file>.1}, one old file
 * kept), which the ai_live exporter follows without losing or double counting a line. A file
 * deleted or replaced under the writer (someone cleaning up, {@code rm} of the demo's file) is
 * noticed at the next append and created again, so that the events go where the exporter looks, not
 * into a file nobody can open.
 */
public final class EventWriter implements AutoCloseable {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);

  /** The default bound: current and rotated file together stay well under a 64 MiB emptyDir. */
  public static final long DEFAULT_MAX_FILE_BYTES = 16L << 20;

  private final Path file;
  private final long maxFileBytes;
  private FileChannel channel;
  private @Nullable Object fileKey;

  /** Appends without a size bound. */
  public EventWriter(Path file) throws IOException {
    this(file, 0);
  }

  /** {@code maxFileBytes} 0: no bound. */
  public EventWriter(Path file, long maxFileBytes) throws IOException {
    if (maxFileBytes < 0) {
      throw new IllegalArgumentException("--max-file-bytes must be 0 or more, got " + maxFileBytes);
    }
    this.file = file;
    this.maxFileBytes = maxFileBytes;
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.channel = open(file);
    this.fileKey = fileKey(file);
    repairLineBoundary();
  }

  /** The identity (device and inode) of what {@code file} names now, or null if nothing. */
  private static @Nullable Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /** Opens the path again when what it names is no longer the file we write. */
  private void followPath() throws IOException {
    Object now = fileKey(file);
    if (now != null && now.equals(fileKey)) {
      return;
    }
    LOG.warn(
        "The event file {} was {} while events were written to it; writing to a new {}.",
        file,
        now == null ? "deleted" : "replaced",
        file);
    channel.close();
    channel = open(file);
    fileKey = fileKey(file);
    repairLineBoundary();
  }

  private static FileChannel open(Path file) throws IOException {
    return FileChannel.open(
        file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  private void repairLineBoundary() throws IOException {
    long size = channel.size();
    if (size == 0 || !Files.isRegularFile(file)) {
      return;
    }
    ByteBuffer last = ByteBuffer.allocate(1);
    try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
      if (read.read(last, size - 1) == 1 && last.get(0) != '\n') {
        writeFully(ByteBuffer.wrap(new byte[] {'\n'}));
      }
    }
  }

  public void append(List<AiEvent> events) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 256);
    for (AiEvent e : events) {
      out.write(toJson(e));
      out.write('\n');
    }
    byte[] lines = out.toByteArray();
    followPath();
    if (maxFileBytes > 0 && channel.size() > 0 && channel.size() + lines.length > maxFileBytes) {
      rotate();
    }
    writeFully(ByteBuffer.wrap(lines));
  }

  /** Renames the file to {@code <file>.1} (replacing the older one) and starts a new one. */
  private void rotate() throws IOException {
    channel.close();
    Files.move(
        file,
        file.resolveSibling(file.getFileName() + ".1"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    channel = open(file);
    fileKey = fileKey(file);
  }

  private void writeFully(ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
  }

  /** One event as a JSON object in the schema's field order, without newline. */
  public static byte[] toJson(AiEvent e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField(EventField.SCHEMA_FIELD.key(), EventField.SCHEMA);
      writeIfPresent(g, EventField.TS, e.ts());
      writeIfPresent(g, EventField.RUN_ID, e.runId());
      writeIfPresent(g, EventField.COMPONENT, e.component());
      g.writeStringField(EventField.EVENT.key(), EventField.EVENT_DECISION);
      g.writeStringField(EventField.DECISION.key(), e.decision().label());
      writeIfPresent(g, EventField.REASON, e.reason());
      writeIfPresent(g, EventField.SYMBOL, e.symbol());
      writeIfPresent(g, EventField.STRATEGY, e.strategy());
      if (e.confidence() != null) {
        g.writeNumberField(EventField.CONFIDENCE.key(), e.confidence());
      }
      if (e.latencyMs() != null) {
        g.writeNumberField(EventField.LATENCY_MS.key(), e.latencyMs());
      }
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toByteArray();
  }

  private static void writeIfPresent(JsonGenerator g, EventField field, @Nullable String value)
      throws IOException {
    if (value != null) {
      g.writeStringField(field.key(), value);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
