package io.peaktrade.watch.exporter.ailive;

import io.peaktrade.watch.contracts.ReaderMetrics;
import io.peaktrade.watch.exporter.reader.FileFollowingServer;
import io.peaktrade.watch.exporter.state.StateFile;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

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
        FileFollowingServer.builder("ai_live exporter", tail, decisions)
            .host(host)
            .port(port)
            .readerMetrics(ReaderMetrics.AI_LIVE)
            .registry(registry)
            .state(new StateFile(tail.path()), decisions.restorables())
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
