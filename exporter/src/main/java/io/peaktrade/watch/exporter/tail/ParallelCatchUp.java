package io.peaktrade.watch.exporter.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Reads a large file from its start with several threads: the file up to its last newline is cut at
 * line boundaries, each later part goes to a {@link TailSink#fork() forked} sink, and the parts are
 * joined in file order. Afterwards the file goes on from the last cut, read as usual.
 */
final class ParallelCatchUp {

  /** Below this size a parallel catch-up does not pay for its threads. */
  static final long MIN_BYTES = 16L << 20;

  private ParallelCatchUp() {}

  /**
   * Catches up with {@code f} (opened at offset 0) in {@code parts} parts, if it is large enough
   * and its sink can fork; returns whether it did.
   */
  static boolean run(OpenFile f, int parts, int bufferBytes, int maxLineBytes, String threadName)
      throws IOException {
    long size = f.ch.size();
    if (parts < 2 || size < MIN_BYTES) {
      return false;
    }
    List<TailSink> forks = new ArrayList<>();
    for (int i = 1; i < parts; i++) {
      TailSink fork = f.out.fork();
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
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<OpenFile>> later = new ArrayList<>();
      for (int i = 1; i < parts; i++) {
        OpenFile part = f.part(forks.get(i - 1), cuts[i], cuts[i + 1], bufferBytes, maxLineBytes);
        later.add(
            pool.submit(
                () -> {
                  part.readAvailable();
                  return part;
                }));
      }
      f.limit = cuts[1];
      f.readAvailable();
      for (Future<OpenFile> part : later) {
        f.out.join(part.get().out);
      }
      f.limit = Long.MAX_VALUE;
      f.readPos = cuts[parts];
      return true;
    } catch (ExecutionException e) {
      // Parts were partly counted already, so re-reading would count twice: report, and go on
      // from the last cut.
      f.limit = Long.MAX_VALUE;
      f.readPos = cuts[parts];
      throw new IOException(
          "parallel catch-up failed; some lines before byte "
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
  static long @Nullable [] lineCuts(FileChannel ch, long size, int parts) throws IOException {
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
}
