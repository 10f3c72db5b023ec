package io.peaktrade.watch.contracts;

/**
 * The self-metrics of one reader of the event file: ai_live's and the watch API's each follow the
 * file with their own reader and serve the same families under their own names.
 */
public enum ReaderMetrics {
  AI_LIVE(
      Metric.AI_JSONL_LINES,
      Metric.AI_JSONL_READ_ERRORS,
      Metric.AI_JSONL_READ_BYTES,
      Metric.AI_JSONL_TRUNCATIONS,
      Metric.AI_JSONL_ROTATIONS,
      Metric.AI_JSONL_FILE_PRESENT,
      Metric.AI_JSONL_FILE_INFO),
  WATCH_API(
      Metric.WATCH_API_JSONL_LINES,
      Metric.WATCH_API_JSONL_READ_ERRORS,
      Metric.WATCH_API_JSONL_READ_BYTES,
      Metric.WATCH_API_JSONL_TRUNCATIONS,
      Metric.WATCH_API_JSONL_ROTATIONS,
      Metric.WATCH_API_JSONL_FILE_PRESENT,
      Metric.WATCH_API_JSONL_FILE_INFO);

  /** Lines read, by {@code result}. */
  public final Metric lines;

  /** Malformed lines and unreadable files, by {@code kind}. */
  public final Metric readErrors;

  public final Metric readBytes;
  public final Metric truncations;
  public final Metric rotations;
  public final Metric filePresent;

  /** The followed file, as label {@code path}. */
  public final Metric fileInfo;

  ReaderMetrics(
      Metric lines,
      Metric readErrors,
      Metric readBytes,
      Metric truncations,
      Metric rotations,
      Metric filePresent,
      Metric fileInfo) {
    this.lines = lines;
    this.readErrors = readErrors;
    this.readBytes = readBytes;
    this.truncations = truncations;
    this.rotations = rotations;
    this.filePresent = filePresent;
    this.fileInfo = fileInfo;
  }
}
