package io.peaktrade.watch.exporter.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.peaktrade.watch.exporter.events.Decision;
import io.peaktrade.watch.exporter.http.ReadOnlyHttpServer.Responses;
import io.peaktrade.watch.exporter.reader.JsonlMetrics;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The read-only Execution Watch API over the event file: recent events, a decision summary and
 * health. Bad parameters get 400 with a message; responses are bounded by {@link #MAX_LIMIT}.
 */
public final class WatchApi {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
  public static final String EVENTS = "/api/v1/events";
  public static final String SUMMARY = "/api/v1/summary";
  public static final String HEALTH = "/healthz";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .build();

  private final EventLog log;
  private final JsonlMetrics reading;
  private final Path file;
  private final BooleanSupplier filePresent;

  public WatchApi(EventLog log, JsonlMetrics reading, Path file, BooleanSupplier filePresent) {
    this.log = log;
    this.reading = reading;
    this.file = file;
    this.filePresent = filePresent;
  }

  /** Routes for {@link io.peaktrade.watch.exporter.http.ReadOnlyHttpServer}. */
  public Map<String, HttpHandler> routes() {
    Map<String, HttpHandler> r = new LinkedHashMap<>();
    r.put(EVENTS, this::events);
    r.put(SUMMARY, this::summary);
    r.put(HEALTH, this::health);
    return r;
  }

  private void events(HttpExchange ex) throws IOException {
    Map<String, String> q = query(ex);
    for (String k : q.keySet()) {
      if (!k.equals("limit") && !k.equals("decision")) {
        badRequest(ex, "unknown parameter '" + k + "'; allowed: limit, decision");
        return;
      }
    }
    int limit = DEFAULT_LIMIT;
    if (q.containsKey("limit")) {
      try {
        limit = Integer.parseInt(q.get("limit"));
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        badRequest(
            ex,
            "limit must be a whole number from 1 to "
                + MAX_LIMIT
                + ", got '"
                + q.get("limit")
                + "'");
        return;
      }
    }
    Decision only = null;
    if (q.containsKey("decision")) {
      only = Decision.fromLabel(q.get("decision"));
      if (only == null) {
        badRequest(ex, "decision must be accept, reject or noop, got '" + q.get("decision") + "'");
        return;
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("events", log.recent(limit, only));
    body.put("limit", limit);
    if (only != null) {
      body.put("decision", only.label());
    }
    Responses.json(ex, 200, JSON.writeValueAsBytes(body));
  }

  private void summary(HttpExchange ex) throws IOException {
    if (!query(ex).isEmpty()) {
      badRequest(ex, "summary takes no parameters");
      return;
    }
    EventLog.Summary s = log.summary();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("events_total", s.total());
    body.put("by_decision", s.byDecision());
    body.put("by_reason", s.byReason());
    body.put("last_event_ts", s.lastTs());
    body.put("malformed_lines_total", reading.readErrors());
    Responses.json(ex, 200, JSON.writeValueAsBytes(body));
  }

  private void health(HttpExchange ex) throws IOException {
    boolean present = filePresent.getAsBoolean();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("events_file", file.toAbsolutePath().toString());
    body.put("events_file_present", present);
    body.put("no_live", true);
    Responses.json(ex, 200, JSON.writeValueAsBytes(body));
  }

  private static void badRequest(HttpExchange ex, String message) throws IOException {
    Responses.json(ex, 400, JSON.writeValueAsBytes(Map.of("error", message)));
  }

  static Map<String, String> query(HttpExchange ex) {
    Map<String, String> out = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }
}
