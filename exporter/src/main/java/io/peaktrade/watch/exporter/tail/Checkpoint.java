package io.peaktrade.watch.exporter.tail;

/**
 * The moments the tailer offers its read positions for keeping (docs/counting.md). At every one of
 * them each offset is exactly what has been delivered, so counts and positions kept together belong
 * together.
 */
public enum Checkpoint {
  /** After an ordinary pass: kept now and then. */
  PASS,
  /**
   * A file was opened (at the start, after a rotation, after a truncation, when resuming), before
   * any of its lines is delivered: kept at once, so that no file read later is one a restart does
   * not know.
   */
  OPENED,
  /** The first catch-up after the start is done: kept at once. */
  CAUGHT_UP,
  /** Reading stops. */
  LAST;

  /** Whether this moment is kept at once rather than now and then. */
  public boolean urgent() {
    return this != PASS;
  }
}
