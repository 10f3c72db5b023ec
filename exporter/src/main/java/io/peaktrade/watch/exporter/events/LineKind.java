package io.peaktrade.watch.exporter.events;

import java.util.Locale;

/**
 * How one line of the event file was classified. Every line gets exactly one kind, so the
 * self-metrics add up to the number of lines read.
 */
public enum LineKind {
  /** A valid decision event: counted in {@code peaktrade_ai_decisions_total}. */
  PARSED(Result.PARSED),
  /** A blank line, or an object whose {@code event} is not {@code decision}: skipped on purpose. */
  IGNORED(Result.IGNORED),
  /** Not JSON at all. */
  NOT_JSON(Result.MALFORMED),
  /** JSON that ends before the value is complete (a line cut short). */
  TRUNCATED(Result.MALFORMED),
  /** JSON of the wrong shape: not an object, or a field of the wrong type. */
  WRONG_TYPE(Result.MALFORMED),
  /** An object without a {@code decision} field. */
  MISSING_DECISION(Result.MALFORMED),
  /** A {@code decision} outside accept | reject | noop. */
  UNKNOWN_DECISION(Result.MALFORMED),
  /** A {@code schema} other than {@value io.peaktrade.watch.contracts.EventField#SCHEMA}. */
  UNKNOWN_SCHEMA(Result.MALFORMED),
  /** Longer than the configured maximum line length; skipped up to its newline. */
  TOO_LONG(Result.MALFORMED),
  /** Bytes without a final newline left behind when the file was truncated or rotated away. */
  PARTIAL(Result.MALFORMED);

  /** The coarse outcome used for the {@code result} label. */
  public enum Result {
    PARSED,
    MALFORMED,
    IGNORED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Result result;

  LineKind(Result result) {
    this.result = result;
  }

  public Result result() {
    return result;
  }

  public boolean malformed() {
    return result == Result.MALFORMED;
  }

  /** The value of the {@code kind} label. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
