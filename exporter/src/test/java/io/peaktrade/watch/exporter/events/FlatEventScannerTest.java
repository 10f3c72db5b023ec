package io.peaktrade.watch.exporter.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.peaktrade.watch.contracts.EventField;
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

  /** The key lookup by length and first letters knows every field of the schema. */
  @Test
  void everyFieldOfTheSchemaIsRecognisedByItsKey() {
    for (EventField f : EventField.values()) {
      byte[] key = f.key().getBytes(StandardCharsets.US_ASCII);
      assertThat(FlatEventScanner.Field.of(key, 0, key.length).schema()).isEqualTo(f);
    }
    byte[] other = "decisions".getBytes(StandardCharsets.US_ASCII);
    assertThat(FlatEventScanner.Field.of(other, 0, other.length))
        .isEqualTo(FlatEventScanner.Field.OTHER);
  }

  /** What a {@link LabelSink} was handed last, as the labels-only event it stands for. */
  private static final class Captured implements LabelSink {
    AiEvent last;

    @Override
    public void decision(
        String runId,
        String component,
        Decision decision,
        String reason,
        byte[] ts,
        int tsOff,
        int tsLength) {
      String time = tsLength < 0 ? null : new String(ts, tsOff, tsLength, StandardCharsets.UTF_8);
      last = new AiEvent(time, runId, component, decision, reason, null, null, null, null);
    }
  }

  @Test
  void agreesWithJacksonOnValidAndMutatedLines() {
    EventParser parser = new EventParser();
    // As the ai_live exporter parses: labels handed to a sink, no event object on the fast path.
    EventParser labelParser = new EventParser(false);
    Captured captured = new Captured();
    // Long-lived, as in the exporter: they remember keys and values of earlier lines.
    FlatEventScanner warm = new FlatEventScanner(true);
    FlatEventScanner warmLabelsOnly = new FlatEventScanner(false);
    SampleEvents.Sequence seq = new SampleEvents.Sequence(7, "demo", "execution_watch");
    SplittableRandom r = new SplittableRandom(11);
    int fastAccepted = 0;
    int checked = 0;
    for (int i = 0; i < 4_000; i++) {
      byte[] valid =
          EventWriter.toJson(seq.next(Instant.parse("2026-11-27T17:45:00Z").plusMillis(i)));
      for (byte[] line : variants(valid, r)) {
        ParsedLine fast = new FlatEventScanner(true).scan(line, 0, line.length);
        ParsedLine labelsOnly = new FlatEventScanner(false).scan(line, 0, line.length);
        assertThat(warm.scan(line, 0, line.length)).as("remembering scanner").isEqualTo(fast);
        assertThat(warmLabelsOnly.scan(line, 0, line.length))
            .as("remembering scanner")
            .isEqualTo(labelsOnly);
        ParsedLine reference = EventParser.parseWithJackson(line, 0, line.length);
        ParsedLine combined = parser.parse(line, 0, line.length);
        String text = new String(line, StandardCharsets.UTF_8);
        if (fast != FlatEventScanner.NOT_FLAT) {
          fastAccepted++;
          assertThat(fast.kind()).as(text).isEqualTo(reference.kind());
          assertThat(fast.event()).as(text).isEqualTo(reference.event());
          assertThat(labelsOnly.event()).as(text).isEqualTo(reference.event().labelsOnly());
        }
        assertThat(combined.kind()).as(text).isEqualTo(reference.kind());
        assertThat(combined.event()).as(text).isEqualTo(reference.event());
        captured.last = null;
        ParsedLine delivered = labelParser.parse(line, 0, line.length, captured);
        assertThat(delivered.kind()).as(text).isEqualTo(reference.kind());
        assertThat(captured.last)
            .as(text)
            .isEqualTo(reference.event() == null ? null : reference.event().labelsOnly());
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
