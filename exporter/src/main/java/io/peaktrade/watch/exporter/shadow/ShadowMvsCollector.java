package io.peaktrade.watch.exporter.shadow;

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
            .name("shadow_mvs_up")
            .help(
                "1 while the mock shadow_mvs exporter serves (STRICT NO-LIVE mock, no market"
                    + " connection)")
            .dataPoint(GaugeDataPointSnapshot.builder().value(1).build())
            .build(),
        counter(
            "peaktrade_signals",
            "Trading signals seen by the shadow pipeline (mock, deterministic)",
            t.signals()),
        counter(
            "peaktrade_orders_approved",
            "Order intents approved by shadow risk checks (never sent anywhere)",
            t.approved()),
        labelled(
            "peaktrade_orders_blocked",
            "Order intents blocked by shadow risk checks, by reason",
            "reason",
            t.blockedByReason()),
        labelled(
            "peaktrade_pipeline_events",
            "Shadow pipeline events, by stage",
            "stage",
            t.eventsByStage()));
  }

  private static CounterSnapshot counter(String name, String help, long value) {
    return CounterSnapshot.builder()
        .name(name)
        .help(help)
        .dataPoint(CounterDataPointSnapshot.builder().value(value).build())
        .build();
  }

  private static CounterSnapshot labelled(
      String name, String help, String label, Map<String, Long> values) {
    CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
    values.forEach(
        (k, v) ->
            b.dataPoint(
                CounterDataPointSnapshot.builder().labels(Labels.of(label, k)).value(v).build()));
    return b.build();
  }
}
