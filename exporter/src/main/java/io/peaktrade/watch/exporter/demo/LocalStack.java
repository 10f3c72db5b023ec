package io.peaktrade.watch.exporter.demo;

import io.peaktrade.watch.contracts.DemoDefaults;
import io.peaktrade.watch.contracts.Jobs;
import io.peaktrade.watch.contracts.Ports;
import io.peaktrade.watch.contracts.RepositoryFiles;
import io.peaktrade.watch.exporter.ailive.AiLiveExporter;
import io.peaktrade.watch.exporter.ailive.DecisionMetrics;
import io.peaktrade.watch.exporter.api.WatchApiServer;
import io.peaktrade.watch.exporter.emit.Emitter;
import io.peaktrade.watch.exporter.emit.EventWriter;
import io.peaktrade.watch.exporter.emit.SampleEvents;
import io.peaktrade.watch.exporter.http.PortInUseException;
import io.peaktrade.watch.exporter.preview.DashboardPreview;
import io.peaktrade.watch.exporter.shadow.ShadowMvsExporter;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runbook's demo stack in one process: emitter (runbook sample, then follow), ai_live, mock
 * shadow_mvs, the watch API, a real Prometheus child scraping all three (kept running: {@link
 * SupervisedPrometheus}), and the dashboard preview on :3000 drawing from it. Everything binds to
 * loopback. One stack per work directory ({@link WorkDirLock}). Closing stops all of it, the
 * Prometheus child included, at any moment, also while it starts (from another thread, such as a
 * shutdown hook); a Prometheus child never outlives the JVM ({@link PrometheusProcess}).
 */
public final class LocalStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

  /** The project's alert rules (alerts/execution-watch.rules.yaml), bundled in the jar. */
  public static final String ALERT_RULES = RepositoryFiles.resource(RepositoryFiles.ALERT_RULES);

  /**
   * Ports, files and rates of one stack. {@code emitRate} 0: only the runbook's one-shot sample;
   * {@code prometheusBinary} empty: exporters only (and no dashboard preview, which draws from
   * Prometheus).
   */
  public record Config(
      String host,
      int aiLivePort,
      int shadowMvsPort,
      int watchApiPort,
      int prometheusPort,
      int dashboardPort,
      Path workDir,
      Duration scrapeInterval,
      double emitRate,
      long seed,
      String runId,
      String component,
      Optional<Path> prometheusBinary) {

    public static Config runbookDefaults(Path workDir, Optional<Path> prometheusBinary) {
      return new Config(
          "127.0.0.1",
          Ports.AI_LIVE,
          Ports.SHADOW_MVS,
          Ports.WATCH_API,
          Ports.PROMETHEUS,
          Ports.DASHBOARD,
          workDir,
          Duration.ofSeconds(5),
          DemoDefaults.EMITTER_RATE,
          DemoDefaults.SEED,
          DemoDefaults.RUN_ID,
          DemoDefaults.COMPONENT,
          prometheusBinary);
    }

    /** The same stack with events of this run id and component (emitter and exporter alike). */
    public Config withRun(String runId, String component) {
      return with(
          aiLivePort, shadowMvsPort, watchApiPort, prometheusPort, dashboardPort, runId, component);
    }

    /**
     * The same stack on ports free right now instead of the runbook's, e.g. next to a running demo.
     */
    public Config withFreePorts() throws IOException {
      return with(freePort(), freePort(), freePort(), freePort(), freePort(), runId, component);
    }

    private Config with(
        int ai, int shadow, int watch, int prom, int dashboard, String run, String comp) {
      return new Config(
          host,
          ai,
          shadow,
          watch,
          prom,
          dashboard,
          workDir,
          scrapeInterval,
          emitRate,
          seed,
          run,
          comp,
          prometheusBinary);
    }

    public Path eventsFile() {
      return workDir.resolve("ai_events.jsonl");
    }
  }

  private final Config config;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private volatile @Nullable SupervisedPrometheus prometheus;
  private volatile @Nullable DashboardPreview preview;
  private boolean closed;

  private LocalStack(Config config) {
    this.config = config;
  }

  /**
   * A stack not started yet: {@link #close()} can be arranged (a shutdown hook) before {@link
   * #startAll()} runs.
   */
  public static LocalStack create(Config config) {
    return new LocalStack(config);
  }

  /** Starts a stack; if a part fails, what started is stopped and the failure thrown. */
  public static LocalStack start(Config config) throws IOException {
    LocalStack stack = new LocalStack(config);
    stack.startAll();
    return stack;
  }

  /**
   * Starts every part; if one fails, or {@link #close()} is called meanwhile, what started is
   * stopped and an IOException thrown.
   */
  public void startAll() throws IOException {
    try {
      startParts();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Keeps a started part for {@link #close()}, or stops it at once when the stack is closing. */
  private <T extends AutoCloseable> T keep(T part) throws IOException {
    synchronized (running) {
      if (!closed) {
        running.push(part);
        return part;
      }
    }
    try {
      part.close();
    } catch (Exception e) {
      LOG.warn("Stopping part of the demo stack failed: {}", e.toString());
    }
    throw new IOException("The demo was stopped while it started.");
  }

  private void startParts() throws IOException {
    assertPortsFree(config);
    Files.createDirectories(config.workDir());
    keep(WorkDirLock.acquire(config.workDir()));
    Path events = config.eventsFile();
    String runId = config.runId();
    String component = config.component();
    try (EventWriter w = new EventWriter(events)) {
      w.append(SampleEvents.runbookSample(runId, component, Clock.systemUTC().instant()));
    }
    if (config.emitRate() > 0) {
      Emitter emitter =
          new Emitter(
              events,
              config.emitRate(),
              0,
              new SampleEvents.Sequence(config.seed(), runId, component),
              Clock.systemUTC(),
              EventWriter.DEFAULT_MAX_FILE_BYTES);
      keep(emitter);
      Thread t = new Thread(emitter, "emitter");
      t.setDaemon(true);
      t.start();
    }

    JsonlTailer.Options tail = JsonlTailer.Options.defaults(events);
    keep(
        AiLiveExporter.start(
            config.host(),
            config.aiLivePort(),
            tail,
            new DecisionMetrics.Defaults(runId, component, 20)));
    keep(ShadowMvsExporter.start(config.host(), config.shadowMvsPort(), config.seed()));
    keep(WatchApiServer.start(config.host(), config.watchApiPort(), tail));

    if (config.prometheusBinary().isPresent()) {
      Path rules = config.workDir().resolve("execution-watch.rules.yaml");
      try (var in = LocalStack.class.getResourceAsStream(ALERT_RULES)) {
        Files.copy(
            Objects.requireNonNull(in, ALERT_RULES + " missing from the jar"),
            rules,
            StandardCopyOption.REPLACE_EXISTING);
      }
      Path yml = config.workDir().resolve("prometheus.yml");
      Files.writeString(
          yml,
          PrometheusConfig.yaml(
              config.scrapeInterval(), jobs(), List.of(rules.toAbsolutePath().toString())));
      SupervisedPrometheus prom =
          keep(
              SupervisedPrometheus.start(
                  config.prometheusBinary().get(),
                  yml,
                  config.workDir(),
                  config.host(),
                  config.prometheusPort(),
                  Duration.ofSeconds(30)));
      prometheus = prom;
      preview =
          keep(
              DashboardPreview.start(
                  config.host(),
                  config.dashboardPort(),
                  prom.url(),
                  DashboardPreview.DASHBOARD,
                  prom::problem));
    }
  }

  private List<PrometheusConfig.Job> jobs() {
    String h = config.host();
    return List.of(
        new PrometheusConfig.Job(Jobs.AI_LIVE, h + ":" + config.aiLivePort()),
        new PrometheusConfig.Job(Jobs.SHADOW_MVS, h + ":" + config.shadowMvsPort()),
        new PrometheusConfig.Job(Jobs.WATCH_API, h + ":" + config.watchApiPort()));
  }

  /** A port nothing listens on at this moment (the OS picks it). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Fails before anything starts, naming the first port that is taken. */
  static void assertPortsFree(Config c) throws PortInUseException {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("the ai_live exporter", c.aiLivePort());
    ports.put("the mock shadow_mvs exporter", c.shadowMvsPort());
    ports.put("the Execution Watch API", c.watchApiPort());
    if (c.prometheusBinary().isPresent()) {
      ports.put("Prometheus", c.prometheusPort());
      ports.put("the dashboard preview", c.dashboardPort());
    }
    for (Map.Entry<String, Integer> p : ports.entrySet()) {
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(c.host(), p.getValue()));
      } catch (IOException e) {
        throw new PortInUseException(p.getKey(), p.getValue(), e);
      }
    }
  }

  /** The Prometheus process running now. */
  public Optional<ProcessHandle> prometheusProcess() {
    return prometheus().map(SupervisedPrometheus::handle);
  }

  public Optional<URI> prometheusUrl() {
    return prometheus().map(SupervisedPrometheus::url);
  }

  /** The supervised Prometheus, when the stack runs one. */
  public Optional<SupervisedPrometheus> prometheus() {
    return Optional.ofNullable(prometheus);
  }

  /** The dashboard preview's page, when Prometheus runs. */
  public Optional<URI> dashboardUrl() {
    return Optional.ofNullable(preview)
        .map(p -> URI.create("http://" + config.host() + ":" + p.port() + "/"));
  }

  /** Where each part of the stack can be reached. */
  public Map<String, String> urls() {
    Map<String, String> urls = new LinkedHashMap<>();
    String h = "http://" + (config.host().equals("0.0.0.0") ? "localhost" : config.host()) + ":";
    if (preview != null) {
      urls.put("Dashboard (preview)", h + preview.port() + "/");
    }
    urls.put("ai_live /metrics", h + config.aiLivePort() + "/metrics");
    urls.put("shadow_mvs /metrics", h + config.shadowMvsPort() + "/metrics");
    urls.put("Execution Watch API", h + config.watchApiPort() + "/api/v1/summary");
    prometheusUrl().ifPresent(u -> urls.put("Prometheus targets", u.resolve("targets").toString()));
    urls.put("event file", config.eventsFile().toString());
    return urls;
  }

  public Config config() {
    return config;
  }

  /** Stops every part started, in reverse order; any thread, any moment, more than once. */
  @Override
  public void close() {
    List<AutoCloseable> parts;
    synchronized (running) {
      closed = true;
      parts = new ArrayList<>(running);
      running.clear();
    }
    List<Exception> failures = new ArrayList<>();
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        failures.add(e);
      }
    }
    failures.forEach(e -> LOG.warn("Stopping part of the demo stack failed: {}", e.toString()));
  }
}
