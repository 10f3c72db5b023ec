package io.peaktrade.watch.exporter.reader;

import com.sun.net.httpserver.HttpHandler;
import io.peaktrade.watch.contracts.ReaderMetrics;
import io.peaktrade.watch.exporter.http.ReadOnlyHttpServer;
import io.peaktrade.watch.exporter.http.RequestMetrics;
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
import org.jspecify.annotations.Nullable;

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

  /** A server for the event file {@code tail.path()}, its valid events going to {@code sink}. */
  public static Builder builder(String name, JsonlTailer.Options tail, EventSink sink) {
    return new Builder(name, tail, sink);
  }

  /**
   * The options of a file-following server; every one but the three of the builder has a default.
   */
  public static final class Builder {
    private final String name;
    private final JsonlTailer.Options tail;
    private final EventSink sink;
    private String host = "0.0.0.0";
    private int port;
    private ReaderMetrics readerMetrics = ReaderMetrics.AI_LIVE;
    private PrometheusRegistry registry = new PrometheusRegistry();
    private Function<JsonlMetrics, Map<String, HttpHandler>> routes = reading -> Map.of();
    private @Nullable RequestMetrics requestMetrics;
    private ReaderState state = ReaderState.NONE;
    private List<RestorableMetric> sinkMetrics = List.of();

    private Builder(String name, JsonlTailer.Options tail, EventSink sink) {
      this.name = name;
      this.tail = tail;
      this.sink = sink;
    }

    /** The address to listen on (default all). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The port (default 0: any free one). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The names of the reader's own metrics (default ai_live's). */
    public Builder readerMetrics(ReaderMetrics names) {
      this.readerMetrics = names;
      return this;
    }

    /** Where the reader's, the sink's and the server's metrics are registered. */
    public Builder registry(PrometheusRegistry registry) {
      this.registry = registry;
      return this;
    }

    /**
     * The server's own routes, given the reader's self-metrics (default none but /metrics and
     * /healthz).
     */
    public Builder routes(Function<JsonlMetrics, Map<String, HttpHandler>> routes) {
      this.routes = routes;
      return this;
    }

    /** Request counting and timing (default none). */
    public Builder requestMetrics(RequestMetrics requestMetrics) {
      this.requestMetrics = requestMetrics;
      return this;
    }

    /**
     * Where the reader keeps its positions and metrics across restarts, and the sink's metrics kept
     * with them (default: nothing is kept).
     */
    public Builder state(ReaderState state, List<RestorableMetric> sinkMetrics) {
      this.state = state;
      this.sinkMetrics = sinkMetrics;
      return this;
    }

    /** Starts reading, then serving; if the server cannot start, the reader is stopped again. */
    public FileFollowingServer start() throws IOException {
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
      ReaderState kept = state;
      all.put(
          "/metrics",
          ex -> {
            if (reader.caughtUp()) {
              kept.serveDurably(DURABLE_SCRAPE_WAIT, () -> metrics.handle(ex));
            } else {
              ReadOnlyHttpServer.Responses.text(
                  ex,
                  503,
                  "catching up with " + tail.path() + ": the counts are not complete yet\n");
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
