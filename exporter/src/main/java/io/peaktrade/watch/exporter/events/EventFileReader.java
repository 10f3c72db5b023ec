package io.peaktrade.watch.exporter.events;

import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * A background thread that follows the event file and feeds valid events to a sink, with the file's
 * self-metrics registered under {@code metricPrefix}.
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

  public static EventFileReader start(
      String metricPrefix,
      JsonlTailer.Options options,
      EventStream.EventSink sink,
      PrometheusRegistry registry) {
    JsonlMetrics metrics = new JsonlMetrics(metricPrefix, options.path(), registry);
    JsonlTailer tailer = new JsonlTailer(options, new EventStream(metrics, sink));
    Thread thread = new Thread(tailer, "tail-" + options.path().getFileName());
    thread.setDaemon(true);
    thread.start();
    return new EventFileReader(tailer, metrics, thread);
  }

  public JsonlMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    tailer.close();
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
