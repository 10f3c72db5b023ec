package io.peaktrade.watch.exporter.tail;

import java.util.Locale;

/**
 * Why the followed path could not be read: counted in the read-errors metric next to the kinds of
 * bad lines (label {@code kind}), once each time it starts to happen, and logged.
 */
public enum FileError {
  /** A directory, FIFO, socket or device at the path: never opened (a FIFO would block). */
  NOT_REGULAR_FILE,
  /** The file exists but may not be read (EACCES). */
  PERMISSION_DENIED,
  /** Reading failed (EIO, a stale handle, …); a rotated file that fails is dropped after this. */
  IO_ERROR;

  /** The value of the {@code kind} label. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
