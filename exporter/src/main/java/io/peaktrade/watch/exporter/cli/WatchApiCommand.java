package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.contracts.Ports;
import io.peaktrade.watch.exporter.api.WatchApiServer;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import java.util.List;

final class WatchApiCommand implements Subcommand {

  static final Flag PORT = ListenAddress.port(Ports.WATCH_API);

  private static final List<Flag> FLAGS = TailOptions.with(PORT, ListenAddress.BIND);

  @Override
  public String name() {
    return "watch-api";
  }

  @Override
  public List<String> description() {
    return List.of(
        "Read-only Execution Watch API over the event file: /api/v1/events, /api/v1/summary,"
            + " /healthz, /metrics.");
  }

  @Override
  public List<Flag> flags() {
    return FLAGS;
  }

  @Override
  public int run(Args a) throws Exception {
    String bind = a.text(ListenAddress.BIND);
    JsonlTailer.Options tail = TailOptions.from(a);
    WatchApiServer server = WatchApiServer.start(bind, a.integer(PORT), tail);
    System.err.printf(
        "Execution Watch API on http://%s:%d/api/v1/summary, reading %s%n",
        bind, server.port(), tail.path().toAbsolutePath());
    return Servers.runUntilStopped(server);
  }
}
