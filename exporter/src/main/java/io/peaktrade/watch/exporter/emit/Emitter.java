package io.peaktrade.watch.exporter.emit;

import io.peaktrade.watch.exporter.events.AiEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the deterministic demo sequence to the event file at a steady rate, in whole lines, until
 * stopped or {@code count} events are written. STRICT NO-LIVE: it only writes a file.
 */
public final class Emitter implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Emitter.class);
  private static final long TICK_MILLIS = 100;

  private final Path file;
  private final double ratePerSecond;
  private final long count;
  private final SampleEvents.Sequence sequence;
  private final Clock clock;
  private final long maxFileBytes;
  private volatile boolean stopped;
  private volatile @Nullable IOException failure;
  private long written;

  /** {@code count} 0 means until stopped; the file unbounded. */
  public Emitter(
      Path file, double ratePerSecond, long count, SampleEvents.Sequence sequence, Clock clock) {
    this(file, ratePerSecond, count, sequence, clock, 0);
  }

  /** {@code count} 0 means until stopped; {@code maxFileBytes} 0 an unbounded file. */
  public Emitter(
      Path file,
      double ratePerSecond,
      long count,
      SampleEvents.Sequence sequence,
      Clock clock,
      long maxFileBytes) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException(
          "--rate must be a positive number of events per second, got " + ratePerSecond);
    }
    this.file = file;
    this.ratePerSecond = ratePerSecond;
    this.count = count;
    this.sequence = sequence;
    this.clock = clock;
    this.maxFileBytes = maxFileBytes;
  }

  /** The write error that stopped the emitter, if one did. */
  public Optional<IOException> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public void run() {
    long start = System.nanoTime();
    try (EventWriter writer = new EventWriter(file, maxFileBytes)) {
      LOG.info(
          "Appending demo decisions to {} at {} events/s (STRICT NO-LIVE: file only).",
          file,
          ratePerSecond);
      while (!stopped && (count == 0 || written < count)) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        long due = (long) Math.floor(elapsed * ratePerSecond) + 1 - written;
        if (count > 0) {
          due = Math.min(due, count - written);
        }
        if (due > 0) {
          List<AiEvent> batch = new ArrayList<>((int) due);
          for (long i = 0; i < due; i++) {
            batch.add(sequence.next(clock.instant()));
          }
          writer.append(batch);
          written += due;
        }
        Thread.sleep(TICK_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      failure = e;
      LOG.error(
          "Cannot append to {}: {}. The emitter stopped; fix the path, its permissions or the"
              + " free space, and start it again.",
          file,
          e.toString());
    }
  }

  @Override
  public void close() {
    stopped = true;
  }
}
