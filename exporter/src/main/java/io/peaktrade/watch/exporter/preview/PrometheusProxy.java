package io.peaktrade.watch.exporter.preview;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.peaktrade.watch.exporter.http.ReadOnlyHttpServer.Responses;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Prometheus query endpoint for the page, forwarded as GET with the request's query string and
 * nothing else (no headers, no body), within bounds, so that no page (nor anything else that
 * reaches the preview) can make the demo's Prometheus spend what a dashboard never would:
 *
 * <ul>
 *   <li>a range query asks for at most {@link #MAX_POINTS} points per series: Grafana asks for at
 *       most a panel's width in pixels ("Max data points"), the preview for 300; Prometheus itself
 *       only refuses more than 11,000 (its query_range handler);
 *   <li>a query string of at most {@link #MAX_QUERY_CHARS} characters;
 *   <li>an answer of at most {@link #MAX_ANSWER_BYTES} bytes is passed back, a larger one refused;
 *   <li>the cost of each query, and how many run at once, is bounded by the demo's Prometheus
 *       itself ({@code --query.max-samples}, {@code --query.timeout}, {@code
 *       --query.max-concurrency}: PrometheusProcess).
 * </ul>
 *
 * Refusals and failures answer in Prometheus' error shape, which the page shows in the panel.
 */
final class PrometheusProxy implements HttpHandler {

  static final int MAX_POINTS = 4_000;
  static final int MAX_QUERY_CHARS = 16 * 1024;
  static final int MAX_ANSWER_BYTES = 16 << 20;
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final String RANGE_QUERY = "/api/v1/query_range";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

  private final HttpClient client;
  private final URI prometheus;
  private final String path;

  PrometheusProxy(HttpClient client, URI prometheus, String path) {
    this.client = client;
    this.prometheus = prometheus;
    this.path = path;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    String query = ex.getRequestURI().getRawQuery();
    Optional<String> refused = refusal(query);
    if (refused.isPresent()) {
      error(ex, 400, "bad_data", refused.get());
      return;
    }
    forward(ex, query);
  }

  private void forward(HttpExchange ex, String query) throws IOException {
    URI target =
        URI.create(
            prometheus.toString().replaceAll("/+$", "")
                + path
                + (query == null ? "" : "?" + query));
    try {
      HttpResponse<InputStream> r =
          client.send(
              HttpRequest.newBuilder(target).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = r.body()) {
        body = in.readNBytes(MAX_ANSWER_BYTES + 1);
      }
      if (body.length > MAX_ANSWER_BYTES) {
        error(
            ex,
            502,
            "execution",
            "Prometheus' answer to this query is larger than "
                + (MAX_ANSWER_BYTES >> 20)
                + " MiB; ask for fewer series or a shorter range");
        return;
      }
      Responses.send(
          ex,
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse("application/json"),
          body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unavailable(ex, "interrupted");
    } catch (IOException e) {
      unavailable(ex, e.toString());
    }
  }

  /** Why this query string is not forwarded, if it is not. */
  Optional<String> refusal(String rawQuery) {
    if (rawQuery != null && rawQuery.length() > MAX_QUERY_CHARS) {
      return Optional.of(
          "the query string has "
              + rawQuery.length()
              + " characters, more than the preview forwards ("
              + MAX_QUERY_CHARS
              + ")");
    }
    if (!path.equals(RANGE_QUERY)) {
      return Optional.empty();
    }
    try {
      Map<String, String> p = parameters(rawQuery);
      double start = time(given(p, "start"));
      double end = time(given(p, "end"));
      double step = seconds(given(p, "step"));
      if (!(step > 0) || !(end >= start)) {
        return Optional.of("a range query needs end >= start and a step above 0");
      }
      double points = Math.floor((end - start) / step) + 1;
      if (points > MAX_POINTS) {
        return Optional.of(
            "this range and step ask for "
                + (long) points
                + " points per series, more than a dashboard draws ("
                + MAX_POINTS
                + "): widen the step");
      }
      return Optional.empty();
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Optional.of(
          "a range query needs start and end (Unix seconds or RFC 3339) and a step (seconds or"
              + " a duration such as 15s), each once");
    }
  }

  private static Map<String, String> parameters(String rawQuery) {
    Map<String, String> p = new HashMap<>();
    if (rawQuery == null) {
      return p;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      // Prometheus reads the first of a repeated parameter (Go's Request.FormValue): checking
      // another one would be a way around the bound, so a repeated one is refused
      if (p.put(key, value) != null) {
        throw new IllegalArgumentException("repeated parameter " + key);
      }
    }
    return p;
  }

  /** A time as Prometheus' API takes it: Unix seconds, or RFC 3339. */
  private static String given(Map<String, String> parameters, String name) {
    String value = parameters.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no " + name);
    }
    return value;
  }

  private static double time(String s) {
    try {
      return finite(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      OffsetDateTime t = OffsetDateTime.parse(s);
      return t.toEpochSecond() + t.getNano() / 1e9;
    }
  }

  /** A step as Prometheus' API takes it: seconds, or a duration such as 1m30s. */
  private static double seconds(String s) {
    try {
      return finite(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      Matcher m = DURATION.matcher(s);
      double total = 0;
      int at = 0;
      while (m.find() && m.start() == at) {
        total += Long.parseLong(m.group(1)) * unit(m.group(2));
        at = m.end();
      }
      if (at == 0 || at != s.length()) {
        throw new IllegalArgumentException("not a duration: " + s);
      }
      return total;
    }
  }

  private static double unit(String u) {
    return switch (u) {
      case "ms" -> 0.001;
      case "s" -> 1;
      case "m" -> 60;
      case "h" -> 3_600;
      case "d" -> 86_400;
      case "w" -> 604_800;
      default -> 31_536_000; // y: Prometheus' 365 days
    };
  }

  private static double finite(double d) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("not finite");
    }
    return d;
  }

  private void unavailable(HttpExchange ex, String why) throws IOException {
    error(
        ex,
        502,
        "unavailable",
        "Prometheus at " + prometheus + " did not answer " + path + " (" + why + ")");
  }

  private static void error(HttpExchange ex, int status, String type, String message)
      throws IOException {
    Map<String, String> error = new LinkedHashMap<>();
    error.put("status", "error");
    error.put("errorType", type);
    error.put("error", message);
    Responses.json(ex, status, JSON.writeValueAsBytes(error));
  }
}
