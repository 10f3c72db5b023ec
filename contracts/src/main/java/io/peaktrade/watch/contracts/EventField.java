package io.peaktrade.watch.contracts;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fields of an AI decision event (schema {@value #SCHEMA}), one JSON object per line of the
 * JSONL event file: what the emitter writes, the exporters read, and docs/contracts.md lists.
 */
public enum EventField {
  SCHEMA_FIELD("schema", Kind.STRING, Role.CONSTANT, "always " + EventField.SCHEMA),
  TS("ts", Kind.STRING, Role.TIME, "ISO-8601 time of the decision"),
  RUN_ID("run_id", Kind.STRING, Role.LABEL, "the run; label run_id"),
  COMPONENT("component", Kind.STRING, Role.LABEL, "the deciding component; label component"),
  EVENT("event", Kind.STRING, Role.CONSTANT, "always " + EventField.EVENT_DECISION),
  DECISION(
      "decision", Kind.STRING, Role.OUTCOME, "accept, reject or noop; label decision (required)"),
  REASON("reason", Kind.STRING, Role.LABEL, "why; label reason"),
  SYMBOL("symbol", Kind.STRING, Role.DETAIL, "instrument, e.g. BTC/EUR (not a label)"),
  STRATEGY("strategy", Kind.STRING, Role.DETAIL, "strategy name (not a label)"),
  CONFIDENCE("confidence", Kind.NUMBER, Role.DETAIL, "0..1 (not a label)"),
  LATENCY_MS("latency_ms", Kind.NUMBER, Role.DETAIL, "decision latency in ms (not a label)");

  /** The value of the {@code schema} field. */
  public static final String SCHEMA = "peaktrade.ai_event.v1";

  /** The value of the {@code event} field. */
  public static final String EVENT_DECISION = "decision";

  /** A JSON value type of the schema. */
  public enum Kind {
    STRING,
    NUMBER
  }

  /**
   * What a field is to a reader, and so how it is read: the parsers dispatch on it, and a field's
   * role decides whether it can become a metric label.
   */
  public enum Role {
    /** One value only ({@link #constant()}); any other is an error or another event type. */
    CONSTANT,
    /** The event's time. */
    TIME,
    /** A free-text value that labels the decision counters (bounded by the exporter). */
    LABEL,
    /** The decision itself: one of a fixed set of values, required. */
    OUTCOME,
    /** Carried and shown (the watch API), validated, never a label. */
    DETAIL
  }

  private static final Map<String, EventField> BY_KEY = new HashMap<>();

  static {
    for (EventField f : values()) {
      BY_KEY.put(f.key, f);
    }
  }

  private final String key;
  private final Kind kind;
  private final Role role;
  private final String meaning;

  EventField(String key, Kind kind, Role role, String meaning) {
    this.key = key;
    this.kind = kind;
    this.role = role;
    this.meaning = meaning;
  }

  public Role role() {
    return role;
  }

  /** The one value of a {@link Role#CONSTANT} field, else {@code null}. */
  public @Nullable String constant() {
    return switch (this) {
      case SCHEMA_FIELD -> SCHEMA;
      case EVENT -> EVENT_DECISION;
      default -> null;
    };
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
  public static @Nullable EventField byKey(String key) {
    return BY_KEY.get(key);
  }
}
