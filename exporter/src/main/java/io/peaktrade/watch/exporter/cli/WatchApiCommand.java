package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.contracts.Ports;
import io.peaktrade.watch.exporter.api.WatchApiServer;
import java.util.ArrayList;
import java.util.List;

final class WatchApiCommand implements Subcommand {

  static final Flag PORT = ListenAddress.port(Ports.WATCH_API);

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
    List<Flag> all = new ArrayList<>(TailOptions.FLAGS);
    all.addAll(List.of(PORT, ListenAddress.BIND));
    return all;
  }

  @Override
  public int run(Args a) throws Exception {
    String bind = a.text(ListenAddress.BIND);
    WatchApiServer server = WatchApiServer.start(bind, a.integer(PORT), TailOptions.from(a));
    System.err.printf(
        "Execution Watch API on http://%s:%d/api/v1/summary, reading %s%n",
        bind, server.port(), TailOptions.requiredEventsFile(a).toAbsolutePath());
    return Servers.runUntilStopped(server);
  }
}
