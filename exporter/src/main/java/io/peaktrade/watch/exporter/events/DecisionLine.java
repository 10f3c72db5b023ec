package io.peaktrade.watch.exporter.events;

import io.peaktrade.watch.contracts.EventField;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The valid decision event of the line just parsed, as the one {@link EventSink} seam hands it on:
 * a view, reused for every line and valid only during the call. Label values are the parser's
 * cached instances; other text is read from the line's bytes only when a sink asks for it, so a
 * sink that counts by labels makes no garbage per line.
 */
public final class DecisionLine {

  private static final int FIELDS = EventField.values().length;

  private final @Nullable String[] text = new String[FIELDS];
  // text not yet made a String: a range of buf, start -1 when there is none
  private final int[] start = new int[FIELDS];
  private final int[] end = new int[FIELDS];
  private final double[] number = new double[FIELDS];
  private final boolean[] hasNumber = new boolean[FIELDS];
  private byte @Nullable [] buf;
  private @Nullable Decision decision;
  // the time as bytes: the line's own, or the UTF-8 of the text Jackson read
  private byte @Nullable [] tsBytes;
  private int tsOff;
  private int tsLength = -1;

  /** Starts the next line, held in {@code line}. */
  void reset(byte @Nullable [] line) {
    buf = line;
    Arrays.fill(text, null);
    Arrays.fill(start, -1);
    Arrays.fill(hasNumber, false);
    decision = null;
    tsBytes = null;
    tsLength = -1;
  }

  void text(EventField f, @Nullable String value) {
    text[f.ordinal()] = value;
    if (f == EventField.TS && value != null) {
      tsBytes = value.getBytes(StandardCharsets.UTF_8);
      tsOff = 0;
      tsLength = tsBytes.length;
    }
  }

  /** Text of the line's bytes {@code [from, to)} (printable ASCII: the scanner checked). */
  void range(EventField f, int from, int to) {
    start[f.ordinal()] = from;
    end[f.ordinal()] = to;
    if (f == EventField.TS) {
      tsBytes = buf;
      tsOff = from;
      tsLength = to - from;
    }
  }

  void number(EventField f, double value) {
    number[f.ordinal()] = value;
    hasNumber[f.ordinal()] = true;
  }

  void decision(Decision d) {
    decision = d;
  }

  public Decision decision() {
    return Objects.requireNonNull(decision, "no valid event in this line");
  }

  /** The run_id, {@code null} when the line had none (the reader labels it with its default). */
  public @Nullable String runId() {
    return emptyToNull(text(EventField.RUN_ID));
  }

  /** The component, {@code null} when the line had none. */
  public @Nullable String component() {
    return emptyToNull(text(EventField.COMPONENT));
  }

  /** The reason, {@code none} when the line had none. */
  public String reason() {
    String reason = text(EventField.REASON);
    return reason == null || reason.isEmpty() ? "none" : reason;
  }

  /** A string field's value, or {@code null}. */
  public @Nullable String text(EventField f) {
    int i = f.ordinal();
    if (text[i] == null && start[i] >= 0) {
      text[i] = new String(buf, start[i], end[i] - start[i], StandardCharsets.ISO_8859_1);
    }
    return text[i];
  }

  /** A number field's value, or {@code null}. */
  public @Nullable Double number(EventField f) {
    return hasNumber[f.ordinal()] ? number[f.ordinal()] : null;
  }

  /** The ts field's bytes are {@code tsBytes()[tsOffset(), tsOffset() + tsLength())}. */
  public byte @Nullable [] tsBytes() {
    return tsBytes;
  }

  public int tsOffset() {
    return tsOff;
  }

  /** -1 when the line has no ts. */
  public int tsLength() {
    return tsLength;
  }

  /** The event as a value that outlives the call. */
  public AiEvent toEvent() {
    return new AiEvent(
        text(EventField.TS),
        runId(),
        component(),
        decision(),
        reason(),
        text(EventField.SYMBOL),
        text(EventField.STRATEGY),
        number(EventField.CONFIDENCE),
        number(EventField.LATENCY_MS));
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
