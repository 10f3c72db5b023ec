package io.peaktrade.watch.exporter.cli;

import picocli.CommandLine.Option;

/** Where a stand-alone server listens ({@code --bind}); shared by every server subcommand. */
final class ListenAddress {

  @Option(
      names = "--bind",
      defaultValue = Servers.LOCAL_ONLY,
      description = "Listen address (default: ${DEFAULT-VALUE}).")
  String bind;
}
