package io.peaktrade.watch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.peaktrade.watch.operator.Demos;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Static checks of the one dashboard source and of the ConfigMap made from it. */
class DashboardTest {

  static final List<String> RUNBOOK_PANELS =
      List.of(
          "AI Live Up (1/0)",
          "UP (job=shadow_mvs)",
          "Exporter (shadow_mvs_up)",
          "Contract: pipeline events metric present",
          "Contract: execution watch metrics present",
          "Decisions / min (1m) by decision",
          "Top reject reasons",
          "Pipeline events rate (by stage)",
          "req/s by endpoint",
          "latency p95 by endpoint",
          "JSONL read errors",
          "AI Active (last 30s)",
          "Last decision age",
          "Trade-flow counters");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theSourceHasEveryPanelAndOnlyTheDatasourceVariable() {
    JsonNode d = Dashboard.source();
    assertThat(d.path("title").asText()).isEqualTo("Peak_Trade — Execution Watch Overview");
    List<String> titles = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    List<int[]> boxes = new ArrayList<>();
    for (JsonNode p : d.path("panels")) {
      titles.add(p.path("title").asText());
      assertThat(ids.add(p.path("id").asInt())).as("unique id " + p.path("id")).isTrue();
      JsonNode g = p.path("gridPos");
      int[] box = {
        g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()
      };
      for (int[] other : boxes) {
        boolean overlap =
            box[0] < other[0] + other[2]
                && other[0] < box[0] + box[2]
                && box[1] < other[1] + other[3]
                && other[1] < box[1] + box[3];
        assertThat(overlap).as(p.path("title").asText() + " overlaps another panel").isFalse();
      }
      assertThat(box[0] + box[2]).isLessThanOrEqualTo(24);
      boxes.add(box);
      assertThat(p.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      assertThat(p.path("targets")).isNotEmpty();
      for (JsonNode t : p.path("targets")) {
        assertThat(t.path("datasource").path("uid").asText())
            .as(p.path("title").asText())
            .isEqualTo("${datasource}");
        assertThat(t.path("expr").asText()).isNotBlank();
      }
    }
    assertThat(titles).containsAll(RUNBOOK_PANELS);
    List<String> variables = new ArrayList<>();
    d.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
    assertThat(variables).containsExactly("datasource", "namespace", "run_id");
    String text = d.toString();
    assertThat(text).doesNotContain("${DS_").doesNotContain("__inputs");
  }

  /**
   * A range shorter than a few scrape intervals holds one sample or none, so rate and increase
   * flicker between a value and nothing (the old "AI Active" used [30s] at a 15 s scrape). Every
   * range in the dashboard and the alert rules spans at least four scrape intervals of the
   * ServiceMonitors' default, or is one of Grafana's own ranges.
   */
  @Test
  void everyRangeSpansAtLeastFourScrapeIntervals() throws Exception {
    Duration scrape =
        Duration.parse("PT" + new ExecutionWatchDemoSpec().serviceMonitor.interval.toUpperCase());
    List<String> exprs = new ArrayList<>();
    Dashboard.source()
        .path("panels")
        .forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
    exprs.add(Files.readString(Path.of("../alerts/execution-watch.rules.yaml")));
    Matcher m = Pattern.compile("\\[([^\\]]+)\\]").matcher(String.join("\n", exprs));
    int ranges = 0;
    while (m.find()) {
      String range = m.group(1);
      if (range.startsWith("$__")) {
        continue;
      }
      ranges++;
      assertThat(Duration.parse("PT" + range.toUpperCase()))
          .as("range [%s] against a %s scrape interval", range, scrape)
          .isGreaterThanOrEqualTo(scrape.multipliedBy(4));
    }
    assertThat(ranges).isGreaterThan(3);
  }

  @Test
  void eachDemoGetsItsOwnUidTitleAndDefaultsUnderTheSizeLimit() throws Exception {
    ExecutionWatchDemo a = Demos.demo("team-a", "demo");
    ExecutionWatchDemo b = Demos.demo("team-b", "demo");
    assertThat(Dashboard.uid(a)).isNotEqualTo(Dashboard.uid(b)).hasSizeLessThanOrEqualTo(40);
    assertThat(Dashboard.uid(a)).isEqualTo(Dashboard.uid(Demos.demo("team-a", "demo")));
    ConfigMap cm = Dashboard.configMap(a);
    String json = cm.getData().get(Dashboard.dataKey(a));
    assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThan(Dashboard.MAX_BYTES);
    assertThat(json).doesNotContain("\n  ");
    JsonNode d = JSON.readTree(json);
    assertThat(d.path("uid").asText()).isEqualTo(Dashboard.uid(a));
    assertThat(d.path("title").asText())
        .isEqualTo("Peak_Trade — Execution Watch Overview (team-a/demo)");
    assertThat(d.path("templating").path("list").get(1).path("current").path("value").asText())
        .isEqualTo("team-a");
    assertThat(cm.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(cm.getMetadata().getAnnotations())
        .containsEntry("grafana_folder", "Peak_Trade/execution");
    a.getSpec().dashboard.labelKey = "dashboards";
    a.getSpec().dashboard.labelValue = "peaktrade";
    a.getSpec().dashboard.folder = "Ops/Demo";
    ConfigMap custom = Dashboard.configMap(a);
    assertThat(custom.getMetadata().getLabels()).containsEntry("dashboards", "peaktrade");
    assertThat(custom.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Ops/Demo");
  }

  /**
   * Two demos in one namespace and two of the same name in others: four file names and four uids,
   * so in one Grafana folder no demo overwrites, or on deletion removes, another's dashboard.
   */
  @Test
  void everyDemoHasItsOwnDashboardFileAndUid() {
    List<ExecutionWatchDemo> demos =
        List.of(
            Demos.demo("team-a", "demo"),
            Demos.demo("team-a", "demo-2"),
            Demos.demo("team-b", "demo"),
            Demos.demo("team-c", "demo"));
    assertThat(demos.stream().map(d -> Dashboard.configMap(d).getData().keySet()).toList())
        .allSatisfy(keys -> assertThat(keys).hasSize(1))
        .extracting(keys -> keys.iterator().next())
        .doesNotHaveDuplicates();
    assertThat(demos.stream().map(Dashboard::uid).toList()).doesNotHaveDuplicates();
  }
}
