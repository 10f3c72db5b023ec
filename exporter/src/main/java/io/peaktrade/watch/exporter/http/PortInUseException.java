package io.peaktrade.watch.exporter.http;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** A listen port is taken; the message names the port, the server and what to do. */
public final class PortInUseException extends IOException {

  /** The way out for a stand-alone server. */
  public static final String CHOOSE_ANOTHER = "choose another port with --port";

  private final String server;
  private final int port;

  public PortInUseException(String server, int port, @Nullable Throwable cause) {
    this(server, port, cause, CHOOSE_ANOTHER);
  }

  private PortInUseException(String server, int port, @Nullable Throwable cause, String wayOut) {
    super(
        "Port "
            + port
            + " for "
            + server
            + " is already in use. Stop the process holding it "
            + "(find it with: ss -ltnp 'sport = :"
            + port
            + "') or "
            + wayOut
            + ".",
        cause);
    this.server = server;
    this.port = port;
  }

  /** The same failure with another way out, for a command whose options differ. */
  public PortInUseException withWayOut(String wayOut) {
    return new PortInUseException(server, port, getCause(), wayOut);
  }
}
