package io.peaktrade.watch.exporter.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peaktrade.watch.exporter.emit.SampleEvents;
import io.peaktrade.watch.exporter.preview.DashboardPreview;
import io.peaktrade.watch.exporter.testing.Chromium;
import io.peaktrade.watch.exporter.testing.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier 4 in a browser: the local demo's dashboard on a real Prometheus, opened in headless
 * Chromium, every panel read back from its data-panel-title / data-state attributes. The screenshot
 * of the healthy demo is left in target/dashboard-preview/ (docs/ holds one).
 */
class DashboardPreviewBrowserTest {

  private static final Path SHIPPED = Path.of("../dashboards/execution-watch-overview.json");
  private static final String GREEN = "rgb(115, 191, 105)";

  @TempDir static Path dir;
  private static LocalStack stack;
  private static URI page;
  private static Chromium chromium;

  @BeforeAll
  static void startDemo() throws IOException {
    chromium = Chromium.locate(dir);
    stack = LocalStack.start(LocalStackRealPrometheusTest.config(dir.resolve("stack"), 2));
    page = stack.dashboardUrl().orElseThrow();
  }

  @AfterAll
  static void stopDemo() {
    if (stack != null) {
      stack.close();
    }
  }

  /** The panels of the shipped dashboard, in its order. */
  private static List<String> shippedTitles() throws IOException {
    JsonNode d = new ObjectMapper().readTree(SHIPPED.toFile());
    return StreamSupport.stream(d.path("panels").spliterator(), false)
        .map(p -> p.path("title").asText())
        .toList();
  }

  private static Map<String, Element> panels(Document dom) {
    Map<String, Element> byTitle = new LinkedHashMap<>();
    for (Element e : dom.select("[data-panel-title]")) {
      byTitle.put(e.attr("data-panel-title"), e);
    }
    return byTitle;
  }

  private static List<String> texts(Element panel, String selector) {
    return new ArrayList<>(panel.select(selector).eachText());
  }

  @Test
  void everyPanelTheRunbookCallsGreenShowsData() throws IOException {
    List<String> titles = shippedTitles();
    // The runbook (docs/RUNBOOK-execution-watch.md, "Demo gesund"): with the emitter following,
    // no panel of the demo is empty.
    Document dom =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> Jsoup.parse(chromium.dumpDom(page)),
                d ->
                    panels(d).size() == titles.size()
                        && panels(d).values().stream()
                            .allMatch(p -> p.attr("data-state").equals("data")));
    Map<String, Element> panels = panels(dom);
    assertThat(panels.keySet()).containsExactlyElementsOf(titles);

    Map<String, String> statText = new LinkedHashMap<>();
    statText.put("AI Live Up (1/0)", "UP");
    statText.put("UP (job=shadow_mvs)", "UP");
    statText.put("Exporter (shadow_mvs_up)", "UP");
    statText.put("Contract: pipeline events metric present", "PRESENT");
    statText.put("Contract: execution watch metrics present", "PRESENT");
    statText.put("AI Active (last 30s)", "ACTIVE");
    statText.forEach(
        (title, text) -> {
          Element stat = panels.get(title).selectFirst(".stat");
          assertThat(stat.text()).as(title).isEqualTo(text);
          assertThat(stat.attr("style")).as(title + " is green").contains(GREEN);
        });
    assertThat(panels.get("Last decision age").text()).matches(".*\\d+(\\.\\d+)? (ms|s)$");
    assertThat(
            Double.parseDouble(
                panels.get("Decisions total").selectFirst(".stat").attr("data-value")))
        .isPositive();
    assertThat(texts(panels.get("Trade-flow counters"), ".stat .name"))
        .containsExactly("signals", "approved (shadow)", "blocked");
    assertThat(texts(panels.get("Top reject reasons"), ".bar .label"))
        .isNotEmpty()
        .isSubsetOf(SampleEvents.REJECT_REASONS);
    assertThat(texts(panels.get("Decisions / min (1m) by decision"), ".u-legend .u-series th"))
        .contains("accept", "noop", "reject");
    assertThat(texts(panels.get("req/s by endpoint"), ".u-legend .u-series th"))
        .contains("/metrics");
    for (String chart :
        List.of(
            "Decisions / min (1m) by decision",
            "Pipeline events rate (by stage)",
            "Orders blocked by reason",
            "req/s by endpoint",
            "latency p95 by endpoint",
            "JSONL read errors")) {
      assertThat(panels.get(chart).select("canvas")).as(chart + " is drawn").isNotEmpty();
    }

    Path png = Files.createDirectories(Path.of("target/dashboard-preview")).resolve("demo.png");
    chromium.screenshot(page, png, 1600, 1250);
    byte[] head = Files.readAllBytes(png);
    assertThat(head.length).isGreaterThan(20_000);
    assertThat(new String(head, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  @Test
  void aPrometheusThatDoesNotAnswerShowsAnErrorInEveryPanel() throws IOException {
    URI nobody = URI.create("http://127.0.0.1:" + Http.freePort());
    try (DashboardPreview preview = DashboardPreview.start("127.0.0.1", 0, nobody)) {
      Document dom =
          Jsoup.parse(chromium.dumpDom(URI.create("http://127.0.0.1:" + preview.port() + "/")));
      Map<String, Element> panels = panels(dom);
      assertThat(panels.keySet()).containsExactlyElementsOf(shippedTitles());
      panels.forEach(
          (title, p) -> {
            assertThat(p.attr("data-state")).as(title).isEqualTo("error");
            assertThat(p.select(".status").text()).as(title).contains("did not answer");
          });
    }
  }

  @Test
  void thePageServesTheShippedDashboardFileItself() throws IOException {
    HttpResponse<String> r = Http.get(page.resolve("dashboard.json").toString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(Files.readString(SHIPPED));
  }

  @Test
  void thePrometheusProxyOnlyReadsTheQueryApi() {
    String base = page.resolve("prometheus").toString();
    HttpResponse<String> query = Http.get(base + "/api/v1/query?query=up");
    assertThat(query.statusCode()).isEqualTo(200);
    assertThat(query.body()).contains("\"status\":\"success\"");
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      assertThat(Http.send(method, base + "/api/v1/query?query=up").statusCode())
          .as(method)
          .isEqualTo(405);
    }
    // Prometheus's own mutating endpoints (admin API, lifecycle) and everything off the list: 404
    for (String path :
        List.of(
            "/api/v1/admin/tsdb/delete_series?match[]=up",
            "/api/v1/admin/tsdb/snapshot",
            "/-/quit",
            "/-/reload",
            "/api/v1/status/config",
            "/api/v1/query/../admin/tsdb/clean_tombstones",
            "/graph")) {
      assertThat(Http.get(base + path).statusCode()).as(path).isEqualTo(404);
    }
  }
}
