package io.peaktrade.watch.exporter.tail;

/** Why the tailer could not deliver a line (the reader of the lines counts it as a bad line). */
public enum DroppedLine {
  /** Longer than the configured maximum line length; skipped up to its newline. */
  TOO_LONG,
  /** Bytes without a final newline left behind when the file was truncated or rotated away. */
  PARTIAL
}
