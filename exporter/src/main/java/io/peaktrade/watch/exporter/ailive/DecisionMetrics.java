package io.peaktrade.watch.exporter.ailive;

import io.peaktrade.watch.contracts.Metric;
import io.peaktrade.watch.exporter.events.AiEvent;
import io.peaktrade.watch.exporter.events.Decision;
import io.peaktrade.watch.exporter.events.EventStream;
import io.peaktrade.watch.exporter.events.LabelSink;
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
 * <p>One instance per reader thread ({@link #fork()} for a parallel catch-up); the Prometheus
 * metrics and the label guards are shared. Each instance caches the data point per bounded label
 * set (so the cache is as bounded as the series), with a small table in front of it for labels that
 * passed their guards unchanged (short by construction), because the label lookup would otherwise
 * dominate the per-event cost; it parses only the last timestamp of a chunk.
 */
public final class DecisionMetrics implements EventStream.EventSink, LabelSink {

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

  // Map keys with written-out equals/hashCode: a record's generated ones bootstrap through method
  // handles on first use, ~15 ms on the reading thread right at start-up.
  private record Key(String runId, String component, Decision decision, String reason) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && runId.equals(k.runId)
          && component.equals(k.component)
          && decision == k.decision
          && reason.equals(k.reason);
    }

    @Override
    public int hashCode() {
      return ((runId.hashCode() * 31 + component.hashCode()) * 31 + decision.hashCode()) * 31
          + reason.hashCode();
    }
  }

  private record Source(String runId, String component) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Source s && runId.equals(s.runId) && component.equals(s.component);
    }

    @Override
    public int hashCode() {
      return runId.hashCode() * 31 + component.hashCode();
    }
  }

  /**
   * What an event's bounded labels map to: the data point, the count not yet added (increments are
   * batched per chunk: the shared atomic counters would otherwise be contended by every event of a
   * parallel catch-up), and the last timestamp seen for these labels.
   */
  private static final class Target {
    final String runId;
    final String component;
    final Decision decision;
    final String reason;
    final CounterDataPoint point;
    long pending;
    // the last timestamp seen, as the line's bytes (copied, not a String per event); -1: none
    byte[] lastTs = new byte[32];
    int lastTsLength = -1;
    long lastSeq;

    Target(Key key, CounterDataPoint point) {
      this.runId = key.runId();
      this.component = key.component();
      this.decision = key.decision();
      this.reason = key.reason();
      this.point = point;
    }

    /** By value, identity first: the parser hands out the same label instances. */
    boolean is(String run, String comp, Decision d, String reason) {
      return decision == d
          && same(this.reason, reason)
          && same(runId, run)
          && same(component, comp);
    }

    private static boolean same(String a, String b) {
      return a == b || a.equals(b);
    }
  }

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

  private static final int RECENT_PROBES = 8;

  private final Shared shared;
  private final boolean publishesTimestamps;
  private final Map<Key, Target> targets = new HashMap<>();

  /** The table in front of {@link #targets}, see {@link #target}. */
  private final Target[] recent = new Target[256];

  private long eventsInChunk;
  private long runIdOverflows;
  private long componentOverflows;
  private long reasonOverflows;
  private long seq;
  private long publishedSeq;

  public DecisionMetrics(Defaults defaults, PrometheusRegistry registry) {
    this(shared(defaults, registry), true);
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

  private DecisionMetrics(Shared shared, boolean publishesTimestamps) {
    this.shared = shared;
    this.publishesTimestamps = publishesTimestamps;
  }

  /** An event from a caller that has one; the reader delivers to {@link #decision}. */
  @Override
  public void accept(AiEvent e) {
    labelsOf(e);
  }

  @Override
  public void decision(
      String runId,
      String component,
      Decision decision,
      String reason,
      byte[] ts,
      int tsOff,
      int tsLength) {
    Defaults d = shared.defaults();
    Target t =
        target(
            runId != null ? runId : d.runId(),
            component != null ? component : d.component(),
            decision,
            reason);
    t.pending++;
    if (tsLength > t.lastTs.length) {
      t.lastTs = new byte[tsLength];
    }
    if (tsLength > 0) {
      System.arraycopy(ts, tsOff, t.lastTs, 0, tsLength);
    }
    t.lastTsLength = tsLength;
    t.lastSeq = ++seq;
    eventsInChunk++;
  }

  @Override
  public LabelSink labelsOnly() {
    return this;
  }

  /**
   * The target for these labels: a small open-addressed table in front of the map finds almost
   * every event's target without building and hashing a key (label strings cache their hash, and
   * repeat as the same instances); the map stays the truth when the table's probes are used up.
   */
  private Target target(String runId, String component, Decision decision, String reason) {
    int h =
        ((reason.hashCode() * 31 + runId.hashCode()) * 31 + component.hashCode()) * 31
            + decision.ordinal();
    int mask = recent.length - 1;
    int slot = (h ^ (h >>> 16)) & mask;
    for (int probe = 0; probe < RECENT_PROBES; probe++, slot = (slot + 1) & mask) {
      Target t = recent[slot];
      if (t == null) {
        t = lookup(runId, component, decision, reason);
        if (t.is(runId, component, decision, reason)) {
          // only labels that passed their guards unchanged: the table holds no long value
          recent[slot] = t;
        }
        return t;
      }
      if (t.is(runId, component, decision, reason)) {
        return t;
      }
    }
    return lookup(runId, component, decision, reason);
  }

  private Target lookup(String runId, String component, Decision decision, String reason) {
    String run = shared.runIds().admit(runId);
    String comp = shared.components().admit(component);
    String why = shared.reasons().admit(reason);
    runIdOverflows += overflowed(run, runId);
    componentOverflows += overflowed(comp, component);
    reasonOverflows += overflowed(why, reason);
    Key key = new Key(run, comp, decision, why);
    Target t = targets.get(key);
    if (t == null) {
      t = new Target(key, shared.decisions().labelValues(run, comp, decision.label(), why));
      targets.put(key, t);
    }
    return t;
  }

  private static int overflowed(String bounded, String raw) {
    return bounded != raw && !bounded.equals(raw) ? 1 : 0;
  }

  @Override
  public void flush() {
    if (eventsInChunk > 0) {
      for (Target t : targets.values()) {
        if (t.pending > 0) {
          t.point.inc(t.pending);
          t.pending = 0;
        }
      }
      addOverflows();
      shared.eventsRead().inc(eventsInChunk);
      eventsInChunk = 0;
    }
    if (publishesTimestamps) {
      publishTimestamps(this);
    }
  }

  private void addOverflows() {
    if (runIdOverflows > 0) {
      shared.runIdOverflow().inc(runIdOverflows);
      runIdOverflows = 0;
    }
    if (componentOverflows > 0) {
      shared.componentOverflow().inc(componentOverflows);
      componentOverflows = 0;
    }
    if (reasonOverflows > 0) {
      shared.reasonOverflow().inc(reasonOverflows);
      reasonOverflows = 0;
    }
  }

  /**
   * Sets the last-decision gauge from the newest timestamp per run_id/component not yet published.
   */
  private void publishTimestamps(DecisionMetrics from) {
    Map<Source, Target> newest = new HashMap<>();
    for (Target t : from.targets.values()) {
      if (t.lastSeq > from.publishedSeq) {
        newest.merge(new Source(t.runId, t.component), t, (a, b) -> a.lastSeq >= b.lastSeq ? a : b);
      }
    }
    newest.forEach(
        (src, t) ->
            shared.lastDecision().labelValues(src.runId(), src.component()).set(epochSeconds(t)));
    from.publishedSeq = from.seq;
  }

  /**
   * A reader for a later part of the file: counts at once, keeps its last timestamps for {@link
   * #join}.
   */
  @Override
  public EventStream.EventSink fork() {
    return new DecisionMetrics(shared, false);
  }

  @Override
  public void join(EventStream.EventSink part) {
    DecisionMetrics later = (DecisionMetrics) part;
    later.flush();
    flush();
    publishTimestamps(later);
  }

  /**
   * The target's last timestamp, or now if its event had none or one that does not parse; never
   * later than now, the time it was read: an event dated ahead (counted as read error kind
   * future_timestamp) cannot silence the stall alert or keep "AI Active" green.
   */
  private static double epochSeconds(Target t) {
    double now = System.currentTimeMillis() / 1000.0;
    if (t.lastTsLength < 0) {
      return now;
    }
    try {
      String ts = new String(t.lastTs, 0, t.lastTsLength, StandardCharsets.UTF_8);
      return Math.min(now, OffsetDateTime.parse(ts).toInstant().toEpochMilli() / 1000.0);
    } catch (DateTimeParseException e) {
      return now;
    }
  }
}
