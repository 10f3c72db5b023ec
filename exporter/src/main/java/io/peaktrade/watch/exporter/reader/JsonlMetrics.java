package io.peaktrade.watch.exporter.reader;

import io.peaktrade.watch.contracts.ReaderMetrics;
import io.peaktrade.watch.exporter.events.LineKind;
import io.peaktrade.watch.exporter.state.RestorableMetric;
import io.peaktrade.watch.exporter.tail.FileError;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Self-metrics of a process that reads the event file: which file, whether it exists, and what
 * became of every line and byte. Exposed under a prefix, so the ai_live exporter and the watch API
 * report their own reading separately ({@code peaktrade_ai_jsonl_…}, {@code
 * execution_watch_api_jsonl_…}).
 */
public final class JsonlMetrics {

  private final Map<LineKind.Result, CounterDataPoint> lines = new EnumMap<>(LineKind.Result.class);
  private final Map<LineKind, CounterDataPoint> readErrors = new EnumMap<>(LineKind.class);
  private final CounterDataPoint futureTimestamps;
  private final Map<FileError, CounterDataPoint> fileErrors = new EnumMap<>(FileError.class);
  private final CounterDataPoint bytes;
  private final CounterDataPoint truncations;
  private final CounterDataPoint rotations;
  private final Gauge present;
  private volatile boolean filePresent;
  private final List<RestorableMetric> restorables = new ArrayList<>();

  public JsonlMetrics(ReaderMetrics names, Path file, PrometheusRegistry registry) {
    Counter linesCounter =
        Counter.builder()
            .name(names.lines.metricName())
            .help("Lines read from the JSONL event file, by result (parsed, malformed, ignored)")
            .labelNames(names.lines.labels().get(0))
            .register(registry);
    for (LineKind.Result r : LineKind.Result.values()) {
      lines.put(r, linesCounter.labelValues(r.label()));
    }
    restorables.add(RestorableMetric.of(linesCounter, names.lines.labels().get(0)));
    Counter errors =
        Counter.builder()
            .name(names.readErrors.metricName())
            .help(
                "Malformed lines in the JSONL event file, by kind, and times the file could not be"
                    + " read (not_regular_file, permission_denied, io_error); skipped and retried,"
                    + " never fatal. future_timestamp: decision events dated more than 5 s ahead"
                    + " of the reader's clock, counted as decisions all the same, their time"
                    + " taken as the time they were read")
            .labelNames(names.readErrors.labels().get(0))
            .register(registry);
    for (LineKind k : LineKind.values()) {
      if (k.malformed()) {
        readErrors.put(k, errors.labelValues(k.label()));
      }
    }
    for (FileError k : FileError.values()) {
      fileErrors.put(k, errors.labelValues(k.label()));
    }
    futureTimestamps = errors.labelValues(FUTURE_TIMESTAMP);
    restorables.add(RestorableMetric.of(errors, names.readErrors.labels().get(0)));
    bytes =
        restorable(registry, names.readBytes.metricName(), "Bytes read from the JSONL event file");
    truncations =
        restorable(
            registry,
            names.truncations.metricName(),
            "Times the JSONL event file was truncated or rewritten and read again from its start");
    rotations =
        restorable(
            registry,
            names.rotations.metricName(),
            "Times a new file appeared at the JSONL path (rename-rotation or delete and recreate)");
    present =
        Gauge.builder()
            .name(names.filePresent.metricName())
            .help("1 if the followed JSONL event file exists, 0 while it is missing")
            .register(registry);
    Info.builder()
        .name(names.fileInfo.metricName())
        .help("The JSONL event file this process follows; it must be the file the emitter writes")
        .labelNames(names.fileInfo.labels().get(0))
        .register(registry)
        .setLabelValues(file.toAbsolutePath().toString());
  }

  /** The read-error kind of events dated ahead of the reader's clock (they are still counted). */
  public static final String FUTURE_TIMESTAMP = "future_timestamp";

  /** Decision events dated ahead of the reader's clock. */
  public CounterDataPoint futureTimestamps() {
    return futureTimestamps;
  }

  public void line(LineKind kind) {
    Objects.requireNonNull(lines.get(kind.result())).inc();
    if (kind.malformed()) {
      Objects.requireNonNull(readErrors.get(kind)).inc();
    }
  }

  /** An unlabelled counter that survives a restart. */
  private CounterDataPoint restorable(PrometheusRegistry registry, String name, String help) {
    Counter c = Counter.builder().name(name).help(help).register(registry);
    restorables.add(RestorableMetric.of(c));
    return c.labelValues();
  }

  /** The counters that survive a restart (with the ai_live state file). */
  public List<RestorableMetric> restorables() {
    return List.copyOf(restorables);
  }

  /** The followed path could not be read for this reason. */
  public void fileError(FileError kind) {
    Objects.requireNonNull(fileErrors.get(kind)).inc();
  }

  /** Adds {@code count} lines of one kind at once (batched by the reader). */
  public void lines(LineKind.Result result, long count) {
    if (count > 0) {
      Objects.requireNonNull(lines.get(result)).inc(count);
    }
  }

  public void bytes(long n) {
    bytes.inc(n);
  }

  public void truncated() {
    truncations.inc();
  }

  public void rotated() {
    rotations.inc();
  }

  public void present(boolean isPresent) {
    filePresent = isPresent;
    present.set(isPresent ? 1 : 0);
  }

  public boolean filePresent() {
    return filePresent;
  }

  /** Total malformed lines so far, for summaries. */
  public long readErrors() {
    return readErrors.values().stream().mapToLong(CounterDataPoint::getLongValue).sum();
  }
}
