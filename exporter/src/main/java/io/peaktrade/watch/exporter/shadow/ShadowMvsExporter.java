package io.peaktrade.watch.exporter.shadow;

import io.peaktrade.watch.exporter.http.ReadOnlyHttpServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/** The mock shadow_mvs exporter: deterministic trade-flow counters on /metrics. */
public final class ShadowMvsExporter implements AutoCloseable {

  private final ReadOnlyHttpServer server;

  private ShadowMvsExporter(ReadOnlyHttpServer server) {
    this.server = server;
  }

  public static ShadowMvsExporter start(String host, int port, long seed) throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        new ShadowMvsCollector(new ShadowFlow(seed), ShadowMvsCollector.since(System.nanoTime())));
    return new ShadowMvsExporter(
        ReadOnlyHttpServer.start("mock shadow_mvs exporter", host, port, registry));
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
