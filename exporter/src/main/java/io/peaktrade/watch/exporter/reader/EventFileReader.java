package io.peaktrade.watch.exporter.reader;

import io.peaktrade.watch.contracts.ReaderMetrics;
import io.peaktrade.watch.exporter.process.FatalErrors;
import io.peaktrade.watch.exporter.state.ReaderState;
import io.peaktrade.watch.exporter.state.RestorableMetric;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A background thread that follows the event file and feeds valid events to a sink, with the file's
 * self-metrics registered under the names {@code metricNames} gives (ai_live's or the watch API's).
 */
public final class EventFileReader implements AutoCloseable {

  private final JsonlTailer tailer;
  private final JsonlMetrics metrics;
  private final Thread thread;

  private EventFileReader(JsonlTailer tailer, JsonlMetrics metrics, Thread thread) {
    this.tailer = tailer;
    this.metrics = metrics;
    this.thread = thread;
  }

  /**
   * How long the read loop may go without a turn before the reader counts as stuck (a catch-up of a
   * large file is one turn, and reads about a gigabyte a second).
   */
  public static final Duration STUCK_AFTER = Duration.ofSeconds(30);

  /**
   * Starts the reader; an Error that ends its thread goes to {@link FatalErrors#handle}. {@code
   * state} restores the file's and the sink's metrics ({@code sinkMetrics}) and the read positions
   * before the first read, and keeps them from then on.
   */
  public static EventFileReader start(
      ReaderMetrics metricNames,
      JsonlTailer.Options options,
      EventSink sink,
      PrometheusRegistry registry,
      ReaderState state,
      List<RestorableMetric> sinkMetrics) {
    JsonlMetrics metrics = new JsonlMetrics(metricNames, options.path(), registry);
    JsonlTailer tailer = new JsonlTailer(options, new EventStream(metrics, sink));
    List<RestorableMetric> restorable = new ArrayList<>(metrics.restorables());
    restorable.addAll(sinkMetrics);
    state.restore(tailer, restorable);
    tailer.onCheckpoint(state::checkpoint);
    Thread thread = new Thread(tailer, "tail-" + options.path().getFileName());
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler(FatalErrors::handle);
    thread.start();
    return new EventFileReader(tailer, metrics, thread);
  }

  /** Why the reader is not healthy, or empty while it reads: /healthz answers from this. */
  public Optional<String> problem() {
    if (!thread.isAlive()) {
      return Optional.of("the reader of " + tailer.path() + " has stopped");
    }
    long silent = tailer.sinceLastBeatNanos();
    if (silent > STUCK_AFTER.toNanos()) {
      return Optional.of(
          "the reader of "
              + tailer.path()
              + " has not gone round for "
              + silent / 1_000_000_000L
              + " s");
    }
    return Optional.empty();
  }

  public JsonlMetrics metrics() {
    return metrics;
  }

  /** Whether every line present when reading started has been counted. */
  public boolean caughtUp() {
    return tailer.caughtUp();
  }

  /** Stops the reading thread (it takes its last checkpoint), then closes the files. */
  @Override
  public void close() {
    tailer.stop();
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tailer.close();
  }
}
