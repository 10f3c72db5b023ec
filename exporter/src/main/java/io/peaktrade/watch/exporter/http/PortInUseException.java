package io.peaktrade.watch.exporter.http;

import java.io.IOException;

/** A listen port is taken; the message names the port, the server and what to do. */
public final class PortInUseException extends IOException {
  public PortInUseException(String server, int port, Throwable cause) {
    super(
        "Port "
            + port
            + " for "
            + server
            + " is already in use. Stop the process holding it "
            + "(find it with: ss -ltnp 'sport = :"
            + port
            + "') or choose another port with --port.",
        cause);
  }
}
