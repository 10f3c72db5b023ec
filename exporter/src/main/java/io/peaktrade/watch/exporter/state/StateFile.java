package io.peaktrade.watch.exporter.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.peaktrade.watch.exporter.tail.FilePosition;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ai_live exporter's counters and read positions, kept next to the event file so that a restart
 * (a crash, kill -9, a new container in the same pod) goes on where it was: no counter reset, no
 * line counted twice, and what was appended meanwhile (to the file, or to one rotated away) is
 * read. Written atomically (a temporary file renamed over the old one) at most every {@link #EVERY}
 * from the reading thread, always between two passes, so counts and offsets belong together; and
 * once more when reading stops. After a kill -9 the lines since the last write are read again and
 * counted then, once.
 */
public final class StateFile implements ReaderState {

  static final int VERSION = 1;
  static final Duration EVERY = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);

  /** Loaded on the first write, not at start-up: the exporter's first count is timed. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  /** One saved series: label values in the metric's label order, and its value. */
  record Series(List<String> labels, double value) {}

  record Saved(
      int version,
      String events,
      List<FilePosition> positions,
      Map<String, List<Series>> metrics) {}

  private final Path file;
  private final Path events;
  private List<RestorableMetric> metrics = List.of();

  /** The first write comes one interval after start, off the first catch-up's critical path. */
  private long lastWrite = System.nanoTime();

  private boolean warned;

  public StateFile(Path events) {
    this.events = events.toAbsolutePath();
    this.file = this.events.resolveSibling("." + this.events.getFileName() + ".ai-live-state.json");
  }

  public Path path() {
    return file;
  }

  @Override
  public void restore(JsonlTailer tailer, List<RestorableMetric> restorable) {
    this.metrics = List.copyOf(restorable);
    if (!Files.exists(file)) {
      LOG.info("No state file {}: counting {} from its start.", file, events);
      return;
    }
    Saved saved;
    try {
      saved = Json.MAPPER.readValue(file.toFile(), Saved.class);
    } catch (IOException e) {
      LOG.warn("State file {} cannot be read ({}): counting {} from its start.", file, e, events);
      return;
    }
    if (saved.version() != VERSION || !events.toString().equals(saved.events())) {
      LOG.warn(
          "State file {} is for {} (version {}), not {}: counting it from its start.",
          file,
          saved.events(),
          saved.version(),
          events);
      return;
    }
    for (RestorableMetric m : metrics) {
      for (Series s : saved.metrics().getOrDefault(m.name(), List.of())) {
        if (s.labels().size() == m.labelNames().size()) {
          m.restore().accept(s.labels().toArray(String[]::new), s.value());
        }
      }
    }
    tailer.resumeFrom(saved.positions());
    LOG.info(
        "Restored the counters from {}; going on at {}.",
        file,
        saved.positions().stream().map(p -> "byte " + p.offset()).toList());
  }

  @Override
  public void checkpoint(List<FilePosition> positions, boolean last) {
    long now = System.nanoTime();
    if (!last && now - lastWrite < EVERY.toNanos()) {
      return;
    }
    lastWrite = now;
    Map<String, List<Series>> values = new LinkedHashMap<>();
    for (RestorableMetric m : metrics) {
      List<Series> series = new ArrayList<>();
      m.values().forEach((labels, v) -> series.add(new Series(labels, v)));
      values.put(m.name(), series);
    }
    try {
      write(
          Json.MAPPER.writeValueAsBytes(new Saved(VERSION, events.toString(), positions, values)));
    } catch (IOException e) {
      if (!warned) {
        warned = true;
        LOG.warn(
            "Cannot write the state file {} ({}): a restart will count {} from its start again."
                + " Make the directory writable for the exporter.",
            file,
            e.toString(),
            events);
      }
    }
  }

  private void write(byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
