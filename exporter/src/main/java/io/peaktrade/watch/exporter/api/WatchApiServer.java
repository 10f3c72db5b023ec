package io.peaktrade.watch.exporter.api;

import io.peaktrade.watch.contracts.ReaderMetrics;
import io.peaktrade.watch.exporter.http.RequestMetrics;
import io.peaktrade.watch.exporter.reader.FileFollowingServer;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/**
 * The read-only Execution Watch API process: its own reader of the event file, routes, /metrics.
 */
public final class WatchApiServer implements AutoCloseable {

  private static final int RECENT_EVENTS = 1_000;
  private static final int MAX_REASONS = 50;

  private final FileFollowingServer server;

  private WatchApiServer(FileFollowingServer server) {
    this.server = server;
  }

  public static WatchApiServer start(String host, int port, JsonlTailer.Options tail)
      throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    EventLog log = new EventLog(RECENT_EVENTS, MAX_REASONS);
    return new WatchApiServer(
        FileFollowingServer.builder("Execution Watch API", tail, log)
            .host(host)
            .port(port)
            .readerMetrics(ReaderMetrics.WATCH_API)
            .registry(registry)
            .routes(
                reading -> new WatchApi(log, reading, tail.path(), reading::filePresent).routes())
            .requestMetrics(new RequestMetrics(registry))
            .start());
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
