package io.peaktrade.watch.exporter.ailive;

import io.peaktrade.watch.contracts.ReaderMetrics;
import io.peaktrade.watch.exporter.reader.EventStream;
import io.peaktrade.watch.exporter.reader.JsonlMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Run by {@link HostileLabelsTest} in a JVM with a 64 MiB heap: feeds the exporter's own line path
 * (scanner, parser, metrics) 1,000,000 events with distinct run ids and 100,000 with distinct 60 KB
 * reasons, as the tailer would, and prints the totals it counted and the series it holds.
 */
public final class HostileLabelsMain {

  private HostileLabelsMain() {}

  public static void main(String[] args) {
    PrometheusRegistry registry = new PrometheusRegistry();
    EventStream stream =
        new EventStream(
            new JsonlMetrics(ReaderMetrics.AI_LIVE, Path.of("hostile.jsonl"), registry),
            new DecisionMetrics(
                new DecisionMetrics.Defaults("demo", "execution_watch", 20), registry));
    long fed = 0;
    for (int i = 0; i < 1_000_000; i++) {
      byte[] line =
          ("{\"schema\":\"peaktrade.ai_event.v1\",\"run_id\":\"run_"
                  + i
                  + "\",\"event\":\"decision\",\"decision\":\"accept\",\"reason\":\"none\"}")
              .getBytes(StandardCharsets.UTF_8);
      stream.line(line, 0, line.length);
      fed++;
      if (i % 10_000 == 0) {
        stream.chunkDone();
      }
    }
    char[] filler = new char[60 * 1024];
    Arrays.fill(filler, 'x');
    String big = new String(filler);
    for (int i = 0; i < 100_000; i++) {
      byte[] line =
          ("{\"schema\":\"peaktrade.ai_event.v1\",\"event\":\"decision\",\"decision\":\"reject\","
                  + "\"reason\":\""
                  + i
                  + big
                  + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      stream.line(line, 0, line.length);
      fed++;
      if (i % 100 == 0) {
        stream.chunkDone();
      }
    }
    stream.chunkDone();
    double counted = 0;
    long series = 0;
    for (MetricSnapshot m : registry.scrape()) {
      if (m.getMetadata().getName().equals("peaktrade_ai_decisions")) {
        for (var p : ((CounterSnapshot) m).getDataPoints()) {
          counted += p.getValue();
          series++;
        }
      }
    }
    System.out.println("fed=" + fed + " counted=" + (long) counted + " series=" + series);
  }
}
