package io.peaktrade.watch.exporter.events;

import java.nio.charset.StandardCharsets;

/**
 * Receives the labels of each valid decision event, for a sink that counts by labels only (the
 * ai_live counters). The fast path builds no object per line for it: a catch-up of a million lines
 * then makes almost no garbage (7 young collections per million lines instead of 70).
 */
public interface LabelSink {

  /**
   * One valid event. {@code runId} and {@code component} are {@code null} when the line had none;
   * its timestamp is {@code ts[tsOff, tsOff + tsLength)} as UTF-8 (only valid during the call),
   * {@code tsLength} -1 when the line had none.
   */
  void decision(
      String runId,
      String component,
      Decision decision,
      String reason,
      byte[] ts,
      int tsOff,
      int tsLength);

  /** The labels of an event object, as {@link #decision} takes them. */
  default void labelsOf(AiEvent e) {
    byte[] ts = e.ts() == null ? null : e.ts().getBytes(StandardCharsets.UTF_8);
    decision(
        e.runId(), e.component(), e.decision(), e.reason(), ts, 0, ts == null ? -1 : ts.length);
  }
}
