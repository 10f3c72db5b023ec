package io.peaktrade.watch.exporter.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's Prometheus, kept running: when it exits, that is said in one line and it is started
 * again on the same port and data after a backoff (1 s, doubling to 30 s; back to 1 s once it ran a
 * minute), until the demo stops. {@link #problem()} says what is wrong while it is down, for the
 * dashboard preview's /healthz.
 */
public final class SupervisedPrometheus implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SupervisedPrometheus.class);

  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** A run this long counts as healthy: the next failure starts the backoff again. */
  static final Duration STABLE = Duration.ofMinutes(1);

  /** How Prometheus is started, the first time and every time again. */
  @FunctionalInterface
  interface Launcher {
    PrometheusProcess launch() throws IOException;
  }

  private final Launcher launcher;
  private final URI url;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "prometheus-supervisor");
            t.setDaemon(true);
            return t;
          });
  private PrometheusProcess current;
  private long startedNanos;
  private Duration backoff = FIRST_BACKOFF;
  private int restarts;
  private volatile @Nullable String problem;
  private boolean closed;

  private SupervisedPrometheus(Launcher launcher, PrometheusProcess first) {
    this.launcher = launcher;
    this.url = first.url();
    this.current = first;
    this.startedNanos = System.nanoTime();
  }

  /**
   * Starts Prometheus (a failure to start the first time is thrown: the demo cannot run) and
   * supervises it from then on.
   */
  public static SupervisedPrometheus start(
      Path binary, Path config, Path workDir, String host, int port, Duration readyTimeout)
      throws IOException {
    Launcher launcher =
        () -> PrometheusProcess.start(binary, config, workDir, host, port, readyTimeout);
    SupervisedPrometheus s = new SupervisedPrometheus(launcher, launcher.launch());
    s.watch(s.current);
    return s;
  }

  private void watch(PrometheusProcess p) {
    long pid = p.handle().pid();
    p.onExit().thenAccept(status -> exited(p, pid, status));
  }

  private synchronized void exited(PrometheusProcess p, long pid, int status) {
    if (closed || p != current) {
      return;
    }
    Duration ran = Duration.ofNanos(System.nanoTime() - startedNanos);
    if (ran.compareTo(STABLE) >= 0) {
      backoff = FIRST_BACKOFF;
    }
    problem =
        "Prometheus (pid "
            + pid
            + ") exited "
            + describe(status)
            + " after "
            + ran.toSeconds()
            + " s; restarting it in "
            + backoff.toSeconds()
            + " s (restart "
            + (restarts + 1)
            + "). Its log: "
            + p.log();
    LOG.error(problem);
    schedule();
  }

  private void schedule() {
    Duration delay = backoff;
    backoff =
        backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    scheduler.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void restart() {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    PrometheusProcess p;
    try {
      p = launcher.launch();
    } catch (IOException e) {
      synchronized (this) {
        if (closed) {
          return;
        }
        problem =
            "Prometheus did not start again ("
                + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                + "); next attempt in "
                + backoff.toSeconds()
                + " s";
        LOG.error(problem);
        schedule();
      }
      return;
    }
    synchronized (this) {
      if (closed) {
        p.close();
        return;
      }
      current = p;
      startedNanos = System.nanoTime();
      restarts++;
      problem = null;
      LOG.warn(
          "Prometheus runs again (pid {}, restart {}) on {}.", p.handle().pid(), restarts, url);
    }
    watch(p);
  }

  private static String describe(int status) {
    return status > 128 ? "on signal " + (status - 128) : "with status " + status;
  }

  /** What is wrong while Prometheus is not running; empty while it runs. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /** How often it was started again. */
  public synchronized int restarts() {
    return restarts;
  }

  public URI url() {
    return url;
  }

  /** The Prometheus process running now (or the last one). */
  public synchronized ProcessHandle handle() {
    return current.handle();
  }

  @Override
  public void close() {
    PrometheusProcess last;
    synchronized (this) {
      closed = true;
      last = current;
    }
    scheduler.shutdownNow();
    last.close();
  }
}
