package io.peaktrade.watch.exporter.check;

import io.peaktrade.watch.contracts.Jobs;
import io.peaktrade.watch.contracts.Metric;
import io.peaktrade.watch.contracts.Ports;
import io.peaktrade.watch.exporter.check.PrometheusApi.Sample;
import io.peaktrade.watch.exporter.check.PrometheusApi.Target;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The runbook's checks against a Prometheus server: targets {@code ai_live} and {@code shadow_mvs}
 * UP, the six minimal queries, the three decision series for the run id, and the contract metrics.
 */
public final class RunbookCheck {

  public static final List<String> MINIMAL_QUERIES =
      List.of(
          "up{job=\"" + Jobs.SHADOW_MVS + "\"}",
          "up{job=\"" + Jobs.AI_LIVE + "\"}",
          Metric.AI_DECISIONS.metricName(),
          Metric.SIGNALS.metricName(),
          Metric.ORDERS_APPROVED.metricName(),
          Metric.ORDERS_BLOCKED.metricName());

  static final String HINT_AI_LIVE_DOWN =
      "Is the ai_live exporter running on :"
          + Ports.AI_LIVE
          + "? curl -s localhost:"
          + Ports.AI_LIVE
          + "/metrics | head. In"
          + " Kubernetes: kubectl get ewd -A, and check that the ServiceMonitor carries the label"
          + " your Prometheus selects (kube-prometheus-stack: release=<its release name>).";
  static final String HINT_SHADOW_DOWN =
      "Is the mock shadow_mvs exporter running on :"
          + Ports.SHADOW_MVS
          + "? curl -s localhost:"
          + Ports.SHADOW_MVS
          + "/metrics | head. "
          + "In Kubernetes: same ServiceMonitor label check as for ai_live.";
  static final String HINT_NO_DECISIONS =
      "Runbook troubleshooting 1: ai_live is up but follows another file than the emitter writes."
          + " Compare peaktrade_ai_jsonl_file_info{path} with PEAK_TRADE_AI_EVENTS_JSONL of the"
          + " emitter, restart the exporter with the same PEAK_TRADE_AI_EVENTS_JSONL, and emit the"
          + " events again.";
  static final String HINT_WATCH_API =
      "Is the Execution Watch API running on :"
          + Ports.WATCH_API
          + " and scraped as job "
          + Jobs.WATCH_API
          + "? curl -s localhost:"
          + Ports.WATCH_API
          + "/healthz";

  private final PrometheusApi prometheus;
  private final String runId;
  private final boolean expectWatchApi;

  /**
   * Runs the checks until all pass or {@code waitSeconds} are over (new targets take a few scrapes
   * to show up), and returns the last rows.
   */
  public static List<CheckResult> runUntilPassed(
      PrometheusApi api, String runId, boolean watchApi, long waitSeconds)
      throws InterruptedException {
    RunbookCheck check = new RunbookCheck(api, runId, watchApi);
    long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
    List<CheckResult> rows = check.run();
    while (!allPassed(rows) && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      rows = check.run();
    }
    return rows;
  }

  public RunbookCheck(PrometheusApi prometheus, String runId, boolean expectWatchApi) {
    this.prometheus = prometheus;
    this.runId = runId;
    this.expectWatchApi = expectWatchApi;
  }

  public List<CheckResult> run() {
    List<CheckResult> rows = new ArrayList<>();
    List<Target> targets;
    try {
      targets = prometheus.activeTargets();
    } catch (IOException e) {
      rows.add(
          new CheckResult(
              "Prometheus reachable at " + prometheus.base(),
              "API answers",
              describe(e),
              false,
              "Start Prometheus (the demo starts it on :"
                  + Ports.PROMETHEUS
                  + ") or port-forward it; check the"
                  + " --prometheus URL."));
      return rows;
    }
    rows.add(target(targets, Jobs.AI_LIVE, HINT_AI_LIVE_DOWN));
    rows.add(target(targets, Jobs.SHADOW_MVS, HINT_SHADOW_DOWN));
    if (expectWatchApi) {
      rows.add(target(targets, Jobs.WATCH_API, HINT_WATCH_API));
    }
    for (String q : MINIMAL_QUERIES) {
      rows.add(nonEmpty(q, hintFor(q)));
    }
    rows.add(decisionSeries());
    rows.add(
        equalsOne(
            Metric.SHADOW_MVS_UP.metricName(),
            "Exporter (shadow_mvs_up) must be 1: " + HINT_SHADOW_DOWN));
    rows.add(
        nonEmpty(
            Metric.PIPELINE_EVENTS.metricName(),
            "Contract: pipeline events metric missing. " + HINT_SHADOW_DOWN));
    rows.add(
        nonEmpty(
            Metric.AI_LAST_DECISION_TIMESTAMP.metricName()
                + "{run_id="
                + PromQl.string(runId)
                + "}",
            HINT_NO_DECISIONS));
    if (expectWatchApi) {
      rows.add(
          nonEmpty(
              Metric.WATCH_API_REQUESTS.metricName(),
              "Contract: execution watch metrics missing. " + HINT_WATCH_API));
    }
    return rows;
  }

  private String hintFor(String query) {
    if (query.contains(Jobs.AI_LIVE)) {
      return HINT_AI_LIVE_DOWN;
    }
    if (query.equals(Metric.AI_DECISIONS.metricName())) {
      return HINT_NO_DECISIONS;
    }
    return "Trade-flow counters come from the mock shadow_mvs exporter. " + HINT_SHADOW_DOWN;
  }

  private static CheckResult target(List<Target> targets, String job, String hint) {
    List<Target> mine = targets.stream().filter(t -> t.job().equals(job)).toList();
    String name = "target job=\"" + job + "\"";
    if (mine.isEmpty()) {
      return new CheckResult(name, "UP", "no such target", false, hint);
    }
    List<Target> down = mine.stream().filter(t -> !t.health().equals("up")).toList();
    if (!down.isEmpty()) {
      Target t = down.get(0);
      return new CheckResult(
          name, "UP", t.health().toUpperCase() + " " + t.lastError(), false, hint);
    }
    return new CheckResult(name, "UP", "UP (" + mine.size() + ")", true, hint);
  }

  private CheckResult nonEmpty(String query, String hint) {
    try {
      List<Sample> r = prometheus.query(query);
      return new CheckResult(query, "result != []", r.size() + " series", !r.isEmpty(), hint);
    } catch (IOException e) {
      return new CheckResult(query, "result != []", "error: " + describe(e), false, hint);
    }
  }

  private CheckResult equalsOne(String query, String hint) {
    try {
      List<Sample> r = prometheus.query(query);
      String got =
          r.isEmpty()
              ? "no data"
              : r.stream().map(s -> fmt(s.value())).collect(Collectors.joining(","));
      return new CheckResult(
          query, "1", got, !r.isEmpty() && r.stream().allMatch(s -> s.value() == 1), hint);
    } catch (IOException e) {
      return new CheckResult(query, "1", "error: " + describe(e), false, hint);
    }
  }

  private CheckResult decisionSeries() {
    String q =
        "sum by (decision) (peaktrade_ai_decisions_total{run_id=" + PromQl.string(runId) + "})";
    String name = "3 decision series for run_id=" + runId;
    Set<String> expected = new TreeSet<>(List.of("accept", "noop", "reject"));
    try {
      Set<String> got =
          prometheus.query(q).stream()
              .map(s -> s.labels().get("decision"))
              .collect(Collectors.toCollection(TreeSet::new));
      String hint = HINT_NO_DECISIONS + followedFile();
      return new CheckResult(
          name,
          String.join("/", expected),
          got.isEmpty() ? "none" : String.join("/", got),
          got.equals(expected),
          hint);
    } catch (IOException e) {
      return new CheckResult(
          name, String.join("/", expected), "error: " + describe(e), false, HINT_NO_DECISIONS);
    }
  }

  /**
   * Names the file ai_live follows, so the mismatch of troubleshooting case 1 is visible at once.
   */
  private String followedFile() {
    try {
      List<Sample> info = prometheus.query(Metric.AI_JSONL_FILE_INFO.metricName());
      if (info.isEmpty()) {
        return "";
      }
      List<Sample> present = prometheus.query(Metric.AI_JSONL_FILE_PRESENT.metricName());
      String state =
          present.isEmpty() ? "" : present.get(0).value() == 1 ? " (exists)" : " (DOES NOT EXIST)";
      return " ai_live follows: " + info.get(0).labels().get("path") + state;
    } catch (IOException e) {
      return "";
    }
  }

  /** An exception as text for the table; connection errors often carry no message. */
  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() + " (nothing answers there)" : m;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  public static boolean allPassed(List<CheckResult> rows) {
    return !rows.isEmpty() && rows.stream().allMatch(CheckResult::passed);
  }

  /** Prints the table: check, expected, got, PASS/FAIL, and the hint under each failure. */
  public static void print(List<CheckResult> rows, PrintStream out) {
    int w1 = Math.max(5, rows.stream().mapToInt(r -> r.check().length()).max().orElse(5));
    int w2 = Math.max(8, rows.stream().mapToInt(r -> r.expected().length()).max().orElse(8));
    int w3 =
        Math.max(3, Math.min(60, rows.stream().mapToInt(r -> r.got().length()).max().orElse(3)));
    String fmt = "%-" + w1 + "s  %-" + w2 + "s  %-" + w3 + "s  %s%n";
    out.printf(fmt, "CHECK", "EXPECTED", "GOT", "RESULT");
    for (CheckResult r : rows) {
      out.printf(fmt, r.check(), r.expected(), r.got(), r.passed() ? "PASS" : "FAIL");
      if (!r.passed()) {
        out.println("    hint: " + r.hint());
      }
    }
    long passed = rows.stream().filter(CheckResult::passed).count();
    out.println(passed + "/" + rows.size() + " checks passed");
  }
}
