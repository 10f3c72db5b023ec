package io.peaktrade.watch.exporter.events;

/**
 * The outcome of parsing one line: its kind, the event when it is {@link LineKind#PARSED}, and for
 * malformed lines a short explanation fit for a log line.
 */
public record ParsedLine(LineKind kind, AiEvent event, String problem) {

  static final ParsedLine BLANK = new ParsedLine(LineKind.IGNORED, null, "blank line");

  /** A valid event, handed to a {@link LabelSink} instead of carried here. */
  static final ParsedLine DELIVERED = new ParsedLine(LineKind.PARSED, null, null);

  static ParsedLine parsed(AiEvent event) {
    return new ParsedLine(LineKind.PARSED, event, null);
  }

  static ParsedLine bad(LineKind kind, String problem) {
    return new ParsedLine(kind, null, problem);
  }
}
