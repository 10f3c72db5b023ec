package io.peaktrade.watch.exporter.cli;

/**
 * Where a stand-alone server listens ({@code --bind}, {@code --port}); for every server subcommand.
 */
final class ListenAddress {

  static final Flag BIND =
      Flag.of(
          "--bind",
          Flag.Type.TEXT,
          Servers.LOCAL_ONLY,
          "Listen address (default: " + Flag.DEFAULT_VALUE + ").");

  private ListenAddress() {}

  /** {@code --port}, this server's port unless given. */
  static Flag port(int port) {
    return Flag.of(
            "--port",
            Flag.Type.INT,
            "" + port,
            "Listen port (default: " + Flag.DEFAULT_VALUE + "; 0: any free one).")
        .between(0, 65_535);
  }
}
