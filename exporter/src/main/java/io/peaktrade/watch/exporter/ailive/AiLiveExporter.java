package io.peaktrade.watch.exporter.ailive;

import io.peaktrade.watch.exporter.events.EventFileReader;
import io.peaktrade.watch.exporter.http.ReadOnlyHttpServer;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/** The ai_live exporter: follows the event file and serves the decision counters on /metrics. */
public final class AiLiveExporter implements AutoCloseable {

  public static final int DEFAULT_PORT = 9110;
  public static final String JSONL_METRIC_PREFIX = "peaktrade_ai_jsonl";

  private final EventFileReader reader;
  private final ReadOnlyHttpServer server;

  private AiLiveExporter(EventFileReader reader, ReadOnlyHttpServer server) {
    this.reader = reader;
    this.server = server;
  }

  public static AiLiveExporter start(
      String host, int port, JsonlTailer.Options tail, DecisionMetrics.Defaults defaults) throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    DecisionMetrics decisions = new DecisionMetrics(defaults, registry);
    // Reading starts first: a large backlog is counted while the HTTP server comes up.
    EventFileReader reader = EventFileReader.start(JSONL_METRIC_PREFIX, tail, decisions, registry);
    try {
      return new AiLiveExporter(reader, ReadOnlyHttpServer.start("ai_live exporter", host, port, registry));
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
