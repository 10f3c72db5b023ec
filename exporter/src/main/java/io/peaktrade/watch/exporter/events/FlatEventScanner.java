package io.peaktrade.watch.exporter.events;

import io.peaktrade.watch.contracts.EventField;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The fast path of {@link EventParser}: accepts a strict subset of JSON — one flat object of ASCII
 * strings without escapes, plain numbers, booleans and nulls — and reads the event fields from it
 * into a {@link DecisionLine} without building a token stream. How each field is read follows its
 * {@link EventField.Role}. Any line outside that subset, valid or not, is left to Jackson, so this
 * class only ever has to be right about lines it accepts; a differential test holds it to Jackson's
 * verdict.
 */
final class FlatEventScanner {

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private static final EventField[] FIELDS = EventField.values();
  private static final int START = FIELDS.length;
  private static final int UNKNOWN = FIELDS.length + 1;

  /** Each field's key as it usually appears, {@code "name":}, by ordinal. */
  private static final byte[][] TOKEN = new byte[FIELDS.length][];

  /** Each field's key, by ordinal. */
  private static final byte[][] NAME = new byte[FIELDS.length][];

  /** The value of each {@link EventField.Role#CONSTANT} field, by ordinal. */
  private static final byte[][] CONSTANT = new byte[FIELDS.length][];

  private static final Decision[] DECISIONS = Decision.values();
  private static final byte[][] DECISION_VALUES = new byte[DECISIONS.length][];

  static {
    for (EventField f : FIELDS) {
      NAME[f.ordinal()] = f.key().getBytes(StandardCharsets.US_ASCII);
      TOKEN[f.ordinal()] = ('"' + f.key() + "\":").getBytes(StandardCharsets.US_ASCII);
      if (f.constant() != null) {
        CONSTANT[f.ordinal()] = f.constant().getBytes(StandardCharsets.US_ASCII);
      }
    }
    for (Decision d : Decision.values()) {
      DECISION_VALUES[d.ordinal()] = d.label().getBytes(StandardCharsets.US_ASCII);
    }
  }

  private final StringCache labels = new StringCache();

  /**
   * Lines of one file look alike: the key that followed each key last time (null: one outside the
   * schema), and each label field's recent values. A line that matches them is read in one pass,
   * without hashing or lookups. Slot {@link #START} is the first key's, {@link #UNKNOWN} the key
   * after one outside the schema.
   */
  private final EventField[] nextKey = new EventField[UNKNOWN + 1];

  private final Recent[] recent = new Recent[FIELDS.length];

  private byte[] b = new byte[0];
  private int pos;
  private int end;
  // value of the last scanned string, as a range of b
  private int strStart;
  private int strEnd;
  private double number;
  private boolean numberExact;
  // the field of the last key read, null for one outside the schema
  private @Nullable EventField field;

  FlatEventScanner() {
    for (int i = 0; i < FIELDS.length; i++) {
      recent[i] = new Recent();
    }
  }

  /**
   * Reads the line into {@code into} if it is in the subset (valid until the next call, and only
   * while {@code buf} holds the line); false if the line is Jackson's to parse.
   */
  boolean read(byte[] buf, int off, int len, DecisionLine into) {
    this.b = buf;
    this.pos = off;
    this.end = off + len;
    into.reset(buf);
    boolean decided = false;
    skipWs();
    if (!take('{')) {
      return false;
    }
    skipWs();
    if (!take('}')) {
      int previous = START;
      while (true) {
        if (!key(nextKey[previous])) {
          return false;
        }
        EventField f = field;
        nextKey[previous] = f;
        previous = f == null ? UNKNOWN : f.ordinal();
        skipWs();
        if (pos >= end) {
          return false;
        }
        byte c = b[pos];
        if (c == '"') {
          pos++;
          if (f == null) {
            if (!stringBody()) {
              return false;
            }
          } else if (f.kind() == EventField.Kind.NUMBER) {
            return false; // wrong type: Jackson words the error
          } else {
            switch (f.role()) {
              case OUTCOME -> {
                Decision d = decision();
                if (d == null) {
                  return false;
                }
                into.decision(d);
                decided = true;
              }
              // Only one value is valid: anything else is Jackson's to report.
              case CONSTANT -> {
                if (!exact(CONSTANT[f.ordinal()])) {
                  return false;
                }
              }
              case LABEL -> {
                String value = label(f);
                if (value == null) {
                  return false;
                }
                into.text(f, value);
              }
              case TIME, DETAIL -> {
                if (!stringBody()) {
                  return false;
                }
                into.range(f, strStart, strEnd);
              }
            }
          }
        } else if (c == '-' || (c >= '0' && c <= '9')) {
          if (!number()) {
            return false;
          }
          if (f != null) {
            if (f.kind() != EventField.Kind.NUMBER || !numberExact) {
              return false;
            }
            into.number(f, number);
          }
        } else if (literal("null")) {
          // a null field counts as absent, as with Jackson
        } else if (f == null && (literal("true") || literal("false"))) {
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
    return pos == end && decided;
  }

  /**
   * A key and its colon, its field left in {@link #field}; the expected key is tried first, as one
   * compare of {@code "name":}. False if there is no plain string and colon here.
   */
  private boolean key(@Nullable EventField expected) {
    if (expected != null && matches(TOKEN[expected.ordinal()])) {
      field = expected;
      return true;
    }
    if (!take('"') || !stringBody()) {
      return false;
    }
    field = fieldOf(b, strStart, strEnd - strStart);
    skipWs();
    return take(':');
  }

  /** The schema's field with this key, or null. */
  static @Nullable EventField fieldOf(byte[] b, int off, int len) {
    for (EventField f : FIELDS) {
      byte[] name = NAME[f.ordinal()];
      if (name.length == len && Arrays.equals(name, 0, len, b, off, off + len)) {
        return f;
      }
    }
    return null;
  }

  /**
   * A label value (after its opening quote): one of this field's recent values, if it is one again.
   */
  private @Nullable String label(EventField field) {
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

  private @Nullable Decision decision() {
    for (Decision d : DECISIONS) {
      if (exact(DECISION_VALUES[d.ordinal()])) {
        return d;
      }
    }
    return null;
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
   * Whether {@code bytes} are at {@link #pos} (the caller checked the length). A plain loop on
   * purpose (docs/benchmarks.md, "The scanner's shape").
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
   * content in [strStart, strEnd) and moves past the closing quote.
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
