package io.peaktrade.watch.exporter.cli;

/** Where a stand-alone server listens ({@code --bind}); shared by every server subcommand. */
final class ListenAddress {

  static final Flag BIND =
      Flag.of(
          "--bind",
          Flag.Type.TEXT,
          Servers.LOCAL_ONLY,
          "Listen address (default: " + Flag.DEFAULT_VALUE + ").");

  private ListenAddress() {}
}
