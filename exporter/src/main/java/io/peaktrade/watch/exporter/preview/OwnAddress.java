package io.peaktrade.watch.exporter.preview;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.peaktrade.watch.exporter.http.ReadOnlyHttpServer.Responses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;

/**
 * The preview answers requests for its own address only. A loopback bind keeps other machines out
 * but not other web pages in the user's browser: a page of a site whose name is re-pointed to
 * 127.0.0.1 (DNS rebinding) reaches the preview as that site's own origin, so the browser lets it
 * read the answers. Such a request still carries the site's name in {@code Host} (and {@code
 * Origin}); the preview refuses every request whose Host is not a name of its bind address, and
 * every cross-origin one. A wildcard bind (0.0.0.0) accepts IP literals, localhost and this
 * machine's name: a rebound name is never one of them.
 */
final class OwnAddress {

  private final Set<String> hosts;
  private final boolean anyIpLiteral;
  private final IntSupplier port;

  private OwnAddress(Set<String> hosts, boolean anyIpLiteral, IntSupplier port) {
    this.hosts = hosts;
    this.anyIpLiteral = anyIpLiteral;
    this.port = port;
  }

  /**
   * The names a browser may use for a server bound to {@code bind} on {@code port} (asked when a
   * request comes: a port 0 bind learns its port after the routes are made).
   */
  static OwnAddress of(String bind, IntSupplier port) {
    Set<String> hosts = new TreeSet<>();
    hosts.add(bind.toLowerCase(Locale.ROOT));
    boolean wildcard = bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]");
    boolean loopback = wildcard || isLoopback(bind);
    if (loopback) {
      hosts.addAll(Set.of("localhost", "127.0.0.1", "[::1]"));
    }
    if (wildcard) {
      try {
        InetAddress self = InetAddress.getLocalHost();
        hosts.add(self.getHostName().toLowerCase(Locale.ROOT));
        hosts.add(self.getCanonicalHostName().toLowerCase(Locale.ROOT));
      } catch (UnknownHostException e) {
        // IP literals and localhost remain
      }
    }
    return new OwnAddress(hosts, wildcard, port);
  }

  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      return isIpLiteral(host) && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean isIpLiteral(String host) {
    return host.matches("[0-9.]+") || host.startsWith("[") || host.contains(":");
  }

  /**
   * Whether {@code hostHeader} (a Host header: {@code name[:port]}) names this server. The port
   * must be ours; a browser always sends it for a port other than 80.
   */
  boolean accepts(String hostHeader) {
    if (hostHeader == null) {
      return false;
    }
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon < 0 || colon < h.lastIndexOf(']')) {
      return port.getAsInt() == 80 && names(h);
    }
    return h.substring(colon + 1).equals(Integer.toString(port.getAsInt()))
        && names(h.substring(0, colon));
  }

  private boolean names(String name) {
    return hosts.contains(name)
        || (anyIpLiteral && (name.matches("[0-9.]+") || name.startsWith("[")));
  }

  /** Whether an {@code Origin} header (absent for same-origin GETs) is this server. */
  boolean acceptsOrigin(String origin) {
    if (origin == null) {
      return true;
    }
    try {
      URI o = URI.create(origin.trim());
      return "http".equals(o.getScheme())
          && o.getRawAuthority() != null
          && accepts(o.getRawAuthority());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code handler} behind the check: a request for another address gets 403 and no content. */
  HttpHandler guard(HttpHandler handler) {
    return ex -> {
      String host = ex.getRequestHeaders().getFirst("Host");
      String origin = ex.getRequestHeaders().getFirst("Origin");
      if (!accepts(host) || !acceptsOrigin(origin)) {
        refuse(ex, host, origin);
        return;
      }
      handler.handle(ex);
    };
  }

  private void refuse(HttpExchange ex, String host, String origin) throws IOException {
    Responses.text(
        ex,
        403,
        "Refused: the dashboard preview answers requests for its own address only (Host "
            + hosts
            + " port "
            + port.getAsInt()
            + "), not Host '"
            + host
            + "'"
            + (origin == null ? "" : " from Origin '" + origin + "'")
            + ". Open it by the address the demo printed.\n");
  }
}
