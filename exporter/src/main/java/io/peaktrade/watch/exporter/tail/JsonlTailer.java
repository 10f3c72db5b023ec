package io.peaktrade.watch.exporter.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
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
 * This class is the state machine: which files are open, rotation, truncation, presence, resuming
 * after a restart. Reading one file is {@link OpenFile}'s, cutting bytes into lines {@link
 * LineFramer}'s, the parallel first read {@link ParallelCatchUp}'s. {@link #poll()} does one
 * non-blocking pass, so tests drive the state machine step by step; {@link #run()} loops it until
 * {@link #close()}.
 */
public final class JsonlTailer implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JsonlTailer.class);

  /** Below this size a parallel catch-up does not pay for its threads. */
  public static final long PARALLEL_MIN_BYTES = ParallelCatchUp.MIN_BYTES;

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

  private @Nullable OpenFile current;
  private final List<OpenFile> rotated = new ArrayList<>();
  private boolean firstOpen = true;
  private @Nullable Boolean present;
  private boolean sawMissingSinceOpen;
  private volatile boolean closed;

  /** The file error last reported (kind and file), so one that persists is counted once. */
  private @Nullable String lastFileError;

  /** When the read loop last went round: the reader's heartbeat for /healthz. */
  private volatile long lastBeat;

  /** Where a previous run stopped, applied by the first poll. */
  private List<FilePosition> resume = List.of();

  /** Told where reading stands at every {@link Checkpoint}. */
  private BiConsumer<List<FilePosition>, Checkpoint> checkpoints = (positions, moment) -> {};

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
        boolean first = !caughtUp && !progress;
        caughtUp |= !progress;
        checkpoint(first ? Checkpoint.CAUGHT_UP : Checkpoint.PASS);
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
    checkpoint(Checkpoint.LAST);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Before the first poll: go on where a previous run stopped (see {@link #positions()}). */
  public void resumeFrom(List<FilePosition> saved) {
    resume = List.copyOf(saved);
  }

  /** Called on the reading thread at every {@link Checkpoint}. */
  public void onCheckpoint(BiConsumer<List<FilePosition>, Checkpoint> checkpoint) {
    checkpoints = checkpoint;
  }

  private void checkpoint(Checkpoint moment) {
    checkpoints.accept(positions(), moment);
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
      OpenFile f = openFile(ch, Files.readAttributes(at, BasicFileAttributes.class).fileKey());
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
    checkpoint(Checkpoint.OPENED);
  }

  /** The file with this identity: the one at the path, or one renamed beside it. */
  private @Nullable Path findByKey(String fileKey) throws IOException {
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

  private OpenFile openFile(FileChannel ch, Object fileKey) throws IOException {
    return new OpenFile(
        ch, fileKey, path(), sink, 0, bufferBytes, options.maxLineBytes(), nanoClock);
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
    if (current != null && attrs != null && isNewFile(attrs, current)) {
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
      if (current != null) {
        checkpoint(Checkpoint.OPENED);
      }
      if (current != null && current.readPos == 0) {
        progress |=
            ParallelCatchUp.run(
                current,
                options.catchUpThreads(),
                bufferBytes,
                options.maxLineBytes(),
                "catch-up-" + path().getFileName());
      }
    }
    if (current != null) {
      progress |= readCurrent(current);
      current.reportCaughtUp();
    }
    return progress;
  }

  private boolean isNewFile(BasicFileAttributes attrs, OpenFile open) {
    return sawMissingSinceOpen || !Objects.equals(attrs.fileKey(), open.key);
  }

  /**
   * The attributes of a regular file at the path, or null: nothing there, or something that is not
   * a regular file (a directory, a FIFO, …), which is refused, counted and treated as absent, so
   * that a regular file there later is read at once.
   */
  private @Nullable BasicFileAttributes stat() throws IOException {
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

  private @Nullable OpenFile open(BasicFileAttributes attrs) throws IOException {
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
    OpenFile f = openFile(ch, attrs.fileKey());
    sawMissingSinceOpen = false;
    if (firstOpen && options.fromEnd()) {
      f.skipToEnd();
    }
    firstOpen = false;
    LOG.info("Following {} from byte {}.", path(), f.readPos);
    return f;
  }

  private boolean drainRotated() {
    boolean progress = false;
    for (Iterator<OpenFile> it = rotated.iterator(); it.hasNext(); ) {
      OpenFile f = it.next();
      boolean read;
      try {
        read = f.readAvailable();
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
    f.restartFromStart();
    sink.truncated(path());
    checkpoint(Checkpoint.OPENED);
  }

  /**
   * Reads the followed file to the end of the available data, verifying its identity before every
   * chunk, so that a rewrite during a long catch-up is noticed within one chunk.
   */
  private boolean readCurrent(OpenFile f) throws IOException {
    boolean progress = false;
    while (true) {
      if (f.contentReplaced()) {
        restartAfterTruncation(f);
      }
      if (!f.readChunk()) {
        return progress;
      }
      progress = true;
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
}
