package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.contracts.Ports;
import io.peaktrade.watch.exporter.api.WatchApiServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "watch-api",
    mixinStandardHelpOptions = true,
    description =
        "Read-only Execution Watch API over the event file: /api/v1/events, /api/v1/summary,"
            + " /healthz, /metrics.")
final class WatchApiCommand implements Callable<Integer> {

  @Mixin TailOptions tail;

  @Option(
      names = "--port",
      defaultValue = "" + Ports.WATCH_API,
      description = "Listen port (default: ${DEFAULT-VALUE}).")
  int port;

  @Mixin ListenAddress listen;

  @Override
  public Integer call() throws Exception {
    WatchApiServer server = WatchApiServer.start(listen.bind, port, tail.toOptions());
    System.err.printf(
        "Execution Watch API on http://%s:%d/api/v1/summary, reading %s%n",
        listen.bind, server.port(), tail.requiredEventsFile().toAbsolutePath());
    return Servers.runUntilStopped(server);
  }
}
