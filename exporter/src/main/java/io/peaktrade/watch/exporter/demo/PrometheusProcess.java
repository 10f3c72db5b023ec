package io.peaktrade.watch.exporter.demo;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server as a child process with temporary storage, stopped with the demo, and
 * with it however the demo ends: a watchdog shell ({@link #WATCHDOG}) between the JVM and
 * Prometheus stops Prometheus when the JVM's end of its stdin closes, which the kernel does for a
 * JVM killed with -9 or dying of an error as for one that closes it. Its queries are bounded: the
 * dashboard preview forwards the page's queries to it.
 */
public final class PrometheusProcess implements AutoCloseable {

  /**
   * Runs Prometheus ("$@") with stdin from /dev/null, and beside it a reader of the shell's stdin
   * (this JVM's pipe, kept on fd 3, since an asynchronous list's stdin is /dev/null in POSIX sh
   * without job control): at end of file, the JVM is gone or closed it, so Prometheus gets SIGTERM.
   * SIGTERM to the shell is passed on. The shell waits for Prometheus, stops the reader and exits
   * with Prometheus' status (128 + the signal when killed).
   */
  static final String WATCHDOG =
      String.join(
          "\n",
          "exec 3<&0",
          "\"$0\" \"$@\" </dev/null 3<&- &",
          "p=$!",
          "{ while read -r _; do :; done; kill -TERM \"$p\" 2>/dev/null; } <&3 &",
          "w=$!",
          "exec 3<&- </dev/null",
          "trap 'kill -TERM \"$p\" 2>/dev/null' TERM INT HUP",
          "while :; do",
          "  wait \"$p\"; s=$?",
          "  kill -0 \"$p\" 2>/dev/null || break",
          "done",
          "kill \"$w\" 2>/dev/null",
          "exit \"$s\"");

  /**
   * What one query may cost (cmd/prometheus/main.go's flags, 2.42 as Debian ships it and 3.x alike;
   * their defaults are 2m, 50,000,000 and 20): a page's query over the demo's few series needs a
   * few thousand samples; a query that asked for 50 million took the demo's Prometheus to 7 GB.
   */
  static final String QUERY_TIMEOUT = "30s";

  static final int QUERY_MAX_SAMPLES = 1_000_000;
  static final int QUERY_MAX_CONCURRENCY = 4;

  public static final String INSTALL_HINT =
      "Install it with: sudo apt-get install -y prometheus (Debian/Ubuntu), or put a prometheus"
          + " binary on PATH.";

  private final Process process;
  private final URI url;
  private final Path log;

  private PrometheusProcess(Process process, URI url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  /** Finds {@code prometheus} on PATH, or the given file if it is executable. */
  public static Optional<Path> locate(String binary) {
    Path direct = Path.of(binary);
    if (binary.contains(File.separator)) {
      return Files.isExecutable(direct) ? Optional.of(direct) : Optional.empty();
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, binary);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts Prometheus on host:port with the config, data under {@code workDir}, and waits until
   * ready.
   */
  public static PrometheusProcess start(
      Path binary, Path config, Path workDir, String host, int port, Duration readyTimeout)
      throws IOException {
    Path data = Files.createDirectories(workDir.resolve("prometheus-data"));
    Path log = workDir.resolve("prometheus.log");
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG));
    cmd.add(binary.toString());
    cmd.addAll(
        List.of(
            "--config.file=" + config,
            "--storage.tsdb.path=" + data,
            "--storage.tsdb.retention.time=1d",
            "--web.listen-address=" + host + ":" + port,
            "--query.timeout=" + QUERY_TIMEOUT,
            "--query.max-samples=" + QUERY_MAX_SAMPLES,
            "--query.max-concurrency=" + QUERY_MAX_CONCURRENCY,
            "--log.level=warn"));
    // stdin stays a pipe from this JVM: the watchdog's end of it (see WATCHDOG)
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    PrometheusProcess prom =
        new PrometheusProcess(p, URI.create("http://" + host + ":" + port + "/"), log);
    try {
      prom.awaitReady(readyTimeout);
    } catch (IOException e) {
      prom.close();
      throw e;
    }
    return prom;
  }

  private void awaitReady(Duration timeout) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "Prometheus exited with code "
                + process.exitValue()
                + " at start; its log: "
                + log
                + "\n"
                + tail());
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(url.resolve("-/ready")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Prometheus", e);
      }
      sleep(100);
    }
    throw new IOException(
        "Prometheus did not become ready within " + timeout.toSeconds() + " s; its log: " + log);
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public URI url() {
    return url;
  }

  /**
   * The Prometheus process itself (the watchdog shell's child that is not a copy of the shell),
   * e.g. to check that stopping left nothing behind.
   */
  public ProcessHandle handle() {
    Optional<String> shell = process.info().command();
    return process
        .toHandle()
        .children()
        .filter(c -> !c.info().command().equals(shell))
        .findFirst()
        .orElse(process.toHandle());
  }

  /**
   * Completes with the exit status (Prometheus' own, 128 + the signal when killed) when it ends.
   */
  public CompletableFuture<Integer> onExit() {
    return process.onExit().thenApply(Process::exitValue);
  }

  /** The last lines of its log, for a message. */
  public String logTail() {
    return tail();
  }

  public Path log() {
    return log;
  }

  /**
   * Stops Prometheus: closing the watchdog's stdin sends it SIGTERM; whatever still runs after 10 s
   * is killed.
   */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      process.destroy();
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
