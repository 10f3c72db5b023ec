package io.peaktrade.watch.exporter.ailive;

import static org.assertj.core.api.Assertions.assertThat;

import io.peaktrade.watch.contracts.Metric;
import io.peaktrade.watch.contracts.ReaderMetrics;
import io.peaktrade.watch.exporter.events.EventParser;
import io.peaktrade.watch.exporter.reader.EventSink;
import io.peaktrade.watch.exporter.reader.EventStream;
import io.peaktrade.watch.exporter.reader.JsonlMetrics;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which label values get their own series depends on the file alone: the first values of the file
 * pass a label's bound, whatever thread of a parallel catch-up read them first. (Before, every
 * reader thread put its values through the shared bound as it read them, so a later part read first
 * took the places of the file's first values.)
 */
class LabelAdmissionOrderTest {

  private static final ReaderMetrics READER = ReaderMetrics.AI_LIVE;

  @TempDir Path dir;

  private static void feed(EventParser parser, EventSink sink, String... reasons) {
    for (String reason : reasons) {
      byte[] line = ("{\"decision\":\"reject\",\"reason\":\"" + reason + "\"}").getBytes();
      parser.parse(line, 0, line.length);
      sink.decision(parser.line());
    }
  }

  /** decisions_total and the overflow counter by their labels, as a sorted map. */
  private static TreeMap<String, Double> series(PrometheusRegistry registry) {
    TreeMap<String, Double> out = new TreeMap<>();
    for (MetricSnapshot s : registry.scrape()) {
      String name = s.getMetadata().getName();
      if (s instanceof CounterSnapshot c
          && (Metric.AI_DECISIONS.familyName().equals(name)
              || Metric.AI_LABEL_OVERFLOW.familyName().equals(name))) {
        c.getDataPoints().forEach(p -> out.put(name + p.getLabels(), p.getValue()));
      }
    }
    return out;
  }

  /** The later part of the file is read (and its chunks flushed) before the earlier one. */
  @Test
  void aLaterPartReadFirstTakesNoPlaceOfTheFilesFirstValues() {
    EventParser parser = new EventParser();
    PrometheusRegistry sequential = new PrometheusRegistry();
    DecisionMetrics inOrder =
        new DecisionMetrics(new DecisionMetrics.Defaults("demo", "c", 3), sequential);
    feed(parser, inOrder, "r1", "r2", "r3", "r4", "r5", "r1");
    inOrder.flush();

    PrometheusRegistry parallel = new PrometheusRegistry();
    DecisionMetrics main =
        new DecisionMetrics(new DecisionMetrics.Defaults("demo", "c", 3), parallel);
    EventSink early = main.fork();
    EventSink late = main.fork();
    feed(parser, late, "r3", "r4", "r5", "r1");
    late.flush();
    feed(parser, early, "r1", "r2");
    early.flush();
    main.join(early);
    main.join(late);

    assertThat(series(parallel)).isEqualTo(series(sequential));
    assertThat(series(sequential))
        .containsKeys(
            "peaktrade_ai_decisions{component=\"c\",decision=\"reject\",reason=\"r1\",run_id=\"demo\"}",
            "peaktrade_ai_decisions{component=\"c\",decision=\"reject\",reason=\"r3\",run_id=\"demo\"}",
            "peaktrade_ai_decisions{component=\"c\",decision=\"reject\",reason=\"other\",run_id=\"demo\"}");
  }

  /**
   * The tailer's parallel catch-up of a file with more reasons than the bound, several times: the
   * same series as one thread reading it, every time.
   */
  @Test
  void theSameFileGivesTheSameSeriesWithAnyNumberOfReaders() throws Exception {
    Path file = dir.resolve("events.jsonl");
    SplittableRandom r = new SplittableRandom(5);
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      long written = 0;
      for (int i = 0; written < JsonlTailer.PARALLEL_MIN_BYTES + (2 << 20); i++) {
        // the file's first lines have two reasons; later ones many more than the bound of 20
        String reason = i < 20_000 ? "early" + (i % 2) : "late" + r.nextInt(60);
        String line =
            "{\"schema\":\"peaktrade.ai_event.v1\",\"ts\":\"2026-12-01T00:00:00Z\","
                + "\"run_id\":\"demo\",\"event\":\"decision\",\"decision\":\"reject\","
                + "\"reason\":\""
                + reason
                + "\"}\n";
        w.write(line);
        written += line.length();
      }
    }
    TreeMap<String, Double> reference = null;
    for (int threads : List.of(1, 4, 4, 4, 3)) {
      PrometheusRegistry registry = new PrometheusRegistry();
      DecisionMetrics metrics =
          new DecisionMetrics(new DecisionMetrics.Defaults("demo", "c", 20), registry);
      JsonlMetrics self = new JsonlMetrics(READER, file, registry);
      try (JsonlTailer tailer =
          new JsonlTailer(
              JsonlTailer.Options.defaults(file).withCatchUpThreads(threads),
              new EventStream(self, metrics))) {
        while (tailer.poll()) {
          // until everything present is read
        }
      }
      TreeMap<String, Double> got = series(registry);
      if (reference == null) {
        reference = got;
        assertThat(got.keySet()).anyMatch(k -> k.contains("reason=\"early0\""));
        assertThat(got.keySet()).anyMatch(k -> k.contains("reason=\"other\""));
      } else {
        assertThat(got).as("%d readers", threads).isEqualTo(reference);
      }
    }
  }
}
