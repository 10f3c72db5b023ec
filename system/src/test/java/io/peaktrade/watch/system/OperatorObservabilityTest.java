package io.peaktrade.watch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.peaktrade.watch.contracts.Jobs;
import io.peaktrade.watch.exporter.check.PrometheusApi;
import io.peaktrade.watch.exporter.demo.PrometheusConfig;
import io.peaktrade.watch.exporter.demo.PrometheusProcess;
import io.peaktrade.watch.exporter.preview.DashboardPreview;
import io.peaktrade.watch.exporter.testing.Chromium;
import io.peaktrade.watch.exporter.testing.Http;
import io.peaktrade.watch.exporter.testing.Prometheus;
import io.peaktrade.watch.operator.Demos;
import io.peaktrade.watch.operator.MockCluster;
import io.peaktrade.watch.operator.OperatorProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's own observability end to end: the operator as its own process (the shaded jar, the
 * image's JVM options) on the mock API server with two demos, a real Prometheus scraping it every
 * second under job execution_watch_operator and evaluating alerts/execution-watch-operator
 * .rules.yaml. When a demo's NetworkPolicy cannot be put back (the operator's write refused), its
 * NoLiveEnforced gauge turns False within one reconcile and the alert's expression returns that
 * demo and only it; once writes go through again, the expression is empty. Every panel query of
 * dashboards/execution-watch-operator.json returns data, and the preview page draws every panel.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorObservabilityTest {

  private static final Path OPERATOR_JAR =
      Path.of("../operator/target/execution-watch-operator.jar");
  private static final Path JVM_OPTIONS = Path.of("../operator/jvm.options");
  private static final Path RULES = Path.of("../alerts/execution-watch-operator.rules.yaml");
  private static final Path DASHBOARD = Path.of("../dashboards/execution-watch-operator.json");
  private static final String NS = "peaktrade";

  @TempDir static Path dir;
  private static MockCluster cluster;
  private static OperatorProcess operator;
  private static PrometheusProcess prometheusProcess;
  private static PrometheusApi prometheus;

  @BeforeAll
  static void start() throws Exception {
    Path binary = Prometheus.binary("prometheus");
    cluster = new MockCluster(true);
    operator = OperatorProcess.start(cluster, OPERATOR_JAR, JVM_OPTIONS, "384m", Map.of());
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        PrometheusConfig.yaml(
            Duration.ofSeconds(1),
            List.of(new PrometheusConfig.Job(Jobs.OPERATOR, "127.0.0.1:" + operator.port())),
            List.of(RULES.toAbsolutePath().toString())));
    prometheusProcess =
        PrometheusProcess.start(
            binary, config, dir, "127.0.0.1", Http.freePort(), Duration.ofSeconds(30));
    prometheus = new PrometheusApi(prometheusProcess.url());
    for (String demo : List.of("demo", "other")) {
      cluster.client.resource(Demos.demo(NS, demo)).create();
      cluster.markDemoAvailable(NS, demo);
      await().atMost(Duration.ofSeconds(30)).until(() -> cluster.isReady(NS, demo));
    }
  }

  @AfterAll
  static void stop() {
    if (prometheusProcess != null) {
      prometheusProcess.close();
    }
    if (operator != null) {
      operator.close();
    }
    if (cluster != null) {
      cluster.requests.allowAll();
      cluster.close();
    }
  }

  /** The expression of one alert of the rules file. */
  private static String alertExpression(String alert) throws Exception {
    JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
    for (JsonNode rule : rules.path("groups").get(0).path("rules")) {
      if (rule.path("alert").asText().equals(alert)) {
        return rule.path("expr").asText();
      }
    }
    throw new AssertionError("no alert " + alert + " in " + RULES);
  }

  private static List<String> demosIn(List<PrometheusApi.Sample> samples) {
    return samples.stream()
        .map(s -> s.labels().get("namespace") + "/" + s.labels().get("demo"))
        .toList();
  }

  @Test
  @Order(1)
  void everyPanelOfTheOperatorsDashboardReturnsData() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                  String expr =
                      target
                          .path("expr")
                          .asText()
                          .replace("$namespace", ".*")
                          .replace("$__range", "15m");
                  assertThat(prometheus.query(expr))
                      .as(panel.path("title").asText() + ": " + expr)
                      .isNotEmpty();
                }
              }
            });
    assertThat(prometheus.query("count(execution_watch_demo_condition)").get(0).value())
        .as("2 demos x 4 conditions x 3 statuses")
        .isEqualTo(24);
  }

  @Test
  @Order(2)
  void thePreviewPageDrawsEveryPanelOfTheOperatorsDashboard() throws Exception {
    Chromium chromium = Chromium.locate(dir);
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    List<String> titles = new ArrayList<>();
    dashboard.path("panels").forEach(p -> titles.add(p.path("title").asText()));
    try (DashboardPreview preview =
        DashboardPreview.start(
            "127.0.0.1", 0, prometheusProcess.url(), DashboardPreview.OPERATOR_DASHBOARD)) {
      URI page = URI.create("http://127.0.0.1:" + preview.port() + "/");
      Document dom =
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofSeconds(1))
              .until(
                  () -> Jsoup.parse(chromium.dumpDom(page)),
                  d ->
                      panels(d).size() == titles.size()
                          && panels(d).values().stream()
                              .allMatch(p -> p.attr("data-state").equals("data")));
      Map<String, Element> panels = panels(dom);
      assertThat(panels.keySet()).containsExactlyElementsOf(titles);
      assertThat(panels.get("No-live broken (demos)").selectFirst(".stat").text()).isEqualTo("0");
      assertThat(panels.get("Operator up").selectFirst(".stat").text()).isEqualTo("UP");
      assertThat(panels.get("Operator ready").selectFirst(".stat").text()).isEqualTo("READY");
      assertThat(panels.get("JVM memory").select("canvas")).isNotEmpty();
      Path png =
          Files.createDirectories(Path.of("target/operator-dashboard")).resolve("operator.png");
      chromium.screenshot(page, png, 1600, 1100);
      assertThat(Files.size(png)).isGreaterThan(20_000);
    }
  }

  private static Map<String, Element> panels(Document dom) {
    Map<String, Element> byTitle = new LinkedHashMap<>();
    for (Element e : dom.select("[data-panel-title]")) {
      byTitle.put(e.attr("data-panel-title"), e);
    }
    return byTitle;
  }

  @Test
  @Order(3)
  void aNetworkPolicyThatCannotBePutBackTurnsTheGaugeAndTheAlertExpressionWithinOneReconcile()
      throws Exception {
    String alert = alertExpression("ExecutionWatchNoLiveNotEnforced");
    assertThat(prometheus.query(alert)).as("healthy: the alert's expression is empty").isEmpty();

    cluster.requests.refuse("PUT /apis/networking.k8s.io/v1/namespaces/" + NS + "/networkpolicies");
    cluster.requests.refuse(
        "POST /apis/networking.k8s.io/v1/namespaces/" + NS + "/networkpolicies");
    cluster
        .client
        .resources(NetworkPolicy.class)
        .inNamespace(NS)
        .withName("demo-no-live")
        .edit(
            p -> {
              p.getSpec().setEgress(new ArrayList<>(List.of(new NetworkPolicyEgressRule())));
              return p;
            });
    // The drift is an event: the next reconcile finds the policy differing and its write refused.
    // One reconcile plus two scrapes.
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(
                        demosIn(
                            prometheus.query(
                                "execution_watch_demo_condition{type=\"NoLiveEnforced\",status=\"False\"}"
                                    + " == 1")))
                    .containsExactly(NS + "/demo"));
    assertThat(demosIn(prometheus.query(alert)))
        .as("the alert's expression returns that demo, and only it")
        .containsExactly(NS + "/demo");

    cluster.requests.allowAll();
    // The refused write is retried after ExecutionWatchDemoReconciler.RETRY (10 s).
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(prometheus.query(alert)).isEmpty());
    assertThat(
            prometheus.query(
                "execution_watch_demo_condition{namespace=\""
                    + NS
                    + "\",demo=\"demo\",type=\"NoLiveEnforced\",status=\"True\"} == 1"))
        .hasSize(1);
  }
}
