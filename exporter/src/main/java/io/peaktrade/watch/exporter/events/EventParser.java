package io.peaktrade.watch.exporter.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.peaktrade.watch.contracts.EventField;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Classifies one JSONL line against schema {@value EventField#SCHEMA}.
 *
 * <p>Typical lines take the {@link FlatEventScanner} fast path; everything else — and every
 * malformed line — goes through Jackson's streaming parser, which also words the error. Either way
 * a valid event ends up in the one {@link DecisionLine} of this parser. Not thread-safe: one parser
 * per reader thread.
 */
public final class EventParser {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * {@code -Dexecution-watch.parser=jackson}: every line through Jackson, no fast path. For the
   * benchmark that shows what the fast path is worth (docs/benchmarks.md); the counts are the same.
   */
  static final boolean JACKSON_ONLY =
      "jackson".equals(System.getProperty("execution-watch.parser"));

  private final FlatEventScanner fast = new FlatEventScanner();
  private final DecisionLine line = new DecisionLine();

  /**
   * Classifies one line; when it is a valid event ({@link LineKind.Result#PARSED}), {@link #line()}
   * holds it until the next call.
   */
  public ParsedLine parse(byte[] buf, int off, int len) {
    if (isBlank(buf, off, len)) {
      return ParsedLine.BLANK;
    }
    if (!JACKSON_ONLY && fast.read(buf, off, len, line)) {
      return ParsedLine.VALID;
    }
    ParsedLine full = parseWithJackson(buf, off, len);
    if (full.event() != null) {
      fill(line, full.event());
    }
    return full;
  }

  /** The valid event of the line parsed last. */
  public DecisionLine line() {
    return line;
  }

  /** One line as text, its event (if valid) materialised: for callers outside the read loop. */
  public ParsedLine parse(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    ParsedLine p = parse(b, 0, b.length);
    return p == ParsedLine.VALID ? ParsedLine.parsed(line.toEvent()) : p;
  }

  private static void fill(DecisionLine line, AiEvent e) {
    line.reset(null);
    line.decision(e.decision());
    line.text(EventField.TS, e.ts());
    line.text(EventField.RUN_ID, e.runId());
    line.text(EventField.COMPONENT, e.component());
    line.text(EventField.REASON, e.reason());
    line.text(EventField.SYMBOL, e.symbol());
    line.text(EventField.STRATEGY, e.strategy());
    if (e.confidence() != null) {
      line.number(EventField.CONFIDENCE, e.confidence());
    }
    if (e.latencyMs() != null) {
      line.number(EventField.LATENCY_MS, e.latencyMs());
    }
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

  private static @Nullable String text(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  private static @Nullable Double number(JsonParser p, JsonToken v) throws IOException {
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

  private static String describe(@Nullable JsonToken v) {
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

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
