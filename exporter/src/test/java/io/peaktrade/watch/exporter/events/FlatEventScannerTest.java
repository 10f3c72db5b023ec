package io.peaktrade.watch.exporter.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.peaktrade.watch.contracts.EventField;
import io.peaktrade.watch.exporter.emit.EventWriter;
import io.peaktrade.watch.exporter.emit.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast path must agree with Jackson on every line: valid sample lines, and thousands of
 * mutations of them (cuts, deletions, insertions, byte flips) that produce every kind of bad line.
 */
class FlatEventScannerTest {

  private static final String ALPHABET = "{}[]\":,. -+eE0123456789tfnulr\\/\t\u00e4x";

  /** The key lookup knows every field of the schema, and no other name. */
  @Test
  void everyFieldOfTheSchemaIsRecognisedByItsKey() {
    for (EventField f : EventField.values()) {
      byte[] key = f.key().getBytes(StandardCharsets.US_ASCII);
      assertThat(FlatEventScanner.fieldOf(key, 0, key.length)).isEqualTo(f);
    }
    byte[] other = "decisions".getBytes(StandardCharsets.US_ASCII);
    assertThat(FlatEventScanner.fieldOf(other, 0, other.length)).isNull();
  }

  /** What the fast path read, or null when it left the line to Jackson. */
  private static AiEvent fast(FlatEventScanner scanner, byte[] line) {
    DecisionLine into = new DecisionLine();
    return scanner.read(line, 0, line.length, into) ? into.toEvent() : null;
  }

  @Test
  void agreesWithJacksonOnValidAndMutatedLines() {
    EventParser parser = new EventParser();
    // Long-lived, as in the exporter: it remembers keys and values of earlier lines.
    FlatEventScanner warm = new FlatEventScanner();
    SampleEvents.Sequence seq = new SampleEvents.Sequence(7, "demo", "execution_watch");
    SplittableRandom r = new SplittableRandom(11);
    int fastAccepted = 0;
    int checked = 0;
    for (int i = 0; i < 4_000; i++) {
      byte[] valid =
          EventWriter.toJson(seq.next(Instant.parse("2026-11-27T17:45:00Z").plusMillis(i)));
      for (byte[] line : variants(valid, r)) {
        AiEvent fast = fast(new FlatEventScanner(), line);
        assertThat(fast(warm, line)).as("remembering scanner").isEqualTo(fast);
        ParsedLine reference = EventParser.parseWithJackson(line, 0, line.length);
        String text = new String(line, StandardCharsets.UTF_8);
        if (fast != null) {
          fastAccepted++;
          assertThat(reference.kind()).as(text).isEqualTo(LineKind.PARSED);
          assertThat(fast).as(text).isEqualTo(reference.event());
        }
        // as the reader parses: the verdict, and the event left in the parser's line
        ParsedLine combined = parser.parse(line, 0, line.length);
        assertThat(combined.kind()).as(text).isEqualTo(reference.kind());
        if (reference.event() != null) {
          assertThat(parser.line().toEvent()).as(text).isEqualTo(reference.event());
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(30_000);
    assertThat(fastAccepted).as("the fast path must carry the typical line").isGreaterThan(4_000);
  }

  private static List<byte[]> variants(byte[] valid, SplittableRandom r) {
    List<byte[]> out = new ArrayList<>();
    out.add(valid);
    String s = new String(valid, StandardCharsets.UTF_8);
    out.add(bytes(s.substring(0, 1 + r.nextInt(s.length() - 1))));
    out.add(bytes(" " + s.replace(",", " , ").replace(":", " : ") + "\t"));
    for (int k = 0; k < 6; k++) {
      StringBuilder m = new StringBuilder(s);
      int pos = r.nextInt(m.length());
      switch (r.nextInt(3)) {
        case 0 -> m.deleteCharAt(pos);
        case 1 -> m.insert(pos, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        default -> m.setCharAt(pos, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
      }
      out.add(bytes(m.toString()));
    }
    byte[] flipped = valid.clone();
    flipped[r.nextInt(flipped.length)] = (byte) (0x80 | r.nextInt(0x80));
    out.add(flipped);
    out.add(bytes(s.replace("\"confidence\":", "\"confidence\":1e-2,\"x\":")));
    out.add(bytes(s.replace("\"latency_ms\":", "\"latency_ms\":-0")));
    out.add(bytes(s.replace("\"latency_ms\":", "\"latency_ms\":01")));
    out.add(bytes(s.replace("\"reason\":", "\"reason\":null,\"reason\":")));
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
