package io.peaktrade.watch.exporter.check;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The few read-only Prometheus HTTP API calls the checks need (instant query, active targets). */
public final class PrometheusApi {

  /** One sample of an instant-vector result. */
  public record Sample(Map<String, String> labels, double value) {}

  /** One active scrape target. */
  public record Target(String job, String health, String lastError) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;

  public PrometheusApi(URI base) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s : s + "/");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  }

  public URI base() {
    return base;
  }

  /** Evaluates an instant query; a Prometheus error (e.g. a parse error) becomes an IOException. */
  public List<Sample> query(String promql) throws IOException {
    JsonNode data = get("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    String type = data.path("resultType").asText();
    List<Sample> out = new ArrayList<>();
    if (type.equals("vector")) {
      for (JsonNode r : data.path("result")) {
        out.add(
            new Sample(
                JSON.convertValue(r.path("metric"), STRING_MAP),
                r.path("value").path(1).asDouble()));
      }
    } else if (type.equals("scalar")) {
      out.add(new Sample(Map.of(), data.path("result").path(1).asDouble()));
    } else if (type.equals("matrix")) {
      for (JsonNode r : data.path("result")) {
        JsonNode values = r.path("values");
        out.add(
            new Sample(
                JSON.convertValue(r.path("metric"), STRING_MAP),
                values.path(values.size() - 1).path(1).asDouble()));
      }
    }
    return out;
  }

  public List<Target> activeTargets() throws IOException {
    JsonNode data = get("api/v1/targets?state=active");
    List<Target> out = new ArrayList<>();
    for (JsonNode t : data.path("activeTargets")) {
      out.add(
          new Target(
              t.path("labels").path("job").asText(),
              t.path("health").asText(),
              t.path("lastError").asText("")));
    }
    return out;
  }

  private JsonNode get(String pathAndQuery) throws IOException {
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve(pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    HttpResponse<String> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    JsonNode body;
    try {
      body = JSON.readTree(resp.body());
    } catch (IOException e) {
      throw new IOException(
          "HTTP " + resp.statusCode() + " from " + req.uri() + " is not Prometheus API JSON", e);
    }
    if (!"success".equals(body.path("status").asText())) {
      throw new IOException(
          body.path("errorType").asText("error")
              + ": "
              + body.path("error").asText("HTTP " + resp.statusCode()));
    }
    return body.path("data");
  }

  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
}
