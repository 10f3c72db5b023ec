package io.peaktrade.watch.exporter.ailive;

import io.peaktrade.watch.exporter.events.AiEvent;
import io.peaktrade.watch.exporter.events.Decision;
import io.peaktrade.watch.exporter.events.EventStream;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The ai_live contract metrics: {@code peaktrade_ai_decisions_total{run_id,component,decision,reason}},
 * {@code peaktrade_ai_events_read_total} and {@code peaktrade_ai_last_decision_timestamp_seconds}.
 *
 * <p>Called on the reader thread only. Data points are cached per label set because the label
 * lookup would otherwise dominate the per-event cost; the last timestamp is parsed once per chunk.
 */
public final class DecisionMetrics implements EventStream.EventSink {

  /** Labels for events that carry no run_id / component, and the cap on distinct reasons. */
  public record Defaults(String runId, String component, int maxReasons) {}

  private record Key(String runId, String component, Decision decision, String reason) {}

  private record Source(String runId, String component) {}

  private final Defaults defaults;
  private final Counter decisions;
  private final CounterDataPoint eventsRead;
  private final CounterDataPoint reasonOverflow;
  private final Gauge lastDecision;
  private final LabelGuard reasons;
  private final LongSupplier wallMillis;
  private final Map<Key, CounterDataPoint> points = new HashMap<>();
  private final Map<Source, String> lastTsInChunk = new HashMap<>();
  private long eventsInChunk;

  public DecisionMetrics(Defaults defaults, PrometheusRegistry registry) {
    this(defaults, registry, System::currentTimeMillis);
  }

  DecisionMetrics(Defaults defaults, PrometheusRegistry registry, LongSupplier wallMillis) {
    this.defaults = defaults;
    this.wallMillis = wallMillis;
    this.reasons = new LabelGuard(defaults.maxReasons());
    decisions = Counter.builder()
        .name("peaktrade_ai_decisions_total")
        .help("AI trading decisions read from the event file, by outcome (STRICT NO-LIVE: decisions only, no orders)")
        .labelNames("run_id", "component", "decision", "reason")
        .register(registry);
    eventsRead = Counter.builder()
        .name("peaktrade_ai_events_read_total")
        .help("Valid decision events read from the JSONL event file")
        .register(registry)
        .labelValues();
    reasonOverflow = Counter.builder()
        .name("peaktrade_ai_reason_overflow_total")
        .help("Decisions counted under reason=\"other\" because the cap on distinct reasons was reached")
        .register(registry)
        .labelValues();
    lastDecision = Gauge.builder()
        .name("peaktrade_ai_last_decision_timestamp_seconds")
        .help("Timestamp of the last decision event (its ts field, else the time it was read)")
        .labelNames("run_id", "component")
        .register(registry);
  }

  @Override
  public void accept(AiEvent e) {
    String runId = e.runId() != null ? e.runId() : defaults.runId();
    String component = e.component() != null ? e.component() : defaults.component();
    String reason = reasons.admit(e.reason());
    if (LabelGuard.OTHER.equals(reason) && !LabelGuard.OTHER.equals(e.reason())) {
      reasonOverflow.inc();
    }
    Key key = new Key(runId, component, e.decision(), reason);
    CounterDataPoint point = points.get(key);
    if (point == null) {
      point = decisions.labelValues(runId, component, e.decision().label(), reason);
      points.put(key, point);
    }
    point.inc();
    eventsInChunk++;
    lastTsInChunk.put(new Source(runId, component), e.ts() == null ? "" : e.ts());
  }

  @Override
  public void flush() {
    eventsRead.inc(eventsInChunk);
    eventsInChunk = 0;
    for (Map.Entry<Source, String> last : lastTsInChunk.entrySet()) {
      lastDecision
          .labelValues(last.getKey().runId(), last.getKey().component())
          .set(epochSeconds(last.getValue()));
    }
    lastTsInChunk.clear();
  }

  private double epochSeconds(String ts) {
    try {
      return OffsetDateTime.parse(ts).toInstant().toEpochMilli() / 1000.0;
    } catch (DateTimeParseException e) {
      return wallMillis.getAsLong() / 1000.0;
    }
  }
}
