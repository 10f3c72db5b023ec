package io.peaktrade.watch.exporter.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peaktrade.watch.exporter.tail.Checkpoint;
import io.peaktrade.watch.exporter.tail.FilePosition;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ai_live exporter's counters and read positions, kept next to the event file so that a restart
 * (a crash, kill -9, a new container in the same pod) goes on where it was: no counter reset, no
 * line counted twice, and what was appended meanwhile (to the file, or to one rotated away) is
 * read. Written atomically (a new temporary file renamed over the old one) from the reading thread
 * at the tailer's {@link Checkpoint}s, where counts and offsets belong together: at once when a
 * file is opened (at start, after a rotation or truncation), after the first catch-up, before every
 * scrape is answered, when reading stops; otherwise at most every {@link #EVERY}. So every file the
 * exporter reads is one a restart knows, and no value a scrape has served is taken back by one.
 *
 * <p>The file lies where whoever writes events can write: it is input like any other. Anything in
 * it that is not what this class writes (a wrong type, a null, a negative count, a label value past
 * the bounds, a file that is not a regular file) is logged and ignored: counting starts from the
 * event file's start, never an exit. Reading never follows a link or blocks on a FIFO; writing
 * never follows a link.
 */
public final class StateFile implements ReaderState {

  static final int VERSION = 1;
  static final Duration EVERY = Duration.ofSeconds(5);

  /** Larger is not ours: refused before parsing. */
  static final long MAX_BYTES = 16L << 20;

  private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
  private static final int MAX_LABEL_CHARS = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);

  /** Loaded on the first restore, not at start-up: the exporter's first count is timed. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  /**
   * Writing goes through the streaming generator, not databind: the first write happens while the
   * first catch-up is timed (when the event file is opened), and databind's introspection of these
   * records cost about 0.1 s of it (docs/benchmarks.md, "State file").
   */
  private static final JsonFactory GENERATOR = JsonFactory.builder().build();

  /** One saved series: label values in the metric's label order, and its value. */
  record Series(List<String> labels, double value) {}

  record Saved(
      int version,
      String events,
      List<FilePosition> positions,
      Map<String, List<Series>> metrics) {}

  /** A scrape waiting for the counts it serves to be on disk (see {@link #serveDurably}). */
  private record ScrapeRequest(CompletableFuture<Boolean> written, CountDownLatch served) {}

  private final Path file;
  private final Path events;
  private List<RestorableMetric> metrics = List.of();
  private long lastWrite = System.nanoTime();

  /**
   * What the file holds now: the offsets and the sum of every count (counts only grow); null until
   * the first write. Compared field by field: a record's generated equals bootstraps method handles
   * at its first use, some 20 ms of the timed first catch-up.
   */
  private @Nullable List<FilePosition> writtenPositions;

  private double writtenTotal;
  private boolean warned;
  private final AtomicReference<ScrapeRequest> scrape = new AtomicReference<>();

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
    Saved saved;
    try {
      saved = read();
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "State file {} is not usable ({}): counting {} from its start. The file is rewritten"
              + " from now on.",
          file,
          e.getMessage(),
          events);
      return;
    }
    if (saved == null) {
      LOG.info("No state file {}: counting {} from its start.", file, events);
      return;
    }
    for (RestorableMetric m : metrics) {
      for (Series s : saved.metrics().getOrDefault(m.name(), List.of())) {
        m.restore().accept(s.labels().toArray(String[]::new), s.value());
      }
    }
    tailer.resumeFrom(saved.positions());
    LOG.info(
        "Restored the counters from {}; going on at {}.",
        file,
        saved.positions().stream().map(p -> "byte " + p.offset()).toList());
  }

  /**
   * The saved state, checked whole before anything of it is used; null if there is none.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  @Nullable Saved read() throws IOException {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
    if (!attrs.isRegularFile()) {
      throw new IllegalArgumentException(
          "it is not a regular file (a link, a FIFO, a directory or a device)");
    }
    if (attrs.size() > MAX_BYTES) {
      throw new IllegalArgumentException("it has " + attrs.size() + " bytes, more than ours ever");
    }
    JsonNode root;
    try (InputStream in =
        Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      root = Json.MAPPER.readTree(in.readNBytes((int) MAX_BYTES));
    }
    return validate(root);
  }

  private Saved validate(JsonNode root) {
    require(root != null && root.isObject(), "not a JSON object");
    require(root.path("version").isInt() && root.path("version").asInt() == VERSION, "version");
    require(
        root.path("events").isTextual() && root.path("events").asText().equals(events.toString()),
        "it is for another event file (" + root.path("events") + ")");
    require(root.path("positions").isArray(), "positions");
    List<FilePosition> positions = new ArrayList<>();
    for (JsonNode p : root.path("positions")) {
      require(p.path("fileKey").isTextual() && !p.path("fileKey").asText().isEmpty(), "fileKey");
      require(p.path("offset").isIntegralNumber() && p.path("offset").asLong() >= 0, "offset");
      require(
          p.path("headSha256").isTextual()
              && SHA256.matcher(p.path("headSha256").asText()).matches(),
          "headSha256");
      require(p.path("current").isBoolean(), "current");
      positions.add(
          new FilePosition(
              p.path("fileKey").asText(),
              p.path("offset").asLong(),
              p.path("headSha256").asText(),
              p.path("current").asBoolean()));
    }
    require(root.path("metrics").isObject(), "metrics");
    Map<String, List<Series>> values = new LinkedHashMap<>();
    for (RestorableMetric m : metrics) {
      JsonNode series = root.path("metrics").path(m.name());
      if (series.isMissingNode()) {
        continue;
      }
      require(series.isArray(), m.name());
      List<Series> out = new ArrayList<>();
      for (JsonNode s : series) {
        require(s.path("labels").isArray(), m.name() + " labels");
        require(s.path("labels").size() == m.labelNames().size(), m.name() + " label count");
        List<String> labels = new ArrayList<>();
        for (JsonNode l : s.path("labels")) {
          require(
              l.isTextual() && l.asText().length() <= MAX_LABEL_CHARS, m.name() + " label value");
          labels.add(l.asText());
        }
        require(m.accepts().test(labels), m.name() + " label values " + labels);
        require(s.path("value").isNumber(), m.name() + " value");
        double v = s.path("value").asDouble();
        require(Double.isFinite(v) && v >= 0, m.name() + " value " + v);
        out.add(new Series(List.copyOf(labels), v));
      }
      values.put(m.name(), out);
    }
    return new Saved(VERSION, events.toString(), positions, values);
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("invalid " + what);
    }
  }

  @Override
  public void checkpoint(List<FilePosition> positions, Checkpoint moment) {
    ScrapeRequest waiting = scrape.getAndSet(null);
    long now = System.nanoTime();
    if (waiting != null || moment.urgent() || now - lastWrite >= EVERY.toNanos()) {
      lastWrite = now;
      // the same offsets and counts as on disk: nothing new to make durable
      Map<String, Map<List<String>, Double>> values = values();
      double total = total(values);
      boolean ok =
          (total == writtenTotal && same(positions, writtenPositions))
              || write(positions, values, total);
      if (waiting != null) {
        waiting.written().complete(ok);
        awaitQuietly(waiting.served());
      }
    }
  }

  /**
   * Runs {@code serve} (the answer to a scrape) while the counts stand at what this file holds: the
   * reading thread writes the file at its next checkpoint and waits until the answer is sent. So a
   * restart, which restores this file, never takes back a value a scrape has seen. If the reader
   * does not come round within {@code timeout}, or the file cannot be written, the live counts are
   * served (and /healthz, or the warning logged once, says why).
   */
  @Override
  public void serveDurably(Duration timeout, IoAction serve) throws IOException {
    synchronized (scrape) {
      ScrapeRequest request = new ScrapeRequest(new CompletableFuture<>(), new CountDownLatch(1));
      scrape.set(request);
      try {
        try {
          request.written().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          scrape.compareAndSet(request, null);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          scrape.compareAndSet(request, null);
        } catch (ExecutionException e) {
          // written() is only ever completed normally
        }
        serve.run();
      } finally {
        request.served().countDown();
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        LOG.warn("A scrape held the reader for 10 s; reading goes on.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every restorable metric's series, read once for the sum and the file. */
  private Map<String, Map<List<String>, Double>> values() {
    Map<String, Map<List<String>, Double>> values = new LinkedHashMap<>();
    for (RestorableMetric m : metrics) {
      values.put(m.name(), m.values());
    }
    return values;
  }

  private static double total(Map<String, Map<List<String>, Double>> values) {
    double total = 0;
    for (Map<List<String>, Double> series : values.values()) {
      for (double v : series.values()) {
        total += v;
      }
    }
    return total;
  }

  private static boolean same(List<FilePosition> a, @Nullable List<FilePosition> b) {
    if (b == null || a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      FilePosition x = a.get(i);
      FilePosition y = b.get(i);
      if (x.offset() != y.offset()
          || x.current() != y.current()
          || !x.fileKey().equals(y.fileKey())
          || !x.headSha256().equals(y.headSha256())) {
        return false;
      }
    }
    return true;
  }

  private boolean write(
      List<FilePosition> positions, Map<String, Map<List<String>, Double>> values, double total) {
    try {
      write(json(positions, values));
      writtenPositions = new ArrayList<>(positions);
      writtenTotal = total;
      return true;
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
      return false;
    }
  }

  /** The state as {@link #validate} reads it. */
  private byte[] json(List<FilePosition> positions, Map<String, Map<List<String>, Double>> values)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = GENERATOR.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("version", VERSION);
      g.writeStringField("events", events.toString());
      g.writeArrayFieldStart("positions");
      for (FilePosition p : positions) {
        g.writeStartObject();
        g.writeStringField("fileKey", p.fileKey());
        g.writeNumberField("offset", p.offset());
        g.writeStringField("headSha256", p.headSha256());
        g.writeBooleanField("current", p.current());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("metrics");
      for (Map.Entry<String, Map<List<String>, Double>> metric : values.entrySet()) {
        g.writeArrayFieldStart(metric.getKey());
        for (Map.Entry<List<String>, Double> e : metric.getValue().entrySet()) {
          g.writeStartObject();
          g.writeArrayFieldStart("labels");
          for (String label : e.getKey()) {
            g.writeString(label);
          }
          g.writeEndArray();
          g.writeNumberField("value", e.getValue());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /**
   * A temporary file created new (CREATE_NEW: never an existing file, never through a link), filled
   * and forced to disk, then renamed over the state file in one step. Its name is random so that no
   * one can plant something at it in advance (a planted name only makes this try another); not from
   * SecureRandom, whose first use (UUID.randomUUID) loads the security providers, about 0.1 s of
   * the timed first catch-up.
   */
  private void write(byte[] bytes) throws IOException {
    Path tmp = null;
    FileChannel ch = null;
    for (int attempt = 0; ch == null; attempt++) {
      tmp =
          file.resolveSibling(
              file.getFileName()
                  + "."
                  + Long.toHexString(ThreadLocalRandom.current().nextLong())
                  + ".tmp");
      try {
        ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 9) {
          throw e;
        }
      }
    }
    try {
      try (FileChannel out = ch) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          out.write(b);
        }
        out.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
