package io.peaktrade.watch.exporter.shadow;

import io.peaktrade.watch.contracts.Metric;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Map;
import java.util.function.LongSupplier;

/** Exposes {@link ShadowFlow} at the time of each scrape, under the shadow_mvs contract names. */
public final class ShadowMvsCollector implements MultiCollector {

  private final ShadowFlow flow;
  private final LongSupplier elapsedSeconds;

  public ShadowMvsCollector(ShadowFlow flow, LongSupplier elapsedSeconds) {
    this.flow = flow;
    this.elapsedSeconds = elapsedSeconds;
  }

  /** Seconds since now, on the monotonic clock. */
  public static LongSupplier since(long startNanos) {
    return () -> (System.nanoTime() - startNanos) / 1_000_000_000L;
  }

  @Override
  public MetricSnapshots collect() {
    ShadowFlow.Totals t = flow.at(elapsedSeconds.getAsLong());
    return MetricSnapshots.of(
        GaugeSnapshot.builder()
            .name(Metric.SHADOW_MVS_UP.familyName())
            .help(
                "1 while the mock shadow_mvs exporter serves (STRICT NO-LIVE mock, no market"
                    + " connection)")
            .dataPoint(GaugeDataPointSnapshot.builder().value(1).build())
            .build(),
        counter(
            Metric.SIGNALS,
            "Trading signals seen by the shadow pipeline (mock, deterministic)",
            t.signals()),
        counter(
            Metric.ORDERS_APPROVED,
            "Order intents approved by shadow risk checks (never sent anywhere)",
            t.approved()),
        labelled(
            Metric.ORDERS_BLOCKED,
            "Order intents blocked by shadow risk checks, by reason",
            t.blockedByReason()),
        labelled(Metric.PIPELINE_EVENTS, "Shadow pipeline events, by stage", t.eventsByStage()));
  }

  private static CounterSnapshot counter(Metric metric, String help, long value) {
    return CounterSnapshot.builder()
        .name(metric.familyName())
        .help(help)
        .dataPoint(CounterDataPointSnapshot.builder().value(value).build())
        .build();
  }

  private static CounterSnapshot labelled(Metric metric, String help, Map<String, Long> values) {
    String label = metric.labels().get(0);
    CounterSnapshot.Builder b = CounterSnapshot.builder().name(metric.familyName()).help(help);
    values.forEach(
        (k, v) ->
            b.dataPoint(
                CounterDataPointSnapshot.builder().labels(Labels.of(label, k)).value(v).build()));
    return b.build();
  }
}
