package io.peaktrade.watch.exporter.tail;

import io.peaktrade.watch.exporter.events.LineKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one JSONL file like {@code tail -F}, delivering every complete line exactly once.
 *
 * <ul>
 *   <li>Appends are read as they come; a last line without newline waits for it.
 *   <li>Truncation is noticed when the file is shorter than the read offset <em>or</em> when its
 *       first bytes changed: the second check catches a truncate immediately followed by a rewrite
 *       longer than the old offset, which a size comparison alone cannot see.
 *   <li>Rotation (rename, or delete and recreate) is noticed by a new file identity at the path, or
 *       by the path going missing and coming back. The old file stays open and is drained for a
 *       grace period (writers may still append to it); the new file is read from its start.
 *   <li>A missing file is waited for; the state is reported to the sink.
 * </ul>
 *
 * {@link #poll()} does one non-blocking pass, so tests drive the state machine step by step;
 * {@link #run()} loops it until {@link #close()}.
 */
public final class JsonlTailer implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JsonlTailer.class);
  /** How many leading bytes identify a file's content across polls. */
  static final int HEAD_BYTES = 256;

  /** Tailing options; {@code fromEnd} applies to the file present at start only. */
  public record Options(
      Path path, boolean fromEnd, int maxLineBytes, Duration pollInterval, Duration rotatedGrace) {
    public Options {
      Objects.requireNonNull(path, "path");
      if (maxLineBytes < 64) {
        throw new IllegalArgumentException("maxLineBytes must be at least 64, got " + maxLineBytes);
      }
    }

    public static Options defaults(Path path) {
      return new Options(path, false, 64 * 1024, Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    public Options withFromEnd(boolean value) {
      return new Options(path, value, maxLineBytes, pollInterval, rotatedGrace);
    }

    public Options withMaxLineBytes(int value) {
      return new Options(path, fromEnd, value, pollInterval, rotatedGrace);
    }
  }

  private final Options options;
  private final TailSink sink;
  private final LongSupplier nanoClock;
  private final int bufferBytes;

  private OpenFile current;
  private final List<OpenFile> rotated = new ArrayList<>();
  private boolean firstOpen = true;
  private Boolean present;
  private boolean sawMissingSinceOpen;
  private volatile boolean closed;

  public JsonlTailer(Options options, TailSink sink) {
    this(options, sink, System::nanoTime);
  }

  JsonlTailer(Options options, TailSink sink, LongSupplier nanoClock) {
    this.options = options;
    this.sink = sink;
    this.nanoClock = nanoClock;
    this.bufferBytes = Math.max(1 << 20, options.maxLineBytes() * 2);
  }

  public Path path() {
    return options.path();
  }

  @Override
  public void run() {
    long lastError = 0;
    while (!closed) {
      try {
        if (!poll()) {
          Thread.sleep(options.pollInterval().toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        long now = nanoClock.getAsLong();
        if (now - lastError > Duration.ofSeconds(10).toNanos()) {
          LOG.warn("Reading {} failed: {}. Reopening it; counts so far are kept.", path(), e.toString());
          lastError = now;
        }
        closeCurrent(false);
        sleepQuietly();
      }
    }
  }

  /**
   * One pass: drain rotated files, open the file if needed, check for truncation and rotation, and
   * read what is new. Returns whether any byte was read.
   */
  public boolean poll() throws IOException {
    boolean progress = drainRotated();
    BasicFileAttributes attrs = stat();
    updatePresence(attrs != null);
    if (current != null && attrs != null && isNewFile(attrs)) {
      LOG.info("{} was replaced by a new file; draining the old one for {} s, reading the new one from its start.",
          path(), options.rotatedGrace().toSeconds());
      current.drainUntil = nanoClock.getAsLong() + options.rotatedGrace().toNanos();
      rotated.add(current);
      progress |= read(current, false);
      current = null;
      sink.rotated(path());
    }
    if (current == null && attrs != null) {
      current = open(attrs);
    }
    if (current != null) {
      progress |= read(current, true);
    }
    return progress;
  }

  private boolean isNewFile(BasicFileAttributes attrs) {
    return sawMissingSinceOpen || !Objects.equals(attrs.fileKey(), current.key);
  }

  private BasicFileAttributes stat() throws IOException {
    try {
      return Files.readAttributes(path(), BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      if (current != null) {
        sawMissingSinceOpen = true;
      }
      return null;
    }
  }

  private void updatePresence(boolean now) {
    if (present == null || present != now) {
      if (!now) {
        LOG.warn("Event file {} does not exist (yet). Waiting for it; check that the emitter writes to "
            + "this path (PEAK_TRADE_AI_EVENTS_JSONL).", path());
      } else if (present != null) {
        LOG.info("Event file {} is present again.", path());
      }
      present = now;
      sink.filePresent(path(), now);
    }
  }

  private OpenFile open(BasicFileAttributes attrs) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(path(), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return null;
    }
    OpenFile f = new OpenFile(ch, attrs.fileKey(), new byte[bufferBytes]);
    sawMissingSinceOpen = false;
    if (firstOpen && options.fromEnd()) {
      f.skipToEnd();
    }
    firstOpen = false;
    LOG.info("Following {} from byte {}.", path(), f.readPos);
    return f;
  }

  private boolean drainRotated() throws IOException {
    boolean progress = false;
    for (Iterator<OpenFile> it = rotated.iterator(); it.hasNext(); ) {
      OpenFile f = it.next();
      boolean read = read(f, false);
      progress |= read;
      if (!read && nanoClock.getAsLong() - f.drainUntil > 0) {
        f.finish();
        it.remove();
      }
    }
    return progress;
  }

  private void restartAfterTruncation(OpenFile f) {
    LOG.info("{} was truncated or rewritten (read offset {}); reading it again from its start.",
        path(), f.readPos);
    f.dropPending();
    f.readPos = 0;
    f.headLen = 0;
    sink.truncated(path());
  }

  /**
   * Reads until the end of the available data. With {@code checkHead}, the file's identity is
   * verified before every chunk, so a rewrite during a long catch-up is noticed within one chunk.
   */
  private boolean read(OpenFile f, boolean checkHead) throws IOException {
    boolean progress = false;
    while (true) {
      if (checkHead && f.contentReplaced()) {
        restartAfterTruncation(f);
      }
      int n = f.fill();
      if (n <= 0) {
        return progress;
      }
      progress = true;
      sink.bytesRead(n);
      f.deliverLines();
      sink.chunkDone();
    }
  }

  private void closeCurrent(boolean flushPartial) {
    if (current != null) {
      if (flushPartial) {
        current.finish();
      } else {
        current.closeQuietly();
      }
      current = null;
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(Math.max(100, options.pollInterval().toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    closeCurrent(false);
    rotated.forEach(OpenFile::closeQuietly);
    rotated.clear();
  }

  /** One open file: channel, read offset, pending partial line, and the head fingerprint. */
  private final class OpenFile {
    final FileChannel ch;
    final Object key;
    final byte[] buf;
    final ByteBuffer view;
    /** Unconsumed bytes are buf[start, end); the file offset of buf[end] is readPos. */
    int start;
    int end;
    long readPos;
    /** Inside a line longer than maxLineBytes: skip to its newline, then count it once. */
    boolean discarding;
    long discardedBytes;
    /** Skip the rest of a line whose start we never saw (fromEnd), silently. */
    boolean skipFirstPartial;
    final byte[] head = new byte[HEAD_BYTES];
    int headLen;
    long drainUntil;

    OpenFile(FileChannel ch, Object key, byte[] buf) {
      this.ch = ch;
      this.key = key;
      this.buf = buf;
      this.view = ByteBuffer.wrap(buf);
    }

    void skipToEnd() throws IOException {
      long size = ch.size();
      headLen = (int) Math.min(HEAD_BYTES, size);
      readFully(head, headLen);
      readPos = size;
      if (size > 0) {
        ByteBuffer last = ByteBuffer.allocate(1);
        ch.read(last, size - 1);
        skipFirstPartial = last.get(0) != '\n';
      }
    }

    /** Whether the file was truncated below our offset or its first bytes no longer match. */
    boolean contentReplaced() throws IOException {
      if (ch.size() < readPos) {
        return true;
      }
      if (headLen == 0) {
        return false;
      }
      byte[] now = new byte[headLen];
      return readFully(now, headLen) < headLen || !Arrays.equals(now, head);
    }

    private int readFully(byte[] into, int len) throws IOException {
      ByteBuffer bb = ByteBuffer.wrap(into, 0, len);
      while (bb.hasRemaining()) {
        if (ch.read(bb, bb.position()) <= 0) {
          break;
        }
      }
      return bb.position();
    }

    /** Reads new bytes after the unconsumed ones; returns the count, 0 at end of file. */
    int fill() throws IOException {
      if (end == buf.length) {
        compact();
      }
      view.limit(buf.length).position(end);
      int n = ch.read(view, readPos);
      if (n <= 0) {
        return 0;
      }
      if (readPos < HEAD_BYTES) {
        int upto = (int) Math.min(HEAD_BYTES, readPos + n);
        System.arraycopy(buf, end, head, (int) readPos, upto - (int) readPos);
        headLen = upto;
      }
      end += n;
      readPos += n;
      return n;
    }

    private void compact() {
      int len = end - start;
      System.arraycopy(buf, start, buf, 0, len);
      start = 0;
      end = len;
    }

    void deliverLines() {
      byte[] b = buf;
      int max = options.maxLineBytes();
      int lineStart = start;
      for (int i = start; i < end; i++) {
        if (b[i] != '\n') {
          continue;
        }
        if (discarding) {
          discardedBytes += i - lineStart;
          sink.dropped(LineKind.TOO_LONG, path(), discardedBytes);
          discarding = false;
          discardedBytes = 0;
        } else if (skipFirstPartial) {
          skipFirstPartial = false;
        } else if (i - lineStart > max) {
          sink.dropped(LineKind.TOO_LONG, path(), i - lineStart);
        } else {
          sink.line(b, lineStart, i - lineStart);
        }
        lineStart = i + 1;
      }
      start = lineStart;
      if (end - start > max && !skipFirstPartial) {
        // No newline within the limit: stop buffering this line, remember only its size.
        discarding = true;
        discardedBytes += end - start;
        start = end;
      } else if (end - start > max) {
        start = end;
      }
      if (start == end) {
        start = 0;
        end = 0;
      }
    }

    void dropPending() {
      long pending = end - start + discardedBytes;
      if (pending > 0 && !skipFirstPartial) {
        sink.dropped(discarding ? LineKind.TOO_LONG : LineKind.PARTIAL, path(), pending);
      }
      start = 0;
      end = 0;
      discarding = false;
      discardedBytes = 0;
      skipFirstPartial = false;
    }

    /** Closes a file that will not be read again; a last line without newline is reported. */
    void finish() {
      dropPending();
      closeQuietly();
    }

    void closeQuietly() {
      try {
        ch.close();
      } catch (IOException e) {
        LOG.debug("closing {} failed", path(), e);
      }
    }
  }
}
