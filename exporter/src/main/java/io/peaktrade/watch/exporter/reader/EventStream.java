package io.peaktrade.watch.exporter.reader;

import io.peaktrade.watch.exporter.events.EventParser;
import io.peaktrade.watch.exporter.events.LineKind;
import io.peaktrade.watch.exporter.events.ParsedLine;
import io.peaktrade.watch.exporter.tail.DroppedLine;
import io.peaktrade.watch.exporter.tail.FileError;
import io.peaktrade.watch.exporter.tail.TailSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the lines a tailer reads into events: parses each line, accounts for every line and byte in
 * {@link JsonlMetrics}, logs malformed lines (rate-limited) and hands valid events on.
 */
public final class EventStream implements TailSink {

  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final long LOG_EVERY_NANOS = 10_000_000_000L;

  private final EventParser parser = new EventParser();
  private final JsonlMetrics metrics;
  private final EventSink sink;
  private final FutureTimestamps future;

  private long parsedSinceFlush;
  private long ignoredSinceFlush;
  private long lastWarn = System.nanoTime() - LOG_EVERY_NANOS;
  private long suppressed;

  public EventStream(JsonlMetrics metrics, EventSink sink) {
    this.metrics = metrics;
    this.sink = sink;
    this.future = new FutureTimestamps(metrics.futureTimestamps());
  }

  @Override
  public void line(byte[] buf, int off, int len) {
    ParsedLine p = parser.parse(buf, off, len);
    switch (p.kind().result()) {
      case PARSED -> {
        parsedSinceFlush++;
        future.check(parser.line());
        sink.decision(parser.line());
      }
      case IGNORED -> ignoredSinceFlush++;
      case MALFORMED -> malformed(p.kind(), p.problem(), buf, off, len);
    }
  }

  private void malformed(LineKind kind, @Nullable String problem, byte[] buf, int off, int len) {
    metrics.line(kind);
    warn(
        kind,
        problem,
        () -> ": " + new String(buf, off, Math.min(len, 120), StandardCharsets.UTF_8));
  }

  /** At most one warning per 10 s; the count of those left out goes into the next one. */
  private void warn(LineKind kind, @Nullable String problem, Supplier<String> sample) {
    long now = System.nanoTime();
    if (now - lastWarn < LOG_EVERY_NANOS) {
      suppressed++;
      return;
    }
    LOG.warn(
        "Skipped a malformed line ({}: {}){}{}. Counted in the read-errors metric; nothing else is"
            + " lost.",
        kind.label(),
        problem,
        suppressed > 0 ? " and " + suppressed + " more since the last warning" : "",
        sample.get());
    lastWarn = now;
    suppressed = 0;
  }

  @Override
  public void dropped(DroppedLine dropped, Path file, long bytes) {
    LineKind kind = dropped == DroppedLine.TOO_LONG ? LineKind.TOO_LONG : LineKind.PARTIAL;
    metrics.line(kind);
    warn(kind, bytes + " bytes in " + file, () -> "");
  }

  @Override
  public void fileError(FileError kind, Path file) {
    metrics.fileError(kind);
  }

  @Override
  public void bytesRead(long n) {
    metrics.bytes(n);
  }

  @Override
  public void truncated(Path file) {
    metrics.truncated();
  }

  @Override
  public void rotated(Path file) {
    metrics.rotated();
  }

  @Override
  public void filePresent(Path file, boolean present) {
    metrics.present(present);
  }

  @Override
  public @Nullable TailSink fork() {
    EventSink part = sink.fork();
    return part == null ? null : new EventStream(metrics, part);
  }

  @Override
  public void join(TailSink part) {
    EventStream stream = (EventStream) part;
    stream.flush();
    sink.join(stream.sink);
    flush();
  }

  @Override
  public void chunkDone() {
    flush();
  }

  /** Publishes the batched line counts and lets the sink publish its own batch. */
  public void flush() {
    metrics.lines(LineKind.Result.PARSED, parsedSinceFlush);
    metrics.lines(LineKind.Result.IGNORED, ignoredSinceFlush);
    parsedSinceFlush = 0;
    ignoredSinceFlush = 0;
    sink.flush();
    future.refresh();
  }
}
