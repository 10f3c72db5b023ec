package io.peaktrade.watch.contracts;

import java.util.HashMap;
import java.util.Map;

/**
 * The fields of an AI decision event (schema {@value #SCHEMA}), one JSON object per line of the
 * JSONL event file: what the emitter writes, the exporters read, and docs/contracts.md lists.
 */
public enum EventField {
  SCHEMA_FIELD("schema", Kind.STRING, "always " + EventField.SCHEMA),
  TS("ts", Kind.STRING, "ISO-8601 time of the decision"),
  RUN_ID("run_id", Kind.STRING, "the run; label run_id"),
  COMPONENT("component", Kind.STRING, "the deciding component; label component"),
  EVENT("event", Kind.STRING, "always " + EventField.EVENT_DECISION),
  DECISION("decision", Kind.STRING, "accept, reject or noop; label decision (required)"),
  REASON("reason", Kind.STRING, "why; label reason"),
  SYMBOL("symbol", Kind.STRING, "instrument, e.g. BTC/EUR (not a label)"),
  STRATEGY("strategy", Kind.STRING, "strategy name (not a label)"),
  CONFIDENCE("confidence", Kind.NUMBER, "0..1 (not a label)"),
  LATENCY_MS("latency_ms", Kind.NUMBER, "decision latency in ms (not a label)");

  /** The value of the {@code schema} field. */
  public static final String SCHEMA = "peaktrade.ai_event.v1";

  /** The value of the {@code event} field. */
  public static final String EVENT_DECISION = "decision";

  /** A JSON value type of the schema. */
  public enum Kind {
    STRING,
    NUMBER
  }

  private static final Map<String, EventField> BY_KEY = new HashMap<>();

  static {
    for (EventField f : values()) {
      BY_KEY.put(f.key, f);
    }
  }

  private final String key;
  private final Kind kind;
  private final String meaning;

  EventField(String key, Kind kind, String meaning) {
    this.key = key;
    this.kind = kind;
    this.meaning = meaning;
  }

  /** The JSON key. */
  public String key() {
    return key;
  }

  public Kind kind() {
    return kind;
  }

  public String meaning() {
    return meaning;
  }

  /** The field with this JSON key, or {@code null} for a key outside the schema. */
  public static EventField byKey(String key) {
    return BY_KEY.get(key);
  }
}
