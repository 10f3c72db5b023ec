package io.peaktrade.watch.contracts;

import java.util.List;
import java.util.Optional;

/**
 * Every metric the exporters serve, by the name Prometheus stores and the dashboard and alerts
 * query, with its labels and the process that serves it. The exporters register them from here;
 * docs/contracts.md is generated from here; tests check the dashboard, the alert rules and each
 * exporter's /metrics against this list.
 */
public enum Metric {
  // ai_live
  AI_DECISIONS(
      ScrapeTarget.AI_LIVE,
      Type.COUNTER,
      "peaktrade_ai_decisions_total",
      "run_id",
      "component",
      "decision",
      "reason"),
  AI_EVENTS_READ(ScrapeTarget.AI_LIVE, Type.COUNTER, "peaktrade_ai_events_read_total"),
  AI_LABEL_OVERFLOW(
      ScrapeTarget.AI_LIVE, Type.COUNTER, "peaktrade_ai_label_overflow_total", "label"),
  AI_LAST_DECISION_TIMESTAMP(
      ScrapeTarget.AI_LIVE,
      Type.GAUGE,
      "peaktrade_ai_last_decision_timestamp_seconds",
      "run_id",
      "component"),
  AI_JSONL_LINES(ScrapeTarget.AI_LIVE, Type.COUNTER, "peaktrade_ai_jsonl_lines_total", "result"),
  AI_JSONL_READ_ERRORS(
      ScrapeTarget.AI_LIVE, Type.COUNTER, "peaktrade_ai_jsonl_read_errors_total", "kind"),
  AI_JSONL_READ_BYTES(ScrapeTarget.AI_LIVE, Type.COUNTER, "peaktrade_ai_jsonl_read_bytes_total"),
  AI_JSONL_TRUNCATIONS(ScrapeTarget.AI_LIVE, Type.COUNTER, "peaktrade_ai_jsonl_truncations_total"),
  AI_JSONL_ROTATIONS(ScrapeTarget.AI_LIVE, Type.COUNTER, "peaktrade_ai_jsonl_rotations_total"),
  AI_JSONL_FILE_PRESENT(ScrapeTarget.AI_LIVE, Type.GAUGE, "peaktrade_ai_jsonl_file_present"),
  AI_JSONL_FILE_INFO(ScrapeTarget.AI_LIVE, Type.INFO, "peaktrade_ai_jsonl_file_info", "path"),

  // Execution Watch API
  WATCH_API_REQUESTS(
      ScrapeTarget.WATCH_API,
      Type.COUNTER,
      "execution_watch_api_requests_total",
      "endpoint",
      "code"),
  WATCH_API_REQUEST_DURATION(
      ScrapeTarget.WATCH_API,
      Type.HISTOGRAM,
      "execution_watch_api_request_duration_seconds",
      "endpoint"),
  WATCH_API_JSONL_LINES(
      ScrapeTarget.WATCH_API, Type.COUNTER, "execution_watch_api_jsonl_lines_total", "result"),
  WATCH_API_JSONL_READ_ERRORS(
      ScrapeTarget.WATCH_API, Type.COUNTER, "execution_watch_api_jsonl_read_errors_total", "kind"),
  WATCH_API_JSONL_READ_BYTES(
      ScrapeTarget.WATCH_API, Type.COUNTER, "execution_watch_api_jsonl_read_bytes_total"),
  WATCH_API_JSONL_TRUNCATIONS(
      ScrapeTarget.WATCH_API, Type.COUNTER, "execution_watch_api_jsonl_truncations_total"),
  WATCH_API_JSONL_ROTATIONS(
      ScrapeTarget.WATCH_API, Type.COUNTER, "execution_watch_api_jsonl_rotations_total"),
  WATCH_API_JSONL_FILE_PRESENT(
      ScrapeTarget.WATCH_API, Type.GAUGE, "execution_watch_api_jsonl_file_present"),
  WATCH_API_JSONL_FILE_INFO(
      ScrapeTarget.WATCH_API, Type.INFO, "execution_watch_api_jsonl_file_info", "path"),

  // mock shadow_mvs
  SHADOW_MVS_UP(ScrapeTarget.SHADOW_MVS, Type.GAUGE, "shadow_mvs_up"),
  SIGNALS(ScrapeTarget.SHADOW_MVS, Type.COUNTER, "peaktrade_signals_total"),
  ORDERS_APPROVED(ScrapeTarget.SHADOW_MVS, Type.COUNTER, "peaktrade_orders_approved_total"),
  ORDERS_BLOCKED(ScrapeTarget.SHADOW_MVS, Type.COUNTER, "peaktrade_orders_blocked_total", "reason"),
  PIPELINE_EVENTS(
      ScrapeTarget.SHADOW_MVS, Type.COUNTER, "peaktrade_pipeline_events_total", "stage");

  /** How Prometheus stores a family: what its series are called. */
  public enum Type {
    COUNTER,
    GAUGE,
    /** client_java's Info: one series {@code <name>} with value 1 (the name ends in _info). */
    INFO,
    /** Series {@code <name>_bucket}, {@code _sum}, {@code _count}. */
    HISTOGRAM
  }

  private final ScrapeTarget target;
  private final Type type;
  private final String name;
  private final List<String> labels;

  Metric(ScrapeTarget target, Type type, String name, String... labels) {
    this.target = target;
    this.type = type;
    this.name = name;
    this.labels = List.of(labels);
  }

  public ScrapeTarget target() {
    return target;
  }

  public Type type() {
    return type;
  }

  /** The name Prometheus stores and queries use (a counter's with _total). */
  public String metricName() {
    return name;
  }

  /** The family's name in client_java snapshots and HELP/TYPE lines: a counter's without _total. */
  public String familyName() {
    return type == Type.COUNTER ? name.substring(0, name.length() - "_total".length()) : name;
  }

  /** The labels of its series (beyond job, instance and a histogram's le). */
  public List<String> labels() {
    return labels;
  }

  /** The labels as client_java's builders take them. */
  public String[] labelNames() {
    return labels.toArray(String[]::new);
  }

  /** The names of the series Prometheus stores for it. */
  public List<String> seriesNames() {
    return type == Type.HISTOGRAM
        ? List.of(name + "_bucket", name + "_sum", name + "_count")
        : List.of(name);
  }

  /** The metric one of whose series is called {@code series}, if any. */
  public static Optional<Metric> bySeries(String series) {
    for (Metric m : values()) {
      if (m.seriesNames().contains(series)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
