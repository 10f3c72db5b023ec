package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.contracts.Ports;
import io.peaktrade.watch.exporter.shadow.ShadowMvsExporter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "shadow-mvs",
    mixinStandardHelpOptions = true,
    description =
        "Mock shadow_mvs exporter: deterministic, always increasing trade-flow counters (no market"
            + " connection).")
final class ShadowMvsCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "" + Ports.SHADOW_MVS,
      description = "Listen port (default: ${DEFAULT-VALUE}).")
  int port;

  @Mixin ListenAddress listen;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the counter sequence (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    ShadowMvsExporter exporter = ShadowMvsExporter.start(listen.bind, port, seed);
    System.err.printf(
        "mock shadow_mvs exporter on http://%s:%d/metrics (seed %d)%n",
        listen.bind, exporter.port(), seed);
    return Servers.runUntilStopped(exporter);
  }
}
