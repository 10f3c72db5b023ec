package io.peaktrade.watch.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peaktrade.watch.contracts.Metric;
import io.peaktrade.watch.contracts.ScrapeTarget;
import io.peaktrade.watch.exporter.ailive.AiLiveExporter;
import io.peaktrade.watch.exporter.ailive.DecisionMetrics;
import io.peaktrade.watch.exporter.api.WatchApiServer;
import io.peaktrade.watch.exporter.emit.EventWriter;
import io.peaktrade.watch.exporter.emit.SampleEvents;
import io.peaktrade.watch.exporter.shadow.ShadowMvsExporter;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.peaktrade.watch.exporter.testing.Http;
import io.peaktrade.watch.exporter.testing.MetricsText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each exporter serves exactly the contract's metrics for its job (io.peaktrade.watch.contracts
 * .Metric, docs/contracts.md): every one of them, none besides, each series with the contract's
 * labels.
 */
class ContractMetricsTest {

  @TempDir Path dir;

  /** Our series (the JVM's and client_java's own are not part of the contract) by their labels. */
  private static Map<String, Set<String>> ourSeries(String url) {
    MetricsText text = new MetricsText(Http.get(url).body());
    Map<String, Set<String>> labels = new TreeMap<>();
    for (MetricsText.Sample s : text.all()) {
      if (s.name().matches("(peaktrade|execution_watch_api|shadow_mvs)_.*")) {
        labels.computeIfAbsent(s.name(), n -> new TreeSet<>()).addAll(s.labels().keySet());
      }
    }
    return labels;
  }

  /** What the contract says a target serves: series name to labels. */
  private static Map<String, Set<String>> contract(ScrapeTarget target) {
    Map<String, Set<String>> labels = new TreeMap<>();
    for (Metric m : Metric.values()) {
      if (m.target() == target) {
        for (String series : m.seriesNames()) {
          Set<String> l = new TreeSet<>(m.labels());
          if (series.endsWith("_bucket")) {
            l.add("le");
          }
          labels.put(series, l);
        }
      }
    }
    return labels;
  }

  private Path eventsWithEveryKindOfSeries() throws Exception {
    Path events = dir.resolve("ai_events.jsonl");
    try (EventWriter w = new EventWriter(events)) {
      w.append(SampleEvents.runbookSample("demo", "execution_watch", Clock.systemUTC().instant()));
    }
    // a reason past the label's length bound: the overflow counter gets its series
    Files.writeString(
        events,
        "{\"decision\":\"reject\",\"reason\":\"" + "x".repeat(200) + "\"}\nnot json\n",
        StandardOpenOption.APPEND);
    return events;
  }

  @Test
  void aiLiveServesTheContractsMetrics() throws Exception {
    Path events = eventsWithEveryKindOfSeries();
    try (AiLiveExporter e =
        AiLiveExporter.start(
            "127.0.0.1",
            0,
            JsonlTailer.Options.defaults(events),
            new DecisionMetrics.Defaults("demo", "execution_watch", 20))) {
      String url = "http://127.0.0.1:" + e.port() + "/metrics";
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Http.get(url).statusCode() == 200 && ourSeries(url).size() >= 11);
      assertThat(ourSeries(url)).isEqualTo(contract(ScrapeTarget.AI_LIVE));
    }
  }

  @Test
  void theWatchApiServesTheContractsMetrics() throws Exception {
    Path events = eventsWithEveryKindOfSeries();
    try (WatchApiServer s =
        WatchApiServer.start("127.0.0.1", 0, JsonlTailer.Options.defaults(events))) {
      String base = "http://127.0.0.1:" + s.port();
      Http.get(base + "/api/v1/summary");
      String url = base + "/metrics";
      await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(url).statusCode() == 200);
      assertThat(ourSeries(url)).isEqualTo(contract(ScrapeTarget.WATCH_API));
    }
  }

  @Test
  void shadowMvsServesTheContractsMetrics() throws Exception {
    try (ShadowMvsExporter s = ShadowMvsExporter.start("127.0.0.1", 0, 42)) {
      assertThat(ourSeries("http://127.0.0.1:" + s.port() + "/metrics"))
          .isEqualTo(contract(ScrapeTarget.SHADOW_MVS));
    }
  }
}
