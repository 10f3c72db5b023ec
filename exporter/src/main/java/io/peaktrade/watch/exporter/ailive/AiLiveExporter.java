package io.peaktrade.watch.exporter.ailive;

import io.peaktrade.watch.contracts.ReaderMetrics;
import io.peaktrade.watch.exporter.http.FileFollowingServer;
import io.peaktrade.watch.exporter.state.StateFile;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Map;

/** The ai_live exporter: follows the event file and serves the decision counters on /metrics. */
public final class AiLiveExporter implements AutoCloseable {

  private final FileFollowingServer server;

  private AiLiveExporter(FileFollowingServer server) {
    this.server = server;
  }

  public static AiLiveExporter start(
      String host, int port, JsonlTailer.Options tail, DecisionMetrics.Defaults defaults)
      throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    DecisionMetrics decisions = new DecisionMetrics(defaults, registry);
    return new AiLiveExporter(
        FileFollowingServer.start(
            "ai_live exporter",
            host,
            port,
            ReaderMetrics.AI_LIVE,
            tail,
            decisions,
            registry,
            reading -> Map.of(),
            null,
            new StateFile(tail.path()),
            decisions.restorables()));
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
