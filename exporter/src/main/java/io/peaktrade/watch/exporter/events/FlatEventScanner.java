package io.peaktrade.watch.exporter.events;

import io.peaktrade.watch.contracts.EventField;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path of {@link EventParser}: accepts a strict subset of JSON — one flat object of ASCII
 * strings without escapes, plain numbers, booleans and nulls — and reads the event fields from it
 * without building a token stream. Any line outside that subset, valid or not, is left to Jackson,
 * so this class only ever has to be right about lines it accepts; a differential test holds it to
 * Jackson's verdict.
 */
final class FlatEventScanner {

  /** Sentinel: the line is not in the subset; parse it with Jackson. */
  static final ParsedLine NOT_FLAT = new ParsedLine(LineKind.IGNORED, null, "not flat");

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private static final int FIELDS = Field.values().length;
  private static final byte[] SCHEMA_VALUE = EventField.SCHEMA.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT_VALUE =
      EventField.EVENT_DECISION.getBytes(StandardCharsets.US_ASCII);
  private static final byte[][] DECISION_VALUES = new byte[Decision.values().length][];

  static {
    for (Decision d : Decision.values()) {
      DECISION_VALUES[d.ordinal()] = d.label().getBytes(StandardCharsets.US_ASCII);
    }
  }

  private final StringCache labels = new StringCache();

  /** String fields of the current line by {@link Field#ordinal()}. */
  private final String[] text = new String[FIELDS];

  /**
   * Lines of one file look alike: the key that followed each key last time, and each label field's
   * recent values. A line that matches them is read in one pass, without hashing or lookups.
   */
  private final Field[] nextKey = new Field[FIELDS + 1];

  private final Recent[] recent = new Recent[FIELDS];

  /**
   * Whether symbol, strategy, confidence and latency_ms are materialised (still validated if not).
   */
  private final boolean details;

  private byte[] b;
  private int pos;
  private int end;
  // value of the last scanned string, as a range of b
  private int strStart;
  private int strEnd;
  private double number;
  private boolean numberExact;
  // the event of the last line read, when read() accepted it
  private Decision decision;
  private Double confidence;
  private Double latencyMs;
  // its timestamp as a range of b, tsLength -1 when the line has none
  private int tsStart;
  private int tsLength;

  FlatEventScanner(boolean details) {
    this.details = details;
    for (int i = 0; i < FIELDS; i++) {
      recent[i] = new Recent();
    }
  }

  /** The line as an event, or {@link #NOT_FLAT}. */
  ParsedLine scan(byte[] buf, int off, int len) {
    return read(buf, off, len) ? ParsedLine.parsed(event()) : NOT_FLAT;
  }

  /**
   * Hands the labels of the line {@link #read} last accepted to {@code into}, building nothing: the
   * label values are the cached instances, the timestamp a range of the line's bytes.
   */
  void deliverLabels(LabelSink into) {
    into.decision(
        emptyToNull(text[Field.RUN_ID.ordinal()]),
        emptyToNull(text[Field.COMPONENT.ordinal()]),
        decision,
        reason(),
        b,
        tsStart,
        tsLength);
  }

  /** The line {@link #read} last accepted, as an event (labels only unless {@code details}). */
  AiEvent event() {
    return new AiEvent(
        tsLength < 0 ? null : new String(b, tsStart, tsLength, StandardCharsets.ISO_8859_1),
        emptyToNull(text[Field.RUN_ID.ordinal()]),
        emptyToNull(text[Field.COMPONENT.ordinal()]),
        decision,
        reason(),
        text[Field.SYMBOL.ordinal()],
        text[Field.STRATEGY.ordinal()],
        confidence,
        latencyMs);
  }

  private String reason() {
    String reason = text[Field.REASON.ordinal()];
    return reason == null || reason.isEmpty() ? "none" : reason;
  }

  /**
   * Reads the line if it is in the subset, leaving its event in this scanner for {@link #event} or
   * {@link #deliverLabels} (valid until the next call, and only while {@code buf} holds the line);
   * false if the line is Jackson's to parse.
   */
  boolean read(byte[] buf, int off, int len) {
    this.b = buf;
    this.pos = off;
    this.end = off + len;
    String[] text = this.text;
    Arrays.fill(text, null);
    Decision decision = null;
    Double confidence = null, latencyMs = null;
    tsLength = -1;
    skipWs();
    if (!take('{')) {
      return false;
    }
    skipWs();
    if (!take('}')) {
      int previous = FIELDS; // the slot of "line start" in nextKey
      while (true) {
        Field field = key(nextKey[previous]);
        if (field == null) {
          return false;
        }
        nextKey[previous] = field;
        previous = field.ordinal();
        skipWs();
        if (pos >= end) {
          return false;
        }
        byte c = b[pos];
        if (c == '"') {
          pos++;
          switch (field) {
            case DECISION -> {
              decision = decision();
              if (decision == null) {
                return false;
              }
            }
            // Only one value is valid: anything else is Jackson's to report.
            case SCHEMA, EVENT -> {
              if (!exact(field == Field.SCHEMA ? SCHEMA_VALUE : EVENT_VALUE)) {
                return false;
              }
            }
            case TS -> {
              if (!stringBody()) {
                return false;
              }
              tsStart = strStart;
              tsLength = strEnd - strStart;
            }
            case CONFIDENCE, LATENCY_MS -> {
              return false; // wrong type: Jackson words the error
            }
            default -> {
              if (field == Field.OTHER || !details && field.isDetail()) {
                if (!stringBody()) {
                  return false;
                }
              } else {
                String value = label(field);
                if (value == null) {
                  return false;
                }
                text[field.ordinal()] = value;
              }
            }
          }
        } else if (c == '-' || (c >= '0' && c <= '9')) {
          if (!number() || (field.isNumber() && !numberExact)) {
            return false;
          }
          if (field == Field.CONFIDENCE) {
            confidence = details ? number : null;
          } else if (field == Field.LATENCY_MS) {
            latencyMs = details ? number : null;
          } else if (field != Field.OTHER) {
            return false;
          }
        } else if (literal("null")) {
          // a null field counts as absent, as with Jackson
        } else if (field == Field.OTHER && (literal("true") || literal("false"))) {
          // booleans are fine in fields we do not read
        } else {
          return false;
        }
        if (take(',')) {
          skipWs();
          continue;
        }
        skipWs();
        if (take('}')) {
          break;
        }
        if (!take(',')) {
          return false;
        }
        skipWs();
      }
    }
    skipWs();
    if (pos != end || decision == null) {
      return false;
    }
    this.decision = decision;
    this.confidence = confidence;
    this.latencyMs = latencyMs;
    return true;
  }

  /**
   * A key and its colon; the expected key is tried first, as one compare of {@code "name":}. Null
   * if there is no plain string and colon here.
   */
  private Field key(Field expected) {
    if (expected != null && matches(expected.token)) {
      return expected;
    }
    if (!take('"') || !stringBody()) {
      return null;
    }
    Field field = Field.of(b, strStart, strEnd - strStart);
    skipWs();
    return take(':') ? field : null;
  }

  /**
   * A label value (after its opening quote): one of this field's recent values, if it is one again.
   */
  private String label(Field field) {
    Recent seen = recent[field.ordinal()];
    for (int i = 0; i < seen.size; i++) {
      Label known = seen.labels[i];
      if (exact(known.bytes())) {
        return known.text();
      }
    }
    if (!stringBody()) {
      return null;
    }
    Label value = labels.get(b, strStart, strEnd);
    seen.add(value);
    return value.text();
  }

  private Decision decision() {
    Decision candidate =
        pos < end
            ? switch (b[pos]) {
              case 'a' -> Decision.ACCEPT;
              case 'r' -> Decision.REJECT;
              case 'n' -> Decision.NOOP;
              default -> null;
            }
            : null;
    return candidate != null && exact(DECISION_VALUES[candidate.ordinal()]) ? candidate : null;
  }

  /**
   * Whether the string at {@link #pos} (after its opening quote) is exactly {@code word}, a plain
   * ASCII word; if so, moves past the closing quote.
   */
  private boolean exact(byte[] word) {
    int n = word.length;
    if (end - pos <= n || b[pos + n] != '"' || !bytesAt(word)) {
      return false;
    }
    pos += n + 1;
    return true;
  }

  /** Whether {@code bytes} come next; if so, moves past them. */
  private boolean matches(byte[] bytes) {
    if (end - pos < bytes.length || !bytesAt(bytes)) {
      return false;
    }
    pos += bytes.length;
    return true;
  }

  /**
   * Whether {@code bytes} are at {@link #pos} (the caller checked the length). A plain loop, not
   * Arrays.equals: it is inlined at several call sites of the hottest method, and the intrinsic's
   * code made that method's C2 compile — on the critical path at start-up — several times slower.
   */
  private boolean bytesAt(byte[] bytes) {
    byte[] line = b;
    int at = pos;
    for (int i = 0; i < bytes.length; i++) {
      if (line[at + i] != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private void skipWs() {
    while (pos < end) {
      byte c = b[pos];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return;
      }
      pos++;
    }
  }

  private boolean take(char c) {
    if (pos < end && b[pos] == c) {
      pos++;
      return true;
    }
    return false;
  }

  /**
   * The rest of a string after its opening quote: printable ASCII without escapes; leaves its
   * content in [strStart, strEnd) and moves past the closing quote. A plain byte loop on purpose:
   * the strings are short, and a small method gets compiled sooner.
   */
  private boolean stringBody() {
    byte[] bytes = b;
    for (int p = pos; p < end; p++) {
      byte c = bytes[p];
      if (c == '"') {
        strStart = pos;
        strEnd = p;
        pos = p + 1;
        return true;
      }
      if (c < 0x20 || c == '\\') {
        return false; // control bytes, non-ASCII (negative as byte) and escapes: Jackson's job
      }
    }
    return false;
  }

  /**
   * A JSON number ({@code -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?}). {@link #numberExact} tells
   * whether {@link #number} holds its exact double (mantissa and power of ten both exact, so the
   * division is correctly rounded); otherwise the caller falls back.
   */
  private boolean number() {
    boolean negative = take('-');
    long mantissa = 0;
    int digits = 0;
    int scale = 0;
    if (take('0')) {
      digits = 1;
    } else {
      while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
        mantissa = mantissa * 10 + (b[pos++] - '0');
        digits++;
      }
      if (digits == 0) {
        return false;
      }
    }
    if (take('.')) {
      int frac = 0;
      while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
        mantissa = mantissa * 10 + (b[pos++] - '0');
        digits++;
        frac++;
      }
      if (frac == 0) {
        return false;
      }
      scale = frac;
    }
    boolean exponent = pos < end && (b[pos] == 'e' || b[pos] == 'E');
    if (exponent) {
      pos++;
      if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
        pos++;
      }
      int expDigits = 0;
      while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
        pos++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    numberExact = !exponent && digits <= 15 && scale < POW10.length;
    if (numberExact) {
      double v = mantissa / POW10[scale];
      number = negative ? -v : v;
    }
    return true;
  }

  private boolean literal(String word) {
    int n = word.length();
    if (end - pos < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[pos + i] != word.charAt(i)) {
        return false;
      }
    }
    pos += n;
    return true;
  }

  /** The fields the scanner reads (the schema's); every other name is skipped. */
  enum Field {
    SCHEMA(EventField.SCHEMA_FIELD),
    TS(EventField.TS),
    RUN_ID(EventField.RUN_ID),
    COMPONENT(EventField.COMPONENT),
    EVENT(EventField.EVENT),
    DECISION(EventField.DECISION),
    REASON(EventField.REASON),
    SYMBOL(EventField.SYMBOL),
    STRATEGY(EventField.STRATEGY),
    CONFIDENCE(EventField.CONFIDENCE),
    LATENCY_MS(EventField.LATENCY_MS),
    OTHER(null);

    private final EventField schema;
    private final String key;
    private final byte[] name;

    /** The key as it usually appears: {@code "name":}. */
    private final byte[] token;

    Field(EventField schema) {
      this.schema = schema;
      this.key = schema == null ? "" : schema.key();
      this.name = key.getBytes(StandardCharsets.US_ASCII);
      this.token = ('"' + key + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    /** The schema's field, {@code null} for OTHER. */
    EventField schema() {
      return schema;
    }

    /** Numbers in the schema; any other type there is Jackson's to report. */
    boolean isNumber() {
      return schema != null && schema.kind() == EventField.Kind.NUMBER;
    }

    /** Read only when the caller wants details (validated either way). */
    boolean isDetail() {
      return this == SYMBOL || this == STRATEGY;
    }

    /** By length and first letters first: this runs for every key of every line. */
    static Field of(byte[] b, int off, int len) {
      Field candidate =
          switch (len) {
            case 2 -> TS;
            case 5 -> EVENT;
            case 6 ->
                b[off] == 's'
                    ? (b[off + 1] == 'c' ? SCHEMA : SYMBOL)
                    : (b[off + 1] == 'u' ? RUN_ID : REASON);
            case 8 -> b[off] == 'd' ? DECISION : STRATEGY;
            case 9 -> COMPONENT;
            case 10 -> b[off] == 'c' ? CONFIDENCE : LATENCY_MS;
            default -> OTHER;
          };
      return candidate.matches(b, off, len) ? candidate : OTHER;
    }

    private boolean matches(byte[] b, int off, int len) {
      if (this == OTHER || name.length != len) {
        return false;
      }
      for (int i = 0; i < len; i++) {
        if (b[off + i] != name[i]) {
          return false;
        }
      }
      return true;
    }
  }

  /** A label value: its bytes as in the file, and the one String handed out for them. */
  private record Label(byte[] bytes, String text) {}

  /**
   * Label values repeat endlessly (three decisions, a handful of reasons): reuse one String per
   * distinct byte sequence instead of allocating one per line. Bounded; on overflow it allocates.
   */
  static final class StringCache {
    private static final int SLOTS = 1024;
    private final Label[] slots = new Label[SLOTS];

    Label get(byte[] b, int from, int to) {
      int len = to - from;
      if (len > 64) {
        return label(b, from, to);
      }
      int h = len;
      for (int i = from; i < to; i++) {
        h = 31 * h + b[i];
      }
      int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
      Label known = slots[slot];
      if (known == null || !Arrays.equals(known.bytes(), 0, known.bytes().length, b, from, to)) {
        known = label(b, from, to);
        slots[slot] = known;
      }
      return known;
    }

    private static Label label(byte[] b, int from, int to) {
      return new Label(
          Arrays.copyOfRange(b, from, to),
          new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    }
  }

  /** The last few values of one label field, each tried with {@link #exact} before any lookup. */
  private static final class Recent {
    private static final int SIZE = 8;
    final Label[] labels = new Label[SIZE];
    int size;
    private int next;

    void add(Label label) {
      labels[next] = label;
      next = (next + 1) % SIZE;
      size = Math.min(size + 1, SIZE);
    }
  }
}
