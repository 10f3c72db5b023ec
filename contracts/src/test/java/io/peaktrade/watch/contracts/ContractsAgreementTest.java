package io.peaktrade.watch.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's files that name a contract value name one of the contract's: the dashboard's and
 * the alert rules' queries (jobs, metric names, their labels), the kind cluster's host ports and
 * node ports, the kind script's and the chart notes' URLs, the image's exposed ports.
 */
class ContractsAgreementTest {

  private static final Path ROOT = Path.of("..");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Series names of ours: every metric of the exporters starts so. */
  private static final Pattern OUR_SERIES =
      Pattern.compile("\\b((?:peaktrade|execution_watch_api|shadow_mvs)_[a-z_]+)\\b");

  private static final Pattern SELECTOR = Pattern.compile("\\b([a-z_]+)\\{([^}]*)}");
  private static final Pattern MATCHER = Pattern.compile("([a-z_]+)\\s*(?:=~|!~|!=|=)\\s*\"");
  private static final Pattern JOB = Pattern.compile("\\bjob\\s*=~?\\s*\"([^\"]*)\"");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring)\\s*\\(([^)]*)\\)");
  private static final Pattern LEGEND = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

  /** Labels Prometheus or the scrape adds to every series (namespace: the ServiceMonitors). */
  private static final Set<String> TARGET_LABELS = Set.of("job", "instance", "namespace");

  private static final Set<String> JOBS =
      Stream.of(ScrapeTarget.values()).map(ScrapeTarget::job).collect(Collectors.toSet());

  private record Query(String where, String expr, String legend) {}

  private static List<Query> dashboardQueries() throws IOException {
    JsonNode d = JSON.readTree(ROOT.resolve(RepositoryFiles.DASHBOARD).toFile());
    List<Query> queries = new ArrayList<>();
    for (JsonNode p : d.path("panels")) {
      for (JsonNode t : p.path("targets")) {
        queries.add(
            new Query(
                "panel \"" + p.path("title").asText() + "\"",
                t.path("expr").asText(),
                t.path("legendFormat").asText("")));
      }
    }
    for (JsonNode v : d.path("templating").path("list")) {
      if (v.path("type").asText().equals("query")) {
        String q =
            v.path("query").isObject()
                ? v.path("query").path("query").asText()
                : v.path("query").asText();
        queries.add(new Query("variable " + v.path("name").asText(), q, ""));
      }
    }
    return queries;
  }

  private static List<Query> alertQueries() throws IOException {
    JsonNode rules = YAML.readTree(ROOT.resolve(RepositoryFiles.ALERT_RULES).toFile());
    List<Query> queries = new ArrayList<>();
    for (JsonNode g : rules.path("groups")) {
      for (JsonNode r : g.path("rules")) {
        queries.add(new Query("alert " + r.path("alert").asText(), r.path("expr").asText(), ""));
      }
    }
    return queries;
  }

  /** What in one query is not the contract's: unknown series, jobs, labels. */
  private static List<String> disagreements(Query q) {
    List<String> wrong = new ArrayList<>();
    Set<Metric> metrics = new LinkedHashSet<>();
    Matcher s = OUR_SERIES.matcher(q.expr());
    while (s.find()) {
      Metric m = Metric.bySeries(s.group(1)).orElse(null);
      if (m == null) {
        wrong.add(q.where() + ": no metric of the contract is called " + s.group(1));
      } else {
        metrics.add(m);
      }
    }
    Set<String> labels = new LinkedHashSet<>(TARGET_LABELS);
    metrics.forEach(m -> labels.addAll(m.labels()));
    if (metrics.stream().anyMatch(m -> m.type() == Metric.Type.HISTOGRAM)) {
      labels.add("le");
    }
    Matcher sel = SELECTOR.matcher(q.expr());
    while (sel.find()) {
      Metric m = Metric.bySeries(sel.group(1)).orElse(null);
      Set<String> allowed = new LinkedHashSet<>(TARGET_LABELS);
      if (m != null) {
        allowed.addAll(m.labels());
      } else if (!sel.group(1).equals("up")) {
        continue;
      }
      Matcher l = MATCHER.matcher(sel.group(2));
      while (l.find()) {
        if (!allowed.contains(l.group(1))) {
          wrong.add(q.where() + ": " + sel.group(1) + " has no label " + l.group(1));
        }
      }
    }
    Matcher g = GROUPING.matcher(q.expr());
    while (g.find()) {
      for (String l : g.group(1).split(",")) {
        String label = l.trim();
        if (!label.isEmpty() && !labels.contains(label)) {
          wrong.add(q.where() + ": grouping by " + label + ", a label none of its metrics has");
        }
      }
    }
    Matcher j = JOB.matcher(q.expr());
    while (j.find()) {
      if (!JOBS.contains(j.group(1))) {
        wrong.add(q.where() + ": job " + j.group(1) + " is none of " + JOBS);
      }
    }
    Matcher legend = LEGEND.matcher(q.legend());
    while (legend.find()) {
      if (!labels.contains(legend.group(1))) {
        wrong.add(q.where() + ": legend {{" + legend.group(1) + "}} is no label of its series");
      }
    }
    return wrong;
  }

  @Test
  void theDashboardQueriesOnlyTheContractsJobsMetricsAndLabels() throws IOException {
    List<Query> queries = dashboardQueries();
    assertThat(queries).hasSizeGreaterThan(15);
    assertThat(queries.stream().flatMap(q -> disagreements(q).stream())).isEmpty();
  }

  @Test
  void theAlertRulesQueryOnlyTheContractsJobsMetricsAndLabels() throws IOException {
    List<Query> queries = alertQueries();
    assertThat(queries).isNotEmpty();
    assertThat(queries.stream().flatMap(q -> disagreements(q).stream())).isEmpty();
  }

  @Test
  void aQueryOffTheContractIsCaught() {
    assertThat(
            disagreements(
                new Query(
                    "probe",
                    "sum by (stage)"
                        + " (rate(peaktrade_ai_decision_total{job=\"ai-live\",run=\"x\"}[1m]))",
                    "{{decision}}")))
        .containsExactly(
            "probe: no metric of the contract is called peaktrade_ai_decision_total",
            "probe: grouping by stage, a label none of its metrics has",
            "probe: job ai-live is none of " + JOBS,
            "probe: legend {{decision}} is no label of its series");
    assertThat(
            disagreements(
                new Query("probe", "rate(peaktrade_signals_total{reason=\"x\"}[1m])", "")))
        .containsExactly("probe: peaktrade_signals_total has no label reason");
    assertThat(
            disagreements(
                new Query(
                    "probe",
                    "sum by (reason)"
                        + " (rate(peaktrade_ai_decisions_total{job=\"ai_live\",run_id=\"x\"}[1m]))",
                    "{{decision}}")))
        .isEmpty();
  }

  @Test
  void kindMapsTheRunbooksHostPortsToTheNodePortsOfPrometheusAndGrafana() throws IOException {
    JsonNode kind = YAML.readTree(ROOT.resolve("kind-config.yaml").toFile());
    JsonNode values =
        YAML.readTree(ROOT.resolve("hack/kube-prometheus-stack-values.yaml").toFile());
    int prometheusNodePort = values.path("prometheus").path("service").path("nodePort").asInt();
    int grafanaNodePort = values.path("grafana").path("service").path("nodePort").asInt();
    Map<Integer, Integer> hostToNode = new HashMap<>();
    for (JsonNode m : kind.path("nodes").get(0).path("extraPortMappings")) {
      hostToNode.put(m.path("hostPort").asInt(), m.path("containerPort").asInt());
    }
    assertThat(hostToNode)
        .containsOnly(
            Map.entry(Ports.PROMETHEUS, prometheusNodePort),
            Map.entry(Ports.DASHBOARD, grafanaNodePort));
  }

  /** Every {@code localhost:PORT} in these files is one of the runbook's. */
  @Test
  void theKindScriptAndTheChartNotesUseTheRunbooksPorts() throws IOException {
    Set<Integer> runbook =
        Set.of(Ports.PROMETHEUS, Ports.DASHBOARD, Ports.AI_LIVE, Ports.SHADOW_MVS, Ports.WATCH_API);
    Pattern url = Pattern.compile("localhost:(\\d+)");
    for (String file :
        List.of(
            "hack/kind-e2e.sh",
            "helm/execution-watch-operator/templates/NOTES.txt",
            "kind-config.yaml")) {
      Matcher m = url.matcher(Files.readString(ROOT.resolve(file)));
      int found = 0;
      while (m.find()) {
        found++;
        assertThat(Integer.parseInt(m.group(1))).as(file + ": " + m.group()).isIn(runbook);
      }
      assertThat(found).as(file).isPositive();
    }
    assertThat(Files.readString(ROOT.resolve("helm/execution-watch-operator/templates/NOTES.txt")))
        .contains(
            "jobs " + String.join(", ", List.of(Jobs.AI_LIVE, Jobs.SHADOW_MVS, Jobs.WATCH_API)));
  }

  @Test
  void theExporterImageExposesTheThreeExportersPorts() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("exporter/Dockerfile"));
    Matcher expose = Pattern.compile("(?m)^EXPOSE\\s+(.+)$").matcher(dockerfile);
    assertThat(expose.find()).isTrue();
    assertThat(Stream.of(expose.group(1).trim().split("\\s+")).map(Integer::parseInt))
        .containsExactlyInAnyOrder(Ports.SHADOW_MVS, Ports.AI_LIVE, Ports.WATCH_API);
  }

  /** The repository's tracked text files (sources, scripts, docs, charts), for the scans below. */
  private static List<Path> repositoryFiles() throws IOException {
    Process git =
        new ProcessBuilder("git", "ls-files")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    List<Path> out = new ArrayList<>();
    for (String f : new String(git.getInputStream().readAllBytes()).split("\n")) {
      if (f.matches(".*\\.(java|sh|md|yaml|yml|txt|tpl|json|properties)|.*Dockerfile")
          && !f.startsWith("helm/src/test/resources/releases/")) {
        out.add(ROOT.resolve(f));
      }
    }
    return out;
  }

  /**
   * Every PEAK_TRADE_AI_* variable the repository names is one of the contract's, and the code that
   * reads or sets one names it through the contract: the exporter CLI reads each, the operator sets
   * each in the demo's pods.
   */
  @Test
  void everyEnvironmentVariableIsTheContractsAndBothSidesUseIt() throws IOException {
    Set<String> known =
        Stream.of(EnvironmentVariable.values()).map(Enum::name).collect(Collectors.toSet());
    Pattern variable = Pattern.compile("\\bPEAK_TRADE_AI_[A-Z_]+\\b");
    Pattern literal = Pattern.compile("\"PEAK_TRADE_AI_[A-Z_]+\"");
    Map<String, String> exporterAndOperator = new HashMap<>();
    for (Path f : repositoryFiles()) {
      String text = Files.readString(f);
      Matcher m = variable.matcher(text);
      while (m.find()) {
        assertThat(known).as(f + " names " + m.group()).contains(m.group());
      }
      String path = ROOT.relativize(f).toString();
      if (path.matches("(exporter|operator)/src/main/.*\\.java")) {
        assertThat(literal.matcher(text).find())
            .as(path + ": the variable's name as a literal, not EnvironmentVariable.X.name()")
            .isFalse();
        exporterAndOperator.merge(path.substring(0, path.indexOf('/')), text, String::concat);
      }
    }
    for (EnvironmentVariable v : EnvironmentVariable.values()) {
      assertThat(exporterAndOperator.get("exporter"))
          .as("the exporter CLI reads " + v)
          .contains("EnvironmentVariable." + v.name());
      assertThat(exporterAndOperator.get("operator"))
          .as("the operator sets " + v + " in the demo's pods")
          .contains("EnvironmentVariable." + v.name());
    }
  }

  /** The CRD's defaults and the chart's demo values are the contract's demo defaults. */
  @Test
  void theCrdAndTheChartDefaultToTheContractsDemo() throws IOException {
    JsonNode crd =
        YAML.readTree(ROOT.resolve("crds/executionwatchdemos.peaktrade.io-v1.yml").toFile());
    JsonNode spec =
        crd.path("spec")
            .path("versions")
            .get(0)
            .path("schema")
            .path("openAPIV3Schema")
            .path("properties")
            .path("spec")
            .path("properties");
    assertThat(spec.path("runId").path("default").asText()).isEqualTo(DemoDefaults.RUN_ID);
    assertThat(spec.path("component").path("default").asText()).isEqualTo(DemoDefaults.COMPONENT);
    JsonNode emitter = spec.path("emitter").path("properties");
    assertThat(emitter.path("mode").path("default").asText()).isEqualTo(DemoDefaults.EMITTER_MODE);
    assertThat(emitter.path("rate").path("default").asDouble())
        .isEqualTo((double) DemoDefaults.EMITTER_RATE);
    assertThat(emitter.path("seed").path("default").asLong()).isEqualTo(DemoDefaults.SEED);

    JsonNode demo =
        YAML.readTree(ROOT.resolve("helm/execution-watch-operator/values.yaml").toFile())
            .path("demo");
    assertThat(demo.path("runId").asText()).isEqualTo(DemoDefaults.RUN_ID);
    assertThat(demo.path("component").asText()).isEqualTo(DemoDefaults.COMPONENT);
    assertThat(demo.path("emitter").path("mode").asText()).isEqualTo(DemoDefaults.EMITTER_MODE);
    assertThat(demo.path("emitter").path("rate").asDouble())
        .isEqualTo((double) DemoDefaults.EMITTER_RATE);
    assertThat(demo.path("emitter").path("seed").asLong()).isEqualTo(DemoDefaults.SEED);
  }
}
