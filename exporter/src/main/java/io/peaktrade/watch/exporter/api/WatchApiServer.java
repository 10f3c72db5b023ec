package io.peaktrade.watch.exporter.api;

import io.peaktrade.watch.contracts.ReaderMetrics;
import io.peaktrade.watch.exporter.http.FileFollowingServer;
import io.peaktrade.watch.exporter.http.RequestMetrics;
import io.peaktrade.watch.exporter.state.ReaderState;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.List;

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
        FileFollowingServer.start(
            "Execution Watch API",
            host,
            port,
            ReaderMetrics.WATCH_API,
            tail,
            log,
            registry,
            reading -> new WatchApi(log, reading, tail.path(), reading::filePresent).routes(),
            new RequestMetrics(registry),
            ReaderState.NONE,
            List.of()));
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
