package io.peaktrade.watch.exporter.api;

import io.peaktrade.watch.exporter.events.EventFileReader;
import io.peaktrade.watch.exporter.http.ReadOnlyHttpServer;
import io.peaktrade.watch.exporter.http.RequestMetrics;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/** The read-only Execution Watch API process: its own reader of the event file, routes, /metrics. */
public final class WatchApiServer implements AutoCloseable {

  public static final int DEFAULT_PORT = 9111;
  public static final String METRIC_PREFIX = "execution_watch_api";
  private static final int RECENT_EVENTS = 1_000;
  private static final int MAX_REASONS = 50;

  private final EventFileReader reader;
  private final ReadOnlyHttpServer server;

  private WatchApiServer(EventFileReader reader, ReadOnlyHttpServer server) {
    this.reader = reader;
    this.server = server;
  }

  public static WatchApiServer start(String host, int port, JsonlTailer.Options tail) throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    EventLog log = new EventLog(RECENT_EVENTS, MAX_REASONS);
    EventFileReader reader = EventFileReader.start(METRIC_PREFIX + "_jsonl", tail, log, registry);
    WatchApi api = new WatchApi(log, reader.metrics(), tail.path(), reader.metrics()::filePresent);
    try {
      ReadOnlyHttpServer server = ReadOnlyHttpServer.start("Execution Watch API", host, port, registry,
          api.routes(), new RequestMetrics(METRIC_PREFIX, registry));
      return new WatchApiServer(reader, server);
    } catch (IOException e) {
      reader.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    reader.close();
  }
}
