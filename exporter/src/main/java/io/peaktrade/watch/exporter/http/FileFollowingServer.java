package io.peaktrade.watch.exporter.http;

import com.sun.net.httpserver.HttpHandler;
import io.peaktrade.watch.contracts.ReaderMetrics;
import io.peaktrade.watch.exporter.events.EventFileReader;
import io.peaktrade.watch.exporter.events.EventSink;
import io.peaktrade.watch.exporter.events.JsonlMetrics;
import io.peaktrade.watch.exporter.state.ReaderState;
import io.peaktrade.watch.exporter.state.RestorableMetric;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A reader of the event file with a read-only HTTP server next to it: what the ai_live exporter and
 * the watch API both are. Reading starts first, so a large backlog is counted while the server
 * comes up; if the server cannot start, the reader is stopped again.
 */
public final class FileFollowingServer implements AutoCloseable {

  /** How long a scrape waits for the reader to keep the counts it serves. */
  static final Duration DURABLE_SCRAPE_WAIT = Duration.ofSeconds(2);

  private final EventFileReader reader;
  private final ReadOnlyHttpServer server;

  private FileFollowingServer(EventFileReader reader, ReadOnlyHttpServer server) {
    this.reader = reader;
    this.server = server;
  }

  /**
   * @param routes the server's own routes, given the reader's self-metrics
   * @param requestMetrics request counting and timing, or {@code null}
   */
  public static FileFollowingServer start(
      String name,
      String host,
      int port,
      ReaderMetrics readerMetrics,
      JsonlTailer.Options tail,
      EventSink sink,
      PrometheusRegistry registry,
      Function<JsonlMetrics, Map<String, HttpHandler>> routes,
      RequestMetrics requestMetrics,
      ReaderState state,
      List<RestorableMetric> sinkMetrics)
      throws IOException {
    EventFileReader reader =
        EventFileReader.start(readerMetrics, tail, sink, registry, state, sinkMetrics);
    Map<String, HttpHandler> all = new LinkedHashMap<>(routes.apply(reader.metrics()));
    // Liveness is the reader's heartbeat: a wedged or dead reader restarts the container. A
    // server's own /healthz (the watch API's JSON) answers while the reader is healthy.
    HttpHandler own =
        all.getOrDefault("/healthz", ex -> ReadOnlyHttpServer.Responses.text(ex, 200, "ok\n"));
    all.put(
        "/healthz",
        ex -> {
          Optional<String> problem = reader.problem();
          if (problem.isPresent()) {
            ReadOnlyHttpServer.Responses.text(ex, 503, problem.get() + "\n");
          } else {
            own.handle(ex);
          }
        });
    // No scrape sees a partial value: until the first catch-up after start is done, 503. After
    // it, what a scrape sees is on disk first: no restart takes a served value back.
    MetricsHandler metrics = new MetricsHandler(registry);
    all.put(
        "/metrics",
        ex -> {
          if (reader.caughtUp()) {
            state.serveDurably(DURABLE_SCRAPE_WAIT, () -> metrics.handle(ex));
          } else {
            ReadOnlyHttpServer.Responses.text(
                ex, 503, "catching up with " + tail.path() + ": the counts are not complete yet\n");
          }
        });
    try {
      return new FileFollowingServer(
          reader, ReadOnlyHttpServer.start(name, host, port, registry, all, requestMetrics));
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
