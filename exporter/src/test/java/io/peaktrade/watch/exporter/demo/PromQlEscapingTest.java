package io.peaktrade.watch.exporter.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peaktrade.watch.contracts.Jobs;
import io.peaktrade.watch.exporter.ailive.AiLiveExporter;
import io.peaktrade.watch.exporter.ailive.DecisionMetrics;
import io.peaktrade.watch.exporter.check.PromQl;
import io.peaktrade.watch.exporter.check.PrometheusApi;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.peaktrade.watch.exporter.testing.Chromium;
import io.peaktrade.watch.exporter.testing.Http;
import io.peaktrade.watch.exporter.testing.Prometheus;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run ids with PromQL's and RE2's special characters, through ai_live into a real Prometheus, then
 * queried the ways the project builds queries: {@code check --run-id} ({@link PromQl}) and the
 * dashboard preview's variables (preview/promql.js, run in headless Chromium), for {@code =} and
 * {@code =~}. Each query selects that run's series and no other; before, a '.' broke the preview's
 * panels and a '"' showed another run's data.
 */
class PromQlEscapingTest {

  private static final List<String> RUN_IDS =
      List.of("plain", "a.b", "axb", "say \"hi\"", "back\\slash", "{braces}", "one|two", "one");

  @TempDir static Path dir;
  private static AiLiveExporter exporter;
  private static PrometheusProcess prometheus;
  private static PrometheusApi api;

  @BeforeAll
  static void start() throws Exception {
    Path binary = Prometheus.binary("prometheus");
    Path events = dir.resolve("events.jsonl");
    StringBuilder lines = new StringBuilder();
    for (String run : RUN_IDS) {
      String json = run.replace("\\", "\\\\").replace("\"", "\\\"");
      lines.append(
          "{\"schema\":\"peaktrade.ai_event.v1\",\"ts\":\"2026-12-01T00:00:00Z\",\"run_id\":\""
              + json
              + "\",\"component\":\"c\",\"event\":\"decision\",\"decision\":\"accept\",\"reason\":\"none\"}\n");
    }
    Files.writeString(events, lines);
    exporter =
        AiLiveExporter.start(
            "127.0.0.1",
            0,
            JsonlTailer.Options.defaults(events),
            new DecisionMetrics.Defaults("demo", "c", 20));
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        PrometheusConfig.yaml(
            Duration.ofSeconds(1),
            List.of(new PrometheusConfig.Job(Jobs.AI_LIVE, "127.0.0.1:" + exporter.port())),
            List.of()));
    prometheus =
        PrometheusProcess.start(
            binary, config, dir, "127.0.0.1", Http.freePort(), Duration.ofSeconds(30));
    api = new PrometheusApi(prometheus.url());
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> api.query("peaktrade_ai_decisions_total").size() == RUN_IDS.size());
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (exporter != null) {
      exporter.close();
    }
  }

  private static List<String> runIdsOf(String query) throws Exception {
    return api.query(query).stream().map(s -> s.labels().get("run_id")).toList();
  }

  @Test
  void theCheckCommandsQueriesSelectExactlyTheRunAsked() throws Exception {
    for (String run : RUN_IDS) {
      assertThat(runIdsOf("peaktrade_ai_decisions_total{run_id=" + PromQl.string(run) + "}"))
          .as(run)
          .containsExactly(run);
      assertThat(runIdsOf("peaktrade_ai_decisions_total{run_id=~" + PromQl.regex(run) + "}"))
          .as(run + " as a regular expression")
          .containsExactly(run);
    }
  }

  /**
   * preview/promql.js as the page runs it: a page that substitutes every run id into both matchers
   * of one expression each, and writes the results into its DOM.
   */
  @Test
  void thePreviewsVariablesSelectExactlyTheRunChosen() throws Exception {
    Chromium chromium = Chromium.locate(dir);
    Path page = Files.createDirectories(dir.resolve("page"));
    try (InputStream in = getClass().getResourceAsStream("/preview/promql.js")) {
      Files.write(page.resolve("promql.js"), in.readAllBytes());
    }
    StringBuilder values = new StringBuilder("[");
    for (String run : RUN_IDS) {
      values
          .append(values.length() > 1 ? "," : "")
          .append('"')
          .append(run.replace("\\", "\\\\").replace("\"", "\\\""))
          .append('"');
    }
    values.append(']');
    Files.writeString(
        page.resolve("test.html"),
        """
        <!doctype html><html><head><script src="promql.js"></script></head><body><script>
        const values = %s;
        for (const [i, v] of values.entries()) {
          for (const expr of ['peaktrade_ai_decisions_total{run_id="$run_id"}',
                              'peaktrade_ai_decisions_total{run_id=~"$run_id"}']) {
            const at = expr.indexOf('$run_id');
            const out = expr.slice(0, at) + PromQL.substitute(expr, at, v, null) + expr.slice(at + 7);
            const pre = document.createElement('pre');
            pre.dataset.index = i;
            pre.textContent = out;
            document.body.append(pre);
          }
        }
        </script></body></html>
        """
            .formatted(values));
    Document dom = Jsoup.parse(chromium.dumpDom(page.resolve("test.html").toUri()));
    List<String> checked = new ArrayList<>();
    for (var pre : dom.select("pre")) {
      String run = RUN_IDS.get(Integer.parseInt(pre.attr("data-index")));
      assertThat(runIdsOf(pre.text())).as(run + ": " + pre.text()).containsExactly(run);
      checked.add(pre.text());
    }
    assertThat(checked).hasSize(RUN_IDS.size() * 2);
  }
}
