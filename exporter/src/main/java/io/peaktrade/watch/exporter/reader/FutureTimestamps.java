package io.peaktrade.watch.exporter.reader;

import io.peaktrade.watch.exporter.events.DecisionLine;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Counts decision events whose {@code ts} lies more than {@link #TOLERANCE_SECONDS} ahead of the
 * reader's clock (read error kind {@code future_timestamp}); the event stays valid, its time is not
 * trusted. ai_live never sets the last-decision time past the moment a line was read
 * (DecisionMetrics), so such a line can neither silence the stall alert nor keep "AI Active" green.
 *
 * <p>The check costs a 19-byte comparison per line for timestamps in UTC ({@code ...Z}, as the
 * emitter writes them), against a bound recomputed once per chunk; others are parsed.
 */
final class FutureTimestamps {

  /** Clock skew between emitter and reader that is no error. */
  static final long TOLERANCE_SECONDS = 5;

  private static final int SECONDS_PREFIX = "2026-01-01T00:00:00".length();
  private static final DateTimeFormatter PREFIX =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private final CounterDataPoint counted;
  private final byte[] bound = new byte[SECONDS_PREFIX];
  private long boundEpochSecond;

  FutureTimestamps(CounterDataPoint counted) {
    this.counted = counted;
    refresh();
  }

  /** The bound moves with the clock: called once per chunk. */
  void refresh() {
    boundEpochSecond = System.currentTimeMillis() / 1000 + TOLERANCE_SECONDS;
    byte[] b =
        PREFIX.format(Instant.ofEpochSecond(boundEpochSecond)).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, bound, 0, SECONDS_PREFIX);
  }

  void check(DecisionLine e) {
    byte[] ts = e.tsBytes();
    if (ts != null && e.tsLength() > 0 && ahead(ts, e.tsOffset(), e.tsLength())) {
      counted.inc();
    }
  }

  private boolean ahead(byte[] ts, int off, int len) {
    if (len > SECONDS_PREFIX
        && ts[off + len - 1] == 'Z'
        && ts[off + 4] == '-'
        && ts[off + 10] == 'T'
        && ts[off + 13] == ':') {
      return Arrays.compare(ts, off, off + SECONDS_PREFIX, bound, 0, SECONDS_PREFIX) > 0;
    }
    try {
      String s = new String(ts, off, len, StandardCharsets.UTF_8);
      return OffsetDateTime.parse(s).toEpochSecond() > boundEpochSecond;
    } catch (DateTimeParseException e) {
      return false; // no time to trust either way: it is read as the time of reading
    }
  }
}
