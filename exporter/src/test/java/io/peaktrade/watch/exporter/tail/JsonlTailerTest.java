package io.peaktrade.watch.exporter.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file scenario of tail -F, driven poll by poll, with exact line counts. */
class JsonlTailerTest {

  @TempDir Path dir;
  private final AtomicLong clock = new AtomicLong();
  private final Recorder sink = new Recorder();
  private JsonlTailer tailer;

  @AfterEach
  void close() {
    if (tailer != null) {
      tailer.close();
    }
  }

  private Path file() {
    return dir.resolve("events.jsonl");
  }

  private JsonlTailer tail(JsonlTailer.Options options) {
    tailer = new JsonlTailer(options, sink, clock::get);
    return tailer;
  }

  private JsonlTailer tail() {
    return tail(JsonlTailer.Options.defaults(file()).withCatchUpThreads(1));
  }

  private static void append(Path f, String text) throws IOException {
    Files.writeString(
        f, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String lines(String prefix, int from, int count) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < from + count; i++) {
      b.append("{\"n\":\"").append(prefix).append(i).append("\"}\n");
    }
    return b.toString();
  }

  private void pollUntilQuiet() throws IOException {
    for (int i = 0; i < 3; i++) {
      tailer.poll();
    }
  }

  /** The heartbeat /healthz reads: time since the read loop last went round, growing when stuck. */
  @Test
  void theHeartbeatGrowsWhileTheLoopIsStuck() throws Exception {
    append(file(), lines("a", 0, 1));
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    clock.set(1_000);
    JsonlTailer stuck =
        new JsonlTailer(
            JsonlTailer.Options.defaults(file()).withCatchUpThreads(1),
            new Recorder() {
              @Override
              public void line(byte[] buf, int off, int len) {
                entered.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            clock::get);
    Thread reader = new Thread(stuck);
    reader.start();
    try {
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      clock.addAndGet(31_000_000_000L);
      assertThat(stuck.sinceLastBeatNanos()).isGreaterThanOrEqualTo(31_000_000_000L);
    } finally {
      release.countDown();
      stuck.close();
      reader.join(5_000);
    }
  }

  /** rm f; mkdir f; rmdir f; echo … > f: the directory is refused once, the new file read. */
  @Test
  void aDirectoryAtThePathIsRefusedAndTheRegularFileThereLaterIsRead() throws IOException {
    append(file(), lines("a", 0, 2));
    tail().poll();
    Files.delete(file());
    Files.createDirectory(file());
    pollUntilQuiet();
    assertThat(sink.fileErrors).containsEntry(FileError.NOT_REGULAR_FILE, 1);
    assertThat(sink.present).endsWith(false);
    Files.delete(file());
    append(file(), lines("b", 0, 3));
    pollUntilQuiet();
    assertThat(sink.lines).hasSize(5);
    assertThat(sink.present).endsWith(true);
  }

  /** A FIFO is never opened (opening one blocks until a writer comes), and counted once. */
  @Test
  void aFifoAtThePathIsNeverOpenedAndDoesNotBlock() throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", file().toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();
    tail();
    var polls =
        CompletableFuture.runAsync(
            () -> {
              try {
                pollUntilQuiet();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    polls.get(10, TimeUnit.SECONDS);
    assertThat(sink.fileErrors).containsEntry(FileError.NOT_REGULAR_FILE, 1);
    Files.delete(file());
    append(file(), lines("a", 0, 2));
    pollUntilQuiet();
    assertThat(sink.lines).hasSize(2);
  }

  @Test
  void readsAppendsAndHoldsAPartialLineUntilItsNewline() throws IOException {
    append(file(), lines("a", 0, 3));
    tail().poll();
    assertThat(sink.lines).hasSize(3);
    append(file(), "{\"n\":\"par");
    pollUntilQuiet();
    assertThat(sink.lines).hasSize(3);
    append(file(), "tial\"}\n" + lines("b", 0, 2));
    pollUntilQuiet();
    assertThat(sink.lines).hasSize(6).contains("{\"n\":\"partial\"}");
    assertThat(sink.bytes.get()).isEqualTo(Files.size(file()));
  }

  @Test
  void truncationToAShorterFileRestartsAtZero() throws IOException {
    append(file(), lines("a", 0, 100));
    tail().poll();
    Files.writeString(file(), lines("b", 0, 5));
    pollUntilQuiet();
    assertThat(sink.lines).hasSize(105);
    assertThat(sink.truncations).isEqualTo(1);
  }

  @Test
  void truncateFollowedAtOnceByALongerRewriteIsNoticedByTheHead() throws IOException {
    append(file(), lines("old", 0, 10));
    tail().poll();
    // same inode, new content longer than the old offset: size alone cannot tell
    Files.writeString(file(), lines("new", 0, 50), StandardOpenOption.TRUNCATE_EXISTING);
    pollUntilQuiet();
    assertThat(sink.lines).hasSize(60);
    assertThat(sink.lines.subList(10, 60)).allMatch(l -> l.startsWith("{\"n\":\"new"));
    assertThat(sink.truncations).isEqualTo(1);
  }

  @Test
  void renameRotationDrainsTheOldFileThenReadsTheNewOne() throws IOException {
    append(file(), lines("a", 0, 10));
    tail().poll();
    Path old = dir.resolve("events.jsonl.1");
    Files.move(file(), old);
    append(old, lines("late", 0, 100)); // written to the old file after the rename
    tailer.poll();
    append(file(), lines("b", 0, 1_000));
    pollUntilQuiet();
    assertThat(sink.lines).hasSize(1_110);
    assertThat(sink.rotations).isEqualTo(1);
  }

  @Test
  void renameWithImmediateCreateStillDrainsLateWritesToTheOldFile() throws IOException {
    append(file(), lines("a", 0, 10));
    tail().poll();
    Path old = dir.resolve("events.jsonl.1");
    Files.move(file(), old);
    Files.createFile(file());
    tailer.poll(); // the new file is noticed before the old one got its last lines
    append(old, lines("late", 0, 100));
    append(file(), lines("b", 0, 1_000));
    pollUntilQuiet();
    assertThat(sink.lines).hasSize(1_110);
    clock.addAndGet(Duration.ofSeconds(6).toNanos()); // grace over: the old file is closed
    pollUntilQuiet();
    append(old, lines("too-late", 0, 1));
    pollUntilQuiet();
    assertThat(sink.lines).hasSize(1_110);
  }

  @Test
  void deleteAndRecreateReadsTheNewFileFromItsStart() throws IOException {
    append(file(), lines("a", 0, 10));
    tail().poll();
    Files.delete(file());
    tailer.poll();
    assertThat(sink.present).containsExactly(true, false);
    append(file(), lines("b", 0, 3)); // may even reuse the inode: the gap is what counts
    pollUntilQuiet();
    assertThat(sink.lines).hasSize(13);
    assertThat(sink.present).containsExactly(true, false, true);
  }

  @Test
  void aFileMissingAtStartIsPickedUpWhenItAppears() throws IOException {
    tail().poll();
    assertThat(sink.present).containsExactly(false);
    append(file(), lines("a", 0, 4));
    pollUntilQuiet();
    assertThat(sink.lines).hasSize(4);
    assertThat(sink.present).containsExactly(false, true);
  }

  @Test
  void overlongLinesAreCountedOnceAndSkipped() throws IOException {
    String huge = "{\"note\":\"" + "x".repeat(70_000) + "\"}\n";
    append(file(), lines("a", 0, 2) + huge);
    tail().poll();
    append(file(), huge.substring(0, 30_000));
    tailer.poll();
    append(file(), huge.substring(30_000) + lines("b", 0, 2));
    pollUntilQuiet();
    assertThat(sink.lines).hasSize(4);
    assertThat(sink.dropped.get(DroppedLine.TOO_LONG)).isEqualTo(2);
  }

  @Test
  void aLastLineWithoutNewlineInARotatedFileIsReportedPartial() throws IOException {
    append(file(), lines("a", 0, 2) + "{\"n\":\"cut");
    tail().poll();
    Files.move(file(), dir.resolve("events.jsonl.1"));
    append(file(), lines("b", 0, 1));
    pollUntilQuiet();
    clock.addAndGet(Duration.ofSeconds(6).toNanos());
    pollUntilQuiet();
    assertThat(sink.lines).hasSize(3);
    assertThat(sink.dropped.get(DroppedLine.PARTIAL)).isEqualTo(1);
  }

  @Test
  void fromEndSkipsWhatIsThereAndFollowsWhatComes() throws IOException {
    append(file(), lines("a", 0, 10) + "{\"n\":\"half");
    tail(JsonlTailer.Options.defaults(file()).withFromEnd(true)).poll();
    append(file(), "\"}\n" + lines("b", 0, 2));
    pollUntilQuiet();
    assertThat(sink.lines).containsExactly("{\"n\":\"b0\"}", "{\"n\":\"b1\"}");
    assertThat(sink.dropped).isEmpty();
  }

  @Test
  void findsNewlinesAtEveryPositionOfAWord() {
    for (int len = 0; len < 40; len++) {
      for (int at = 0; at < len; at++) {
        byte[] b = "x".repeat(len).getBytes(StandardCharsets.US_ASCII);
        b[at] = '\n';
        assertThat(LineFramer.indexOfNewline(b, 0, len)).isEqualTo(at);
        assertThat(LineFramer.indexOfNewline(b, at + 1, len)).isEqualTo(-1);
      }
    }
  }

  @Test
  void aLargeFileIsReadInParallelWithExactlyTheSameLines() throws IOException {
    StringBuilder b = new StringBuilder();
    int n = 0;
    while (b.length() < JsonlTailer.PARALLEL_MIN_BYTES + 1_000_000) {
      b.append("{\"n\":")
          .append(n++)
          .append(",\"pad\":\"")
          .append("p".repeat(n % 300))
          .append("\"}\n");
    }
    b.append("{\"n\":\"partial");
    append(file(), b.toString());
    Recorder parallel = new Recorder();
    tailer =
        new JsonlTailer(
            JsonlTailer.Options.defaults(file()).withCatchUpThreads(3), parallel, clock::get);
    tailer.poll();
    assertThat(parallel.forks).isEqualTo(2);
    assertThat(parallel.lines).hasSize(n);
    assertThat(
            parallel.lines.stream()
                .map(l -> l.substring(5, l.indexOf(',')))
                .mapToInt(Integer::parseInt)
                .sorted()
                .toArray())
        .isEqualTo(IntStream.range(0, n).toArray());
    append(file(), "\"}\n");
    tailer.poll();
    assertThat(parallel.lines).hasSize(n + 1).endsWith("{\"n\":\"partial\"}");
    assertThat(parallel.bytes.get()).isEqualTo(Files.size(file()));
  }

  /** Collects what the tailer delivers; forks share the line list (synchronized). */
  /**
   * Closing the tailer (the exporter stopping) while it reads is a stop, not a read error to warn
   * about.
   */
  @Test
  void closingWhileReadingStopsQuietly() throws Exception {
    append(file(), lines("a", 0, 50_000));
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch closedNow = new CountDownLatch(1);
    TailSink slow =
        new TailSink() {
          @Override
          public void line(byte[] buf, int off, int len) {
            reading.countDown();
            try {
              closedNow.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public void dropped(DroppedLine kind, Path file, long bytes) {}
        };
    JsonlTailer t =
        new JsonlTailer(
            JsonlTailer.Options.defaults(file()).withCatchUpThreads(1), slow, System::nanoTime);
    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      Thread reader = new Thread(t, "reader");
      reader.start();
      assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
      t.close();
      closedNow.countDown();
      reader.join(10_000);
      assertThat(reader.isAlive()).isFalse();
    } finally {
      System.setErr(err);
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("failed");
  }

  static class Recorder implements TailSink {
    final List<String> lines;
    final Map<DroppedLine, Integer> dropped = new EnumMap<>(DroppedLine.class);
    final Map<FileError, Integer> fileErrors = new EnumMap<>(FileError.class);
    final List<Boolean> present = new ArrayList<>();
    final AtomicLong bytes;
    int truncations;
    int rotations;
    int forks;

    Recorder() {
      this(Collections.synchronizedList(new ArrayList<>()), new AtomicLong());
    }

    private Recorder(List<String> lines, AtomicLong bytes) {
      this.lines = lines;
      this.bytes = bytes;
    }

    @Override
    public void line(byte[] buf, int off, int len) {
      lines.add(new String(buf, off, len, StandardCharsets.UTF_8));
    }

    @Override
    public void dropped(DroppedLine kind, Path file, long n) {
      dropped.merge(kind, 1, Integer::sum);
    }

    @Override
    public void bytesRead(long n) {
      bytes.addAndGet(n);
    }

    @Override
    public void fileError(FileError kind, Path file) {
      fileErrors.merge(kind, 1, Integer::sum);
    }

    @Override
    public void truncated(Path file) {
      truncations++;
    }

    @Override
    public void rotated(Path file) {
      rotations++;
    }

    @Override
    public void filePresent(Path file, boolean p) {
      present.add(p);
    }

    @Override
    public TailSink fork() {
      forks++;
      return new Recorder(lines, bytes);
    }
  }
}
