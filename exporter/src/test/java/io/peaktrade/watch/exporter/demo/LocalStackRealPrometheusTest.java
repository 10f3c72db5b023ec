package io.peaktrade.watch.exporter.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peaktrade.watch.exporter.ailive.AiLiveExporter;
import io.peaktrade.watch.exporter.ailive.DecisionMetrics;
import io.peaktrade.watch.exporter.check.CheckResult;
import io.peaktrade.watch.exporter.check.PrometheusApi;
import io.peaktrade.watch.exporter.check.RunbookCheck;
import io.peaktrade.watch.exporter.emit.EventWriter;
import io.peaktrade.watch.exporter.emit.SampleEvents;
import io.peaktrade.watch.exporter.shadow.ShadowMvsExporter;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.peaktrade.watch.exporter.testing.Http;
import io.peaktrade.watch.exporter.testing.Prometheus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tier 4: the local stack scraped by Debian's real Prometheus, and the runbook's checks on it. */
class LocalStackRealPrometheusTest {

  @TempDir static Path dir;
  private static LocalStack stack;
  private static PrometheusApi prometheus;

  static LocalStack.Config config(Path workDir, double emitRate) {
    return new LocalStack.Config(
        "127.0.0.1",
        Http.freePort(),
        Http.freePort(),
        Http.freePort(),
        Http.freePort(),
        Http.freePort(),
        workDir,
        Duration.ofSeconds(1),
        emitRate,
        42L,
        "demo",
        "execution_watch",
        Optional.of(Prometheus.binary("prometheus")));
  }

  @BeforeAll
  static void startStack() throws IOException {
    Files.writeString(
        Files.createDirectories(dir.resolve("stack")).resolve("ai_events.jsonl"),
        "not json\n{\"decision\":\"maybe\"}\n",
        StandardCharsets.UTF_8);
    stack = LocalStack.start(config(dir.resolve("stack"), 5));
    prometheus = new PrometheusApi(stack.prometheusUrl().orElseThrow());
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyRunbookCheckPasses() {
    RunbookCheck check = new RunbookCheck(prometheus, "demo", true);
    List<CheckResult> rows =
        await()
            .atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofMillis(500))
            .until(check::run, RunbookCheck::allPassed);
    assertThat(rows)
        .extracting(CheckResult::check)
        .contains(
            "target job=\"ai_live\"",
            "target job=\"shadow_mvs\"",
            "target job=\"execution_watch_api\"",
            "up{job=\"shadow_mvs\"}",
            "up{job=\"ai_live\"}",
            "peaktrade_ai_decisions_total",
            "peaktrade_signals_total",
            "peaktrade_orders_approved_total",
            "peaktrade_orders_blocked_total",
            "3 decision series for run_id=demo");
  }

  @Test
  void ratesAreNonZeroBecauseTheEmitterFollows() {
    await()
        .atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(prometheus.query("sum(rate(peaktrade_ai_decisions_total[10s])) > 0"))
                  .hasSize(1);
              assertThat(prometheus.query("sum(rate(peaktrade_signals_total[10s])) > 0"))
                  .hasSize(1);
            });
  }

  /**
   * Every panel of the one dashboard source, with its template variables substituted as Grafana
   * would for "All" (namespace, run_id) and a 15-minute range, returns data from real Prometheus.
   */
  @Test
  void everyDashboardPanelReturnsData() throws Exception {
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(Path.of("../dashboards/execution-watch-overview.json").toFile());
    List<String> panels = new ArrayList<>();
    dashboard.path("panels").forEach(p -> panels.add(p.path("title").asText()));
    assertThat(panels).hasSizeGreaterThanOrEqualTo(14);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                  String expr = grafanaSubstitute(target.path("expr").asText());
                  List<PrometheusApi.Sample> result = prometheus.query(expr);
                  assertThat(result).as(panel.path("title").asText() + ": " + expr).isNotEmpty();
                }
              }
            });
  }

  static String grafanaSubstitute(String expr) {
    return expr.replace("$namespace", ".*")
        .replace("$run_id", ".*")
        .replace("$__range", "15m")
        .replace("$__rate_interval", "1m");
  }

  /**
   * Every rule is evaluated (and healthy) at least twice, and then no alert but the informational
   * ones is pending or firing: with every rule's "for" of a minute or more, "not firing" alone
   * would hold seconds after start whatever the rules said.
   */
  @Test
  void theAlertRulesAreLoadedAndQuietWhileTheDemoIsHealthy() throws Exception {
    String rulesUrl = stack.prometheusUrl().orElseThrow().resolve("api/v1/rules").toString();
    ObjectMapper json = new ObjectMapper();
    Supplier<List<JsonNode>> rules =
        () -> {
          try {
            List<JsonNode> all = new ArrayList<>();
            json.readTree(Http.get(rulesUrl).body())
                .path("data")
                .path("groups")
                .forEach(g -> g.path("rules").forEach(all::add));
            return all;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    Map<String, String> firstEvaluation = new HashMap<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                rules.get().stream()
                    .allMatch(
                        r -> {
                          String at = r.path("lastEvaluation").asText("");
                          String first = firstEvaluation.putIfAbsent(r.path("name").asText(), at);
                          return r.path("health").asText().equals("ok")
                              && !at.startsWith("0001")
                              && first != null
                              && !first.equals(at);
                        }));
    assertThat(rules.get()).hasSize(5);
    assertThat(prometheus.query("ALERTS{severity!=\"info\"}")).as("pending or firing").isEmpty();
    assertThat(
            Http.get(stack.prometheusUrl().orElseThrow().resolve("api/v1/rules").toString()).body())
        .contains("ExecutionWatchAiLiveDown")
        .contains("ExecutionWatchShadowMvsDown")
        .contains("ExecutionWatchDecisionsStalled")
        .contains("ExecutionWatchJsonlReadErrors")
        .contains("ExecutionWatchApiErrors");
  }

  @Test
  void promtoolFindsNothingToLintOnAnyEndpoint() throws Exception {
    Path promtool = Prometheus.binary("promtool");
    LocalStack.Config c = stack.config();
    for (int port : List.of(c.aiLivePort(), c.shadowMvsPort(), c.watchApiPort())) {
      String url = "http://127.0.0.1:" + port + "/metrics";
      Http.get("http://127.0.0.1:" + port + "/api/v1/summary");
      String body = Http.get(url).body();
      Process p =
          new ProcessBuilder(promtool.toString(), "check", "metrics")
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(out).as("promtool check metrics on " + url).isEmpty();
      assertThat(p.exitValue()).as(url).isZero();
    }
  }

  @Test
  void theRunbookSampleAloneGivesExactlyThreeSeriesAndStoppingLeavesNothingBehind(@TempDir Path own)
      throws IOException {
    LocalStack.Config c = config(own, 0);
    ProcessHandle prometheusChild;
    try (LocalStack sampleOnly = LocalStack.start(c)) {
      prometheusChild = sampleOnly.prometheusProcess().orElseThrow();
      PrometheusApi api = new PrometheusApi(sampleOnly.prometheusUrl().orElseThrow());
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> api.query("peaktrade_ai_decisions_total").size() == 3);
      assertThat(api.query("peaktrade_ai_decisions_total{run_id=\"demo\"}"))
          .extracting(s -> s.labels().get("decision"))
          .containsExactlyInAnyOrder("accept", "reject", "noop");
    }
    assertThat(prometheusChild.isAlive()).as("Prometheus child stopped").isFalse();
    for (int port :
        List.of(c.aiLivePort(), c.shadowMvsPort(), c.watchApiPort(), c.prometheusPort())) {
      try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
        assertThat(free.getLocalPort()).isEqualTo(port);
      }
    }
  }

  /** The run id reaches the emitter and the exporter, as the operator passes a CR's runId. */
  @Test
  void anotherRunIdIsWhatTheEmitterWritesAndPrometheusSees(@TempDir Path own) throws Exception {
    try (LocalStack custom =
        LocalStack.start(config(own, 2).withRun("custom_run", "execution_watch"))) {
      PrometheusApi api = new PrometheusApi(custom.prometheusUrl().orElseThrow());
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> api.query("peaktrade_ai_decisions_total{run_id=\"custom_run\"}").size() >= 3);
      assertThat(api.query("peaktrade_ai_decisions_total{run_id=\"demo\"}")).isEmpty();
      assertThat(RunbookCheck.allPassed(RunbookCheck.runUntilPassed(api, "custom_run", true, 30)))
          .isTrue();
    }
  }

  @Test
  void exporterOnAnotherFileThanTheEmitterFailsTheCheckWithThePath(@TempDir Path own)
      throws Exception {
    Path emitted = own.resolve("emitter.jsonl");
    Path followed = own.resolve("elsewhere.jsonl");
    try (EventWriter w = new EventWriter(emitted)) {
      w.append(SampleEvents.runbookSample("demo", "execution_watch", Instant.now()));
    }
    int prom = Http.freePort();
    try (AiLiveExporter ai =
            AiLiveExporter.start(
                "127.0.0.1",
                0,
                JsonlTailer.Options.defaults(followed),
                new DecisionMetrics.Defaults("demo", "execution_watch", 20));
        ShadowMvsExporter shadow = ShadowMvsExporter.start("127.0.0.1", 0, 1)) {
      Path yml = own.resolve("prometheus.yml");
      Files.writeString(
          yml,
          PrometheusConfig.yaml(
              Duration.ofSeconds(1),
              List.of(
                  new PrometheusConfig.Job("ai_live", "127.0.0.1:" + ai.port()),
                  new PrometheusConfig.Job("shadow_mvs", "127.0.0.1:" + shadow.port())),
              List.of()));
      try (PrometheusProcess p =
          PrometheusProcess.start(
              Prometheus.binary("prometheus"),
              yml,
              own,
              "127.0.0.1",
              prom,
              Duration.ofSeconds(30))) {
        RunbookCheck check = new RunbookCheck(new PrometheusApi(p.url()), "demo", false);
        List<CheckResult> rows =
            await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                    check::run,
                    r ->
                        r.get(0).passed()
                            && r.get(1).passed()
                            && r.stream()
                                .anyMatch(
                                    x ->
                                        x.check().startsWith("3 decision series")
                                            && x.hint().contains("follows")));
        CheckResult decisions =
            rows.stream()
                .filter(r -> r.check().startsWith("3 decision series"))
                .findFirst()
                .orElseThrow();
        assertThat(decisions.passed()).isFalse();
        assertThat(decisions.hint())
            .contains("Runbook troubleshooting 1")
            .contains(followed.toAbsolutePath().toString())
            .contains("DOES NOT EXIST");
        assertThat(RunbookCheck.allPassed(rows)).isFalse();
      }
    }
  }
}
