package io.peaktrade.watch.exporter.tail;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
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
 *   <li>A large file found at its first opening is read by several threads at once when the sink
 *       can {@link TailSink#fork() fork}, split at line boundaries.
 * </ul>
 *
 * {@link #poll()} does one non-blocking pass, so tests drive the state machine step by step; {@link
 * #run()} loops it until {@link #close()}.
 */
public final class JsonlTailer implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JsonlTailer.class);

  /** How many leading bytes identify a file's content across polls. */
  static final int HEAD_BYTES = 256;

  /** Below this size a parallel catch-up does not pay for its threads. */
  public static final long PARALLEL_MIN_BYTES = 16L << 20;

  /** Tailing options; {@code fromEnd} applies to the file present at start only. */
  public record Options(
      Path path,
      boolean fromEnd,
      int maxLineBytes,
      Duration pollInterval,
      Duration rotatedGrace,
      int catchUpThreads) {
    public Options {
      Objects.requireNonNull(path, "path");
      if (maxLineBytes < 64) {
        throw new IllegalArgumentException("maxLineBytes must be at least 64, got " + maxLineBytes);
      }
      if (catchUpThreads < 1) {
        throw new IllegalArgumentException(
            "catchUpThreads must be at least 1, got " + catchUpThreads);
      }
    }

    public static Options defaults(Path path) {
      return new Options(
          path,
          false,
          64 * 1024,
          Duration.ofMillis(10),
          Duration.ofSeconds(5),
          Runtime.getRuntime().availableProcessors());
    }

    public Options withFromEnd(boolean value) {
      return new Options(path, value, maxLineBytes, pollInterval, rotatedGrace, catchUpThreads);
    }

    public Options withCatchUpThreads(int value) {
      return new Options(path, fromEnd, maxLineBytes, pollInterval, rotatedGrace, value);
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

  /** The file error last reported (kind and file), so one that persists is counted once. */
  private String lastFileError;

  /** When the read loop last went round: the reader's heartbeat for /healthz. */
  private volatile long lastBeat;

  /** Where a previous run stopped, applied by the first poll. */
  private List<FilePosition> resume = List.of();

  /** Told where reading stands after every pass (and once more, last, when the loop ends). */
  private BiConsumer<List<FilePosition>, Boolean> checkpoints = (positions, last) -> {};

  /** The first pass that found nothing more to read has run: counts are complete. */
  private volatile boolean caughtUp;

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

  /** Nanoseconds since the read loop last went round (0 before it started). */
  public long sinceLastBeatNanos() {
    long beat = lastBeat;
    return beat == 0 ? 0 : nanoClock.getAsLong() - beat;
  }

  @Override
  public void run() {
    long lastError = 0;
    while (!closed) {
      lastBeat = nanoClock.getAsLong();
      try {
        boolean progress = poll();
        caughtUp |= !progress;
        checkpoints.accept(positions(), false);
        if (!progress) {
          Thread.sleep(options.pollInterval().toMillis());
        }
      } catch (InterruptedException e) {
        break;
      } catch (IOException | RuntimeException e) {
        if (closed) {
          break; // close() shut the channel under a read: stopping, not failing
        }
        long now = nanoClock.getAsLong();
        if (lastError == 0 || now - lastError > Duration.ofSeconds(10).toNanos()) {
          LOG.warn(
              "Reading {} failed: {}. Retrying; counts so far are kept.", path(), e.toString());
          lastError = now;
        }
        sleepQuietly();
      }
    }
    // The last checkpoint writes a file: not with the interrupt that stopped us still pending (an
    // interrupted thread's file channel closes at once).
    boolean interrupted = Thread.interrupted();
    checkpoints.accept(positions(), true);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Before the first poll: go on where a previous run stopped (see {@link #positions()}). */
  public void resumeFrom(List<FilePosition> saved) {
    resume = List.copyOf(saved);
  }

  /** Called on the reading thread after every pass, and with {@code true} when reading stops. */
  public void onCheckpoint(BiConsumer<List<FilePosition>, Boolean> checkpoint) {
    checkpoints = checkpoint;
  }

  /** Whether the first catch-up is done: every line present at start has been counted. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /**
   * Where reading stands: the followed file first, then rotated-away ones still drained. Every line
   * before each offset has been delivered to the sink, and none after it: a consistent point to go
   * on from, taken between passes on the reading thread.
   */
  public List<FilePosition> positions() {
    List<FilePosition> out = new ArrayList<>();
    OpenFile c = current;
    if (c != null) {
      out.add(c.position(true));
    }
    for (OpenFile f : rotated) {
      out.add(f.position(false));
    }
    return out;
  }

  /** Asks the loop to end after its current pass (the last checkpoint is then taken). */
  public void stop() {
    closed = true;
  }

  private void applyResume(List<FilePosition> saved) throws IOException {
    for (FilePosition p : saved) {
      Path at = findByKey(p.fileKey());
      if (at == null) {
        LOG.warn(
            "{} (read up to byte {} before the restart) is gone: lines written to it after the last"
                + " checkpoint are not counted.",
            p.current() ? path() : "a rotated-away copy of " + path(),
            p.offset());
        continue;
      }
      FileChannel ch = FileChannel.open(at, StandardOpenOption.READ);
      OpenFile f =
          new OpenFile(ch, Files.readAttributes(at, BasicFileAttributes.class).fileKey(), sink, 0);
      if (!f.resumeAt(p)) {
        LOG.warn(
            "{} is not the file read before the restart (truncated or rewritten while the exporter"
                + " was down); reading it from its start.",
            at);
        ch.close();
        continue;
      }
      if (at.equals(path())) {
        current = f;
        firstOpen = false;
        sawMissingSinceOpen = false;
        LOG.info("Resuming {} at byte {} (counts restored from the state file).", at, p.offset());
      } else {
        f.drainUntil = nanoClock.getAsLong() + options.rotatedGrace().toNanos();
        rotated.add(f);
        LOG.info(
            "Resuming {}, rotated away while the exporter was down, at byte {}; the file now at {}"
                + " is read from its start.",
            at,
            p.offset(),
            path());
      }
    }
  }

  /** The file with this identity: the one at the path, or one renamed beside it. */
  private Path findByKey(String fileKey) throws IOException {
    if (keyOf(path()).equals(fileKey)) {
      return path();
    }
    Path dir = path().toAbsolutePath().getParent();
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (!f.equals(path()) && Files.isRegularFile(f) && keyOf(f).equals(fileKey)) {
          return f;
        }
      }
    }
    return null;
  }

  private static String keyOf(Path f) {
    try {
      BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
      return a.isRegularFile() ? String.valueOf(a.fileKey()) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * One pass: drain rotated files, open the file if needed, check for rotation and truncation, and
   * read what is new. Returns whether any byte was read.
   */
  public boolean poll() throws IOException {
    if (!resume.isEmpty()) {
      List<FilePosition> saved = resume;
      resume = List.of();
      applyResume(saved);
    }
    boolean progress = drainRotated();
    BasicFileAttributes attrs = stat();
    updatePresence(attrs != null);
    if (current != null && attrs != null && isNewFile(attrs)) {
      LOG.info(
          "{} was replaced by a new file; draining the old one for {} s, reading the new one from"
              + " its start.",
          path(),
          options.rotatedGrace().toSeconds());
      current.drainUntil = nanoClock.getAsLong() + options.rotatedGrace().toNanos();
      rotated.add(current);
      current = null;
      progress |= drainRotated();
      sink.rotated(path());
    }
    if (current == null && attrs != null) {
      current = open(attrs);
      if (current != null && current.readPos == 0) {
        progress |= catchUpInParallel(current);
      }
    }
    if (current != null) {
      progress |= read(current, true);
      current.reportCaughtUp();
    }
    return progress;
  }

  private boolean isNewFile(BasicFileAttributes attrs) {
    return sawMissingSinceOpen || !Objects.equals(attrs.fileKey(), current.key);
  }

  /**
   * The attributes of a regular file at the path, or null: nothing there, or something that is not
   * a regular file (a directory, a FIFO, …), which is refused, counted and treated as absent, so
   * that a regular file there later is read at once.
   */
  private BasicFileAttributes stat() throws IOException {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(path(), BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      attrs = null;
    }
    if (attrs != null && !attrs.isRegularFile()) {
      fileError(
          FileError.NOT_REGULAR_FILE,
          attrs.fileKey(),
          "is not a regular file ("
              + (attrs.isDirectory() ? "a directory" : "a FIFO, socket or device")
              + "); it is not opened. Waiting for a regular file there.");
      attrs = null;
    }
    if (attrs == null && current != null) {
      sawMissingSinceOpen = true;
    }
    return attrs;
  }

  /**
   * Counts and logs a file error once each time it starts (the same error on the same file is one).
   */
  private void fileError(FileError kind, Object fileKey, String what) {
    String episode = kind + "@" + fileKey;
    if (!episode.equals(lastFileError)) {
      lastFileError = episode;
      LOG.warn("Event file {} {}", path(), what);
      sink.fileError(kind, path());
    }
  }

  private void updatePresence(boolean now) {
    if (present == null || present != now) {
      if (!now) {
        LOG.warn(
            "Event file {} does not exist (yet). Waiting for it; check that the emitter writes to "
                + "this path (PEAK_TRADE_AI_EVENTS_JSONL).",
            path());
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
    } catch (AccessDeniedException e) {
      fileError(
          FileError.PERMISSION_DENIED,
          attrs.fileKey(),
          "may not be read by this process (permission denied); retrying. Check the file's owner"
              + " and mode.");
      return null;
    }
    lastFileError = null;
    OpenFile f = new OpenFile(ch, attrs.fileKey(), sink, 0);
    sawMissingSinceOpen = false;
    if (firstOpen && options.fromEnd()) {
      f.skipToEnd();
    }
    firstOpen = false;
    LOG.info("Following {} from byte {}.", path(), f.readPos);
    return f;
  }

  /**
   * Reads a large file from its start with {@code catchUpThreads} threads: the file up to its last
   * newline is cut at line boundaries, each later part goes to a {@link TailSink#fork() forked}
   * sink, and the parts are joined in file order. Afterwards {@code f} goes on from the last cut.
   */
  private boolean catchUpInParallel(OpenFile f) throws IOException {
    int parts = options.catchUpThreads();
    long size = f.ch.size();
    if (parts < 2 || size < PARALLEL_MIN_BYTES) {
      return false;
    }
    List<TailSink> forks = new ArrayList<>();
    for (int i = 1; i < parts; i++) {
      TailSink fork = sink.fork();
      if (fork == null) {
        return false;
      }
      forks.add(fork);
    }
    long[] cuts = lineCuts(f.ch, size, parts);
    if (cuts == null) {
      return false;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parts - 1,
            r -> {
              Thread t = new Thread(r, "catch-up-" + path().getFileName());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<OpenFile>> later = new ArrayList<>();
      for (int i = 1; i < parts; i++) {
        OpenFile part = new OpenFile(f.ch, f.key, forks.get(i - 1), cuts[i + 1]);
        part.readPos = cuts[i];
        later.add(
            pool.submit(
                () -> {
                  read(part, false);
                  return part;
                }));
      }
      f.limit = cuts[1];
      read(f, false);
      for (int i = 0; i < later.size(); i++) {
        OpenFile part = later.get(i).get();
        sink.join(part.out);
      }
      f.limit = Long.MAX_VALUE;
      f.readPos = cuts[parts];
      return true;
    } catch (ExecutionException e) {
      // Parts were partly counted already; re-reading would count twice. Report and go on from the
      // end.
      f.limit = Long.MAX_VALUE;
      f.readPos = cuts[parts];
      throw new IOException(
          "parallel catch-up of "
              + path()
              + " failed; some lines before byte "
              + cuts[parts]
              + " may be missing from the counts",
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during catch-up", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Offsets {@code 0 = c0 < c1 < … < cN}, each just after a newline, cN after the last newline of
   * the file; {@code null} if the file has too few lines to cut.
   */
  private static long[] lineCuts(FileChannel ch, long size, int parts) throws IOException {
    long last = lastLineEnd(ch, size);
    if (last <= 0) {
      return null;
    }
    long[] cuts = new long[parts + 1];
    cuts[parts] = last;
    for (int i = 1; i < parts; i++) {
      long next = nextLineStart(ch, last * i / parts, last);
      if (next <= cuts[i - 1] || next >= last) {
        return null;
      }
      cuts[i] = next;
    }
    return cuts;
  }

  private static long nextLineStart(FileChannel ch, long from, long limit) throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(64 * 1024);
    for (long pos = from; pos < limit; ) {
      bb.clear();
      int n = ch.read(bb, pos);
      if (n <= 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (bb.get(i) == '\n') {
          return pos + i + 1;
        }
      }
      pos += n;
    }
    return limit;
  }

  private static long lastLineEnd(FileChannel ch, long size) throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(64 * 1024);
    for (long end = size; end > 0; ) {
      long start = Math.max(0, end - bb.capacity());
      bb.clear().limit((int) (end - start));
      ch.read(bb, start);
      for (int i = (int) (end - start) - 1; i >= 0; i--) {
        if (bb.get(i) == '\n') {
          return start + i + 1;
        }
      }
      end = start;
    }
    return 0;
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

  private boolean drainRotated() {
    boolean progress = false;
    for (Iterator<OpenFile> it = rotated.iterator(); it.hasNext(); ) {
      OpenFile f = it.next();
      boolean read;
      try {
        read = read(f, false);
      } catch (IOException e) {
        // A rotated-away file that cannot be read must not keep the new one from being read.
        fileError(
            FileError.IO_ERROR,
            f.key,
            "(a rotated-away copy) could not be read ("
                + e
                + "); dropping it, lines left in it are"
                + " lost.");
        f.finish();
        it.remove();
        continue;
      }
      progress |= read;
      if (!read && nanoClock.getAsLong() - f.drainUntil > 0) {
        f.finish();
        it.remove();
      }
    }
    return progress;
  }

  private void restartAfterTruncation(OpenFile f) {
    LOG.info(
        "{} was truncated or rewritten (read offset {}); reading it again from its start.",
        path(),
        f.readPos);
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
      f.out.bytesRead(n);
      f.deliverLines();
      f.out.chunkDone();
    }
  }

  private static String sha256(byte[] b, int len) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(b, len)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
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
    if (current != null) {
      current.closeQuietly();
      current = null;
    }
    rotated.forEach(OpenFile::closeQuietly);
    rotated.clear();
  }

  /**
   * One open file (or one part of it): channel, offsets, pending partial line, head fingerprint.
   */
  private final class OpenFile {
    final FileChannel ch;
    final Object key;
    final TailSink out;
    final byte[] buf = new byte[bufferBytes];
    final ByteBuffer view = ByteBuffer.wrap(buf);

    /** Unconsumed bytes are buf[start, end); the file offset of buf[end] is readPos. */
    int start;

    int end;
    long readPos;

    /** Reading stops here (a part of a parallel catch-up), else {@code Long.MAX_VALUE}. */
    long limit;

    /** Inside a line longer than maxLineBytes: skip to its newline, then count it once. */
    boolean discarding;

    long discardedBytes;

    /** Skip the rest of a line whose start we never saw (fromEnd), silently. */
    boolean skipFirstPartial;

    final byte[] head = new byte[HEAD_BYTES];
    int headLen;
    long drainUntil;

    /** Size at opening, and when: the first catch-up is logged once, with its speed. */
    final long sizeAtOpen;

    final long openedNanos = nanoClock.getAsLong();
    boolean caughtUpReported;

    OpenFile(FileChannel ch, Object key, TailSink out, long limit) throws IOException {
      this.ch = ch;
      this.key = key;
      this.out = out;
      this.limit = limit == 0 ? Long.MAX_VALUE : limit;
      this.sizeAtOpen = ch.size();
    }

    /** Where this file stands: the offset of the first byte not delivered as a line. */
    FilePosition position(boolean isCurrent) {
      long offset = readPos - (end - start) - discardedBytes;
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
                  "Caught up with %s: %.1f MB in %.3f s.", path(), sizeAtOpen / 1e6, seconds));
        }
      }
    }

    void skipToEnd() throws IOException {
      long size = ch.size();
      headLen = (int) Math.min(HEAD_BYTES, size);
      readAt(head, headLen, 0);
      readPos = size;
      if (size > 0) {
        byte[] last = new byte[1];
        readAt(last, 1, size - 1);
        skipFirstPartial = last[0] != '\n';
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

    private int readAt(byte[] into, int len, long position) throws IOException {
      ByteBuffer bb = ByteBuffer.wrap(into, 0, len);
      while (bb.hasRemaining()) {
        if (ch.read(bb, position + bb.position()) <= 0) {
          break;
        }
      }
      return bb.position();
    }

    /** Reads new bytes after the unconsumed ones; returns the count, 0 at end of file or limit. */
    int fill() throws IOException {
      if (end == buf.length) {
        compact();
      }
      int room = (int) Math.min(buf.length - end, limit - readPos);
      if (room <= 0) {
        return 0;
      }
      view.limit(end + room).position(end);
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
      for (int i = indexOfNewline(b, start, end); i >= 0; i = indexOfNewline(b, i + 1, end)) {
        if (discarding) {
          discardedBytes += i - lineStart;
          out.dropped(DroppedLine.TOO_LONG, path(), discardedBytes);
          discarding = false;
          discardedBytes = 0;
        } else if (skipFirstPartial) {
          skipFirstPartial = false;
        } else if (i - lineStart > max) {
          out.dropped(DroppedLine.TOO_LONG, path(), i - lineStart);
        } else {
          out.line(b, lineStart, i - lineStart);
        }
        lineStart = i + 1;
      }
      start = lineStart;
      if (end - start > max) {
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

    void dropPending() {
      long pending = end - start + discardedBytes;
      if (pending > 0 && !skipFirstPartial) {
        out.dropped(discarding ? DroppedLine.TOO_LONG : DroppedLine.PARTIAL, path(), pending);
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
