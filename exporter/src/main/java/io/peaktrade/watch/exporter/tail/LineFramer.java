package io.peaktrade.watch.exporter.tail;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Cuts the bytes read from one file into lines: a buffer the reader fills, complete lines handed to
 * the sink, the partial last line kept for the next read. A line longer than {@code maxLineBytes}
 * is not buffered: only its length is remembered until its newline, then it is reported as dropped,
 * once. No I/O here.
 */
final class LineFramer {

  private final byte[] buf;
  private final ByteBuffer view;
  private final int maxLineBytes;

  /** Unconsumed bytes are buf[start, end). */
  private int start;

  private int end;

  /** Inside a line longer than maxLineBytes: skip to its newline, then count it once. */
  private boolean discarding;

  private long discardedBytes;

  /** Skip the rest of a line whose start was never seen (reading began mid-file), silently. */
  private boolean skipFirstPartial;

  LineFramer(int bufferBytes, int maxLineBytes) {
    this.buf = new byte[bufferBytes];
    this.view = ByteBuffer.wrap(buf);
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * The free part of the buffer, at most {@code max} bytes, to read into (then {@link #filled}).
   */
  ByteBuffer room(long max) {
    if (end == buf.length) {
      compact();
    }
    int room = (int) Math.min(buf.length - end, max);
    view.limit(end + Math.max(0, room)).position(end);
    return view;
  }

  /** {@code n} bytes were read into {@link #room}; they start at buffer index {@link #end()}. */
  void filled(int n) {
    end += n;
  }

  /** The buffer index where the next read goes. */
  int end() {
    return end;
  }

  byte[] buffer() {
    return buf;
  }

  /** Bytes read but not yet delivered as a line (the partial last line, or a skipped long one). */
  long pending() {
    return end - start + discardedBytes;
  }

  void skipFirstPartialLine() {
    skipFirstPartial = true;
  }

  /** Hands every complete line in the buffer to {@code out}. */
  void deliverLines(TailSink out, Path file) {
    byte[] b = buf;
    int lineStart = start;
    for (int i = indexOfNewline(b, start, end); i >= 0; i = indexOfNewline(b, i + 1, end)) {
      if (discarding) {
        discardedBytes += i - lineStart;
        out.dropped(DroppedLine.TOO_LONG, file, discardedBytes);
        discarding = false;
        discardedBytes = 0;
      } else if (skipFirstPartial) {
        skipFirstPartial = false;
      } else if (i - lineStart > maxLineBytes) {
        out.dropped(DroppedLine.TOO_LONG, file, i - lineStart);
      } else {
        out.line(b, lineStart, i - lineStart);
      }
      lineStart = i + 1;
    }
    start = lineStart;
    if (end - start > maxLineBytes) {
      // No newline within the limit: stop buffering this line, remember only its size.
      discarding = !skipFirstPartial;
      discardedBytes += skipFirstPartial ? 0 : end - start;
      start = end;
    }
    if (start == end) {
      start = 0;
      end = 0;
    }
  }

  /** Forgets the partial line (reported as dropped, unless it was one to skip). */
  void dropPending(TailSink out, Path file) {
    long pending = pending();
    if (pending > 0 && !skipFirstPartial) {
      out.dropped(discarding ? DroppedLine.TOO_LONG : DroppedLine.PARTIAL, file, pending);
    }
    start = 0;
    end = 0;
    discarding = false;
    discardedBytes = 0;
    skipFirstPartial = false;
  }

  private void compact() {
    int len = end - start;
    System.arraycopy(buf, start, buf, 0, len);
    start = 0;
    end = len;
  }

  private static final VarHandle WORD =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long NEWLINES = ONES * '\n';

  /** Index of the next '\n' in b[from, to), or -1; eight bytes per step (SWAR zero-byte test). */
  static int indexOfNewline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) WORD.get(b, i) ^ NEWLINES;
      long found = (x - ONES) & ~x & (ONES << 7);
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
