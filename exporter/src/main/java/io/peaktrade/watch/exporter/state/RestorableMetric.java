package io.peaktrade.watch.exporter.state;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A metric whose values survive a restart: how to read its series, which saved label values it
 * takes back ({@code accepts}: the same bounds as a live value), and how to put one back (a counter
 * is incremented by the saved value, a gauge set to it).
 */
public record RestorableMetric(
    String name,
    List<String> labelNames,
    Supplier<MetricSnapshot> snapshot,
    Predicate<List<String>> accepts,
    BiConsumer<String[], Double> restore) {

  /** Any label values. */
  public static final Predicate<List<String>> ANY = labels -> true;

  public static RestorableMetric of(Counter c, String... labelNames) {
    return new RestorableMetric(
        c.collect().getMetadata().getName(),
        List.of(labelNames),
        c::collect,
        ANY,
        (values, v) -> c.labelValues(values).inc(v));
  }

  public static RestorableMetric of(Gauge g, String... labelNames) {
    return new RestorableMetric(
        g.collect().getMetadata().getName(),
        List.of(labelNames),
        g::collect,
        ANY,
        (values, v) -> g.labelValues(values).set(v));
  }

  /** Every series as label values (in this metric's label order) to value. */
  public Map<List<String>, Double> values() {
    Map<List<String>, Double> out = new LinkedHashMap<>();
    MetricSnapshot s = snapshot.get();
    if (s instanceof CounterSnapshot c) {
      for (CounterSnapshot.CounterDataPointSnapshot p : c.getDataPoints()) {
        out.put(labelValues(p.getLabels()), p.getValue());
      }
    } else if (s instanceof GaugeSnapshot g) {
      for (GaugeSnapshot.GaugeDataPointSnapshot p : g.getDataPoints()) {
        out.put(labelValues(p.getLabels()), p.getValue());
      }
    }
    return out;
  }

  /** Plain loops: this runs in the timed first catch-up (streams would spin classes there). */
  private List<String> labelValues(Labels labels) {
    String[] values = new String[labelNames.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = labels.get(labelNames.get(i));
    }
    return Collections.unmodifiableList(Arrays.asList(values));
  }
}
