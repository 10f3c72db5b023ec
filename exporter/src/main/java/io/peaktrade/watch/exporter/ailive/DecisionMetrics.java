package io.peaktrade.watch.exporter.ailive;

import io.peaktrade.watch.contracts.Metric;
import io.peaktrade.watch.exporter.events.Decision;
import io.peaktrade.watch.exporter.events.DecisionLine;
import io.peaktrade.watch.exporter.reader.EventSink;
import io.peaktrade.watch.exporter.state.RestorableMetric;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ai_live contract metrics: {@code
 * peaktrade_ai_decisions_total{run_id,component,decision,reason}}, {@code
 * peaktrade_ai_events_read_total} and {@code peaktrade_ai_last_decision_timestamp_seconds}.
 *
 * <p>Events are counted in a batch per label set, kept in the order the label sets first appeared,
 * and added to the counters when the batch is published: after each chunk, or, for a part of a
 * parallel catch-up ({@link #fork()}), when it is joined in file order. Label values pass their
 * bounds ({@link LabelGuard}) only then, in that order, so which values get their own series
 * depends on the file alone, never on which reader thread ran first.
 */
public final class DecisionMetrics implements EventSink {

  /**
   * Labels for events that carry no run_id / component, and the bounds of every label: how many
   * distinct values each of run_id, component and reason may take, and how long one may be. A value
   * past a bound is counted under {@value LabelGuard#OTHER} (and in {@code
   * peaktrade_ai_label_overflow_total}).
   */
  public record Defaults(
      String runId,
      String component,
      int maxRunIds,
      int maxComponents,
      int maxReasons,
      int maxValueLength) {

    public static final int MAX_RUN_IDS = 10;
    public static final int MAX_COMPONENTS = 10;
    public static final int MAX_REASONS = 20;
    public static final int MAX_VALUE_LENGTH = 64;

    /** The default bounds but for the number of reasons. */
    public Defaults(String runId, String component, int maxReasons) {
      this(runId, component, MAX_RUN_IDS, MAX_COMPONENTS, maxReasons, MAX_VALUE_LENGTH);
    }
  }

  private record Source(String runId, String component) {}

  /** What all instances share. */
  private record Shared(
      Defaults defaults,
      Counter decisions,
      CounterDataPoint eventsRead,
      CounterDataPoint runIdOverflow,
      CounterDataPoint componentOverflow,
      CounterDataPoint reasonOverflow,
      Gauge lastDecision,
      LabelGuard runIds,
      LabelGuard components,
      LabelGuard reasons,
      List<RestorableMetric> restorables) {}

  private final Shared shared;

  /** Whether this is a part of a parallel catch-up: published when joined, not per chunk. */
  private final boolean part;

  /**
   * This reader's events not yet added, by label set with values as read (only a value too long for
   * any guard is {@value LabelGuard#OTHER} already). Bounded by {@link #maxKeys}: past it, a new
   * label set is counted under other for run_id, component and reason at once, which may count a
   * value the guards would admit under other, but depends on the file alone. Only a part of a
   * catch-up of a file with more label sets than the guards can admit (twice over) gets there; a
   * batch of one chunk does not.
   */
  private final DecisionBatch batch = new DecisionBatch();

  private final int maxKeys;
  private long runIdOverflow;
  private long componentOverflow;
  private long reasonOverflow;

  public DecisionMetrics(Defaults defaults, PrometheusRegistry registry) {
    this(shared(defaults, registry), false);
  }

  private DecisionMetrics(Shared shared, boolean part) {
    this.shared = shared;
    this.part = part;
    Defaults d = shared.defaults();
    // every label set the guards could admit, twice (values past the bounds included)
    this.maxKeys = 2 * (d.maxRunIds() + 1) * (d.maxComponents() + 1) * 3 * (d.maxReasons() + 1);
  }

  private static Shared shared(Defaults defaults, PrometheusRegistry registry) {
    Counter decisions =
        Counter.builder()
            .name(Metric.AI_DECISIONS.metricName())
            .help(
                "AI trading decisions read from the event file, by outcome (STRICT NO-LIVE:"
                    + " decisions only, no orders). Each valid event is counted once, across"
                    + " appends, truncation, rotation and restarts (docs/counting.md)")
            .labelNames(Metric.AI_DECISIONS.labelNames())
            .register(registry);
    Counter eventsRead =
        Counter.builder()
            .name(Metric.AI_EVENTS_READ.metricName())
            .help("Valid decision events read from the JSONL event file")
            .register(registry);
    Counter overflow =
        Counter.builder()
            .name(Metric.AI_LABEL_OVERFLOW.metricName())
            .help(
                "Decisions counted under the label value \"other\" because their value was past"
                    + " the label's bounds (too many distinct values, or too long), by label")
            .labelNames(Metric.AI_LABEL_OVERFLOW.labelNames())
            .register(registry);
    Gauge lastDecision =
        Gauge.builder()
            .name(Metric.AI_LAST_DECISION_TIMESTAMP.metricName())
            .help("Timestamp of the last decision event (its ts field, else the time it was read)")
            .labelNames(Metric.AI_LAST_DECISION_TIMESTAMP.labelNames())
            .register(registry);
    LabelGuard runIds = new LabelGuard(defaults.maxRunIds(), defaults.maxValueLength());
    LabelGuard components = new LabelGuard(defaults.maxComponents(), defaults.maxValueLength());
    LabelGuard reasons = new LabelGuard(defaults.maxReasons(), defaults.maxValueLength());
    // Restored decision series take their label values through the guards first, so the values
    // admitted before a restart are the ones admitted after it.
    RestorableMetric decisionSeries =
        new RestorableMetric(
            Metric.AI_DECISIONS.familyName(),
            Metric.AI_DECISIONS.labels(),
            decisions::collect,
            // the contract's decision values only (run_id, component and reason go through the
            // guards, which bound them as live ones)
            labels -> Decision.fromLabel(labels.get(2)) != null,
            (v, value) ->
                decisions
                    .labelValues(
                        runIds.admit(v[0]), components.admit(v[1]), v[2], reasons.admit(v[3]))
                    .inc(value));
    return new Shared(
        defaults,
        decisions,
        eventsRead.labelValues(),
        overflow.labelValues("run_id"),
        overflow.labelValues("component"),
        overflow.labelValues("reason"),
        lastDecision,
        runIds,
        components,
        reasons,
        List.of(
            decisionSeries,
            RestorableMetric.of(eventsRead),
            RestorableMetric.of(overflow, "label"),
            RestorableMetric.of(lastDecision, "run_id", "component")));
  }

  /** The metrics that survive a restart (with the ai_live state file). */
  public List<RestorableMetric> restorables() {
    return shared.restorables();
  }

  @Override
  public void decision(DecisionLine e) {
    Defaults d = shared.defaults();
    int maxLength = d.maxValueLength();
    String run = e.runId() != null ? e.runId() : d.runId();
    String comp = e.component() != null ? e.component() : d.component();
    String why = e.reason();
    if (run.length() > maxLength) {
      run = LabelGuard.OTHER;
      runIdOverflow++;
    }
    if (comp.length() > maxLength) {
      comp = LabelGuard.OTHER;
      componentOverflow++;
    }
    if (why.length() > maxLength) {
      why = LabelGuard.OTHER;
      reasonOverflow++;
    }
    DecisionBatch.LabelSet p = batch.find(run, comp, e.decision(), why);
    if (p == null && batch.size() >= maxKeys) {
      runIdOverflow += run.equals(LabelGuard.OTHER) ? 0 : 1;
      componentOverflow += comp.equals(LabelGuard.OTHER) ? 0 : 1;
      reasonOverflow += why.equals(LabelGuard.OTHER) ? 0 : 1;
      run = LabelGuard.OTHER;
      comp = LabelGuard.OTHER;
      why = LabelGuard.OTHER;
      p = batch.find(run, comp, e.decision(), why);
    }
    if (p == null) {
      p = batch.add(run, comp, e.decision(), why);
    }
    batch.count(p, e);
  }

  @Override
  public void flush() {
    if (!part) {
      publish();
    }
  }

  /** A reader for a later part of the file: its batch is published when it is joined. */
  @Override
  public EventSink fork() {
    return new DecisionMetrics(shared, true);
  }

  @Override
  public void join(EventSink part) {
    publish(); // what this reader holds comes first in the file
    ((DecisionMetrics) part).publish();
  }

  /**
   * Adds the batch to the counters, label sets in the order they first appeared, each value through
   * its guard; sets the last-decision gauge from the newest event per run_id/component.
   */
  private void publish() {
    long events = 0;
    Map<Source, DecisionBatch.LabelSet> newest = new HashMap<>();
    for (DecisionBatch.LabelSet p : batch) {
      String run = shared.runIds().admit(p.runId);
      String comp = shared.components().admit(p.component);
      String why = shared.reasons().admit(p.reason);
      runIdOverflow += run.equals(p.runId) ? 0 : p.count;
      componentOverflow += comp.equals(p.component) ? 0 : p.count;
      reasonOverflow += why.equals(p.reason) ? 0 : p.count;
      shared.decisions().labelValues(run, comp, p.decision.label(), why).inc(p.count);
      events += p.count;
      newest.merge(new Source(run, comp), p, (a, b) -> a.lastSeq >= b.lastSeq ? a : b);
    }
    batch.clear();
    inc(shared.runIdOverflow(), runIdOverflow);
    inc(shared.componentOverflow(), componentOverflow);
    inc(shared.reasonOverflow(), reasonOverflow);
    runIdOverflow = 0;
    componentOverflow = 0;
    reasonOverflow = 0;
    inc(shared.eventsRead(), events);
    newest.forEach(
        (src, p) ->
            shared.lastDecision().labelValues(src.runId(), src.component()).set(epochSeconds(p)));
  }

  private static void inc(CounterDataPoint counter, long n) {
    if (n > 0) {
      counter.inc(n);
    }
  }

  /**
   * The event's timestamp, or now if it had none or one that does not parse; never later than now,
   * the time it was read: an event dated ahead (counted as read error kind future_timestamp) cannot
   * silence the stall alert or keep "AI Active" green.
   */
  private static double epochSeconds(DecisionBatch.LabelSet p) {
    double now = System.currentTimeMillis() / 1000.0;
    if (p.lastTsLength < 0) {
      return now;
    }
    try {
      String ts = new String(p.lastTs, 0, p.lastTsLength, StandardCharsets.UTF_8);
      return Math.min(now, OffsetDateTime.parse(ts).toInstant().toEpochMilli() / 1000.0);
    } catch (DateTimeParseException e) {
      return now;
    }
  }
}
