package io.peaktrade.watch.exporter.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open file, or one part of it in a parallel catch-up: the channel, the read offset, the
 * fingerprint of its first bytes (its identity across polls and restarts), and the {@link
 * LineFramer} that turns what is read into lines for its sink.
 */
final class OpenFile {

  private static final Logger LOG = LoggerFactory.getLogger(OpenFile.class);

  /** How many leading bytes identify a file's content across polls. */
  static final int HEAD_BYTES = 256;

  final FileChannel ch;
  final Object key;
  final TailSink out;
  private final Path path;
  private final LineFramer lines;
  private final LongSupplier nanoClock;

  /** The file offset of the next byte to read. */
  long readPos;

  /** Reading stops here (a part of a parallel catch-up), else {@code Long.MAX_VALUE}. */
  long limit;

  /** A rotated-away file is drained until then. */
  long drainUntil;

  private final byte[] head = new byte[HEAD_BYTES];
  private int headLen;

  /** Size at opening, and when: the first catch-up is logged once, with its speed. */
  private final long sizeAtOpen;

  private final long openedNanos;
  private boolean caughtUpReported;

  /**
   * @param limit where reading stops, 0 for no limit
   */
  OpenFile(
      FileChannel ch,
      Object key,
      Path path,
      TailSink out,
      long limit,
      int bufferBytes,
      int maxLineBytes,
      LongSupplier nanoClock)
      throws IOException {
    this.ch = ch;
    this.key = key;
    this.path = path;
    this.out = out;
    this.limit = limit == 0 ? Long.MAX_VALUE : limit;
    this.lines = new LineFramer(bufferBytes, maxLineBytes);
    this.nanoClock = nanoClock;
    this.sizeAtOpen = ch.size();
    this.openedNanos = nanoClock.getAsLong();
  }

  /** A part of this file, {@code [from, to)}, read into another sink. */
  OpenFile part(TailSink into, long from, long to, int bufferBytes, int maxLineBytes)
      throws IOException {
    OpenFile p = new OpenFile(ch, key, path, into, to, bufferBytes, maxLineBytes, nanoClock);
    p.readPos = from;
    return p;
  }

  /** Where this file stands: the offset of the first byte not delivered as a line. */
  FilePosition position(boolean isCurrent) {
    long offset = readPos - lines.pending();
    return new FilePosition(
        String.valueOf(key), offset, sha256(head, (int) Math.min(headLen, offset)), isCurrent);
  }

  /** Goes on at a saved position if this is the same file (size and first bytes); else false. */
  boolean resumeAt(FilePosition p) throws IOException {
    if (ch.size() < p.offset()) {
      return false;
    }
    int len = (int) Math.min(HEAD_BYTES, p.offset());
    byte[] now = new byte[HEAD_BYTES];
    if (readAt(now, len, 0) < len || !sha256(now, len).equals(p.headSha256())) {
      return false;
    }
    headLen = readAt(head, (int) Math.min(HEAD_BYTES, ch.size()), 0);
    readPos = p.offset();
    return true;
  }

  void reportCaughtUp() {
    if (!caughtUpReported && readPos >= sizeAtOpen) {
      caughtUpReported = true;
      if (sizeAtOpen > 0) {
        double seconds = (nanoClock.getAsLong() - openedNanos) / 1e9;
        LOG.info(
            String.format(
                "Caught up with %s: %.1f MB in %.3f s.", path, sizeAtOpen / 1e6, seconds));
      }
    }
  }

  /** Starts at the end (the file present at start, with fromEnd): only new lines count. */
  void skipToEnd() throws IOException {
    long size = ch.size();
    headLen = (int) Math.min(HEAD_BYTES, size);
    readAt(head, headLen, 0);
    readPos = size;
    if (size > 0) {
      byte[] last = new byte[1];
      readAt(last, 1, size - 1);
      if (last[0] != '\n') {
        lines.skipFirstPartialLine();
      }
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
    return readAt(now, headLen, 0) < headLen || !Arrays.equals(now, 0, headLen, head, 0, headLen);
  }

  /** After a truncation: the partial line is dropped and the file is read again from its start. */
  void restartFromStart() {
    lines.dropPending(out, path);
    readPos = 0;
    headLen = 0;
  }

  /**
   * Reads one chunk and delivers its lines; false at the end of the file (or of the part).
   * Reporting the chunk to the sink lets it publish batched state.
   */
  boolean readChunk() throws IOException {
    int n = fill();
    if (n <= 0) {
      return false;
    }
    out.bytesRead(n);
    lines.deliverLines(out, path);
    out.chunkDone();
    return true;
  }

  /** Reads up to the end of the available data (or of the part). Returns whether any was read. */
  boolean readAvailable() throws IOException {
    boolean progress = false;
    while (readChunk()) {
      progress = true;
    }
    return progress;
  }

  private int fill() throws IOException {
    ByteBuffer room = lines.room(limit - readPos);
    if (!room.hasRemaining()) {
      return 0;
    }
    int at = lines.end();
    int n = ch.read(room, readPos);
    if (n <= 0) {
      return 0;
    }
    if (readPos < HEAD_BYTES) {
      int upto = (int) Math.min(HEAD_BYTES, readPos + n);
      System.arraycopy(lines.buffer(), at, head, (int) readPos, upto - (int) readPos);
      headLen = upto;
    }
    lines.filled(n);
    readPos += n;
    return n;
  }

  private int readAt(byte[] into, int len, long position) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(into, 0, len);
    while (bb.hasRemaining()) {
      if (ch.read(bb, position + bb.position()) <= 0) {
        break;
      }
    }
    return bb.position();
  }

  /** Closes a file that will not be read again; a last line without newline is reported. */
  void finish() {
    lines.dropPending(out, path);
    closeQuietly();
  }

  void closeQuietly() {
    try {
      ch.close();
    } catch (IOException e) {
      LOG.debug("closing {} failed", path, e);
    }
  }

  private static String sha256(byte[] b, int len) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(b, len)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
