package io.peaktrade.watch.exporter.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.peaktrade.watch.contracts.EventField;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Classifies one JSONL line against schema {@value EventField#SCHEMA}.
 *
 * <p>Typical lines take the {@link FlatEventScanner} fast path; everything else — and every
 * malformed line — goes through Jackson's streaming parser, which also words the error. Only the
 * fields the exporters use are materialised. Not thread-safe: one parser per reader thread.
 */
public final class EventParser {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * {@code -Dexecution-watch.parser=jackson}: every line through Jackson, no fast path. For the
   * benchmark that shows what the fast path is worth (docs/benchmarks.md); the counts are the same.
   */
  static final boolean JACKSON_ONLY =
      "jackson".equals(System.getProperty("execution-watch.parser"));

  private final FlatEventScanner fast;
  private final boolean details;

  /** A parser that materialises every field the schema names. */
  public EventParser() {
    this(true);
  }

  /**
   * With {@code details} false, symbol, strategy, confidence and latency_ms are validated but left
   * null: the ai_live exporter labels by run_id, component, decision and reason only.
   */
  public EventParser(boolean details) {
    this.details = details;
    this.fast = new FlatEventScanner(details);
  }

  public ParsedLine parse(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return parse(b, 0, b.length);
  }

  public ParsedLine parse(byte[] buf, int off, int len) {
    if (isBlank(buf, off, len)) {
      return ParsedLine.BLANK;
    }
    if (!JACKSON_ONLY) {
      ParsedLine quick = fast.scan(buf, off, len);
      if (quick != FlatEventScanner.NOT_FLAT) {
        return quick;
      }
    }
    ParsedLine full = parseWithJackson(buf, off, len);
    return details || full.event() == null ? full : ParsedLine.parsed(full.event().labelsOnly());
  }

  /**
   * Parses one line for a sink that counts by labels: a valid event's labels go to {@code into}
   * (without an event object on the fast path), and the result is {@link ParsedLine#DELIVERED}; any
   * other line's result says what it is, as {@link #parse(byte[], int, int)} would.
   */
  public ParsedLine parse(byte[] buf, int off, int len, LabelSink into) {
    if (isBlank(buf, off, len)) {
      return ParsedLine.BLANK;
    }
    if (!JACKSON_ONLY && fast.read(buf, off, len)) {
      fast.deliverLabels(into);
      return ParsedLine.DELIVERED;
    }
    ParsedLine full = parseWithJackson(buf, off, len);
    AiEvent e = full.event();
    if (e == null) {
      return full;
    }
    into.labelsOf(e);
    return ParsedLine.DELIVERED;
  }

  /** The reference path: the full JSON grammar, precise classification of every bad line. */
  static ParsedLine parseWithJackson(byte[] buf, int off, int len) {
    if (isBlank(buf, off, len)) {
      return ParsedLine.BLANK;
    }
    try (JsonParser p = JSON.createParser(buf, off, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return ParsedLine.bad(LineKind.WRONG_TYPE, "top-level value is not a JSON object");
      }
      ParsedLine result = readObject(p);
      if (p.nextToken() != null) {
        return ParsedLine.bad(LineKind.NOT_JSON, "extra content after the JSON object");
      }
      return result;
    } catch (JsonEOFException e) {
      return ParsedLine.bad(LineKind.TRUNCATED, "line ends inside a JSON value");
    } catch (StreamReadException e) {
      if (e.getOriginalMessage() != null
          && e.getOriginalMessage().startsWith("Unexpected end-of-input")) {
        return ParsedLine.bad(LineKind.TRUNCATED, "line ends inside a JSON value");
      }
      return ParsedLine.bad(LineKind.NOT_JSON, e.getOriginalMessage());
    } catch (IOException e) {
      return ParsedLine.bad(LineKind.NOT_JSON, e.getMessage());
    }
  }

  private static ParsedLine readObject(JsonParser p) throws IOException {
    String schema = null, ts = null, runId = null, component = null, event = null;
    String decision = null, reason = null, symbol = null, strategy = null;
    Double confidence = null, latencyMs = null;
    String wrongType = null;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      EventField field = EventField.byKey(name);
      if (field == null) {
        p.skipChildren();
      } else {
        switch (field) {
          case DECISION -> {
            if (v == JsonToken.VALUE_STRING) {
              decision = p.getText();
            } else {
              wrongType = name + " is " + describe(v) + ", expected a string";
            }
          }
          case REASON -> reason = text(p, v);
          case RUN_ID -> runId = text(p, v);
          case COMPONENT -> component = text(p, v);
          case TS -> ts = text(p, v);
          case SCHEMA_FIELD -> schema = text(p, v);
          case EVENT -> event = text(p, v);
          case SYMBOL -> symbol = text(p, v);
          case STRATEGY -> strategy = text(p, v);
          case CONFIDENCE -> confidence = number(p, v);
          case LATENCY_MS -> latencyMs = number(p, v);
        }
      }
      if (v == null) {
        break;
      }
      if (wrongType == null
          && field != null
          && field != EventField.DECISION
          && v != JsonToken.VALUE_NULL
          && !typeMatches(field, v)) {
        wrongType = name + " is " + describe(v) + ", expected " + expected(field);
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new JsonEOFException(p, t, "object not closed");
    }
    if (event != null && !EventField.EVENT_DECISION.equals(event)) {
      return new ParsedLine(LineKind.IGNORED, null, "event type " + event);
    }
    if (wrongType != null) {
      return ParsedLine.bad(LineKind.WRONG_TYPE, wrongType);
    }
    if (schema != null && !EventField.SCHEMA.equals(schema)) {
      return ParsedLine.bad(
          LineKind.UNKNOWN_SCHEMA, "schema " + schema + " is not " + EventField.SCHEMA);
    }
    if (decision == null) {
      return ParsedLine.bad(LineKind.MISSING_DECISION, "no decision field");
    }
    Decision d = Decision.fromLabel(decision);
    if (d == null) {
      return ParsedLine.bad(
          LineKind.UNKNOWN_DECISION,
          "decision '" + abbreviate(decision) + "' is not accept, reject or noop");
    }
    return ParsedLine.parsed(
        new AiEvent(
            ts,
            blankToNull(runId),
            blankToNull(component),
            d,
            reason == null || reason.isEmpty() ? "none" : reason,
            symbol,
            strategy,
            confidence,
            latencyMs));
  }

  private static String text(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  private static Double number(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NUMBER_FLOAT || v == JsonToken.VALUE_NUMBER_INT) {
      return p.getDoubleValue();
    }
    p.skipChildren();
    return null;
  }

  private static boolean typeMatches(EventField field, JsonToken v) {
    return field.kind() == EventField.Kind.NUMBER
        ? v == JsonToken.VALUE_NUMBER_FLOAT || v == JsonToken.VALUE_NUMBER_INT
        : v == JsonToken.VALUE_STRING;
  }

  private static String expected(EventField field) {
    return field.kind() == EventField.Kind.NUMBER ? "a number" : "a string";
  }

  private static String describe(JsonToken v) {
    if (v == null) {
      return "missing";
    }
    return switch (v) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> v.toString();
    };
  }

  private static boolean isBlank(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
