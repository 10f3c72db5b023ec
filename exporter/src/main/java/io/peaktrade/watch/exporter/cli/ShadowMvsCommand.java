package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.contracts.DemoDefaults;
import io.peaktrade.watch.contracts.Ports;
import io.peaktrade.watch.exporter.shadow.ShadowMvsExporter;
import java.util.List;

final class ShadowMvsCommand implements Subcommand {

  static final Flag PORT = ListenAddress.port(Ports.SHADOW_MVS);

  static final Flag SEED =
      Flag.of(
          "--seed",
          Flag.Type.LONG,
          DemoDefaults.SEED_TEXT,
          "Seed of the counter sequence (default: " + Flag.DEFAULT_VALUE + ").");

  @Override
  public String name() {
    return "shadow-mvs";
  }

  @Override
  public List<String> description() {
    return List.of(
        "Mock shadow_mvs exporter: deterministic, always increasing trade-flow counters (no market"
            + " connection).");
  }

  @Override
  public List<Flag> flags() {
    return List.of(PORT, ListenAddress.BIND, SEED);
  }

  @Override
  public int run(Args a) throws Exception {
    String bind = a.text(ListenAddress.BIND);
    long seed = a.whole(SEED);
    ShadowMvsExporter exporter = ShadowMvsExporter.start(bind, a.integer(PORT), seed);
    System.err.printf(
        "mock shadow_mvs exporter on http://%s:%d/metrics (seed %d)%n",
        bind, exporter.port(), seed);
    return Servers.runUntilStopped(exporter);
  }
}
