package io.peaktrade.watch.exporter.tail;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Receives what a {@link JsonlTailer} reads, on the tailer's thread. */
public interface TailSink {

  /** One complete line, without its newline. The bytes are only valid during the call. */
  void line(byte[] buf, int off, int len);

  /** A line that could not be delivered, and how many bytes it had. */
  void dropped(DroppedLine kind, Path file, long bytes);

  /** {@code n} bytes were read from the file. */
  default void bytesRead(long n) {}

  /** The file shrank below the read offset, or its head was rewritten: reading restarts at 0. */
  default void truncated(Path file) {}

  /** A new file appeared at the path (rename-rotation or delete and recreate). */
  default void rotated(Path file) {}

  /** The path could not be read for this reason (reported once each time it starts). */
  default void fileError(FileError kind, Path file) {}

  /** Whether a file exists at the followed path, reported on every change. */
  default void filePresent(Path file, boolean present) {}

  /** A chunk of lines was delivered: a good moment to publish batched state. */
  default void chunkDone() {}

  /**
   * A sink for a later part of the file, read on another thread while this one reads the first part
   * (catch-up of a large existing file). {@code null}, the default, means lines must arrive in file
   * order, and the file is read sequentially.
   */
  default @Nullable TailSink fork() {
    return null;
  }

  /** Takes over what a forked sink collected; called on this sink's thread, in file order. */
  default void join(TailSink part) {}
}
