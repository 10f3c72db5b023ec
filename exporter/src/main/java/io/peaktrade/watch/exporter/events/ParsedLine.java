package io.peaktrade.watch.exporter.events;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of parsing one line: its kind, for malformed lines a short explanation fit for a log
 * line, and the event when a caller asked for it as a value ({@link EventParser#parse(String)}; the
 * read loop takes it from {@link EventParser#line()}).
 */
public record ParsedLine(LineKind kind, @Nullable AiEvent event, @Nullable String problem) {

  static final ParsedLine BLANK = new ParsedLine(LineKind.IGNORED, null, "blank line");

  /** A valid event, left in the parser's {@link DecisionLine} instead of carried here. */
  static final ParsedLine VALID = new ParsedLine(LineKind.PARSED, null, null);

  static ParsedLine parsed(AiEvent event) {
    return new ParsedLine(LineKind.PARSED, event, null);
  }

  static ParsedLine bad(LineKind kind, @Nullable String problem) {
    return new ParsedLine(kind, null, problem);
  }
}
