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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A real Prometheus server as a child process with temporary storage, stopped with the demo. */
public final class PrometheusProcess implements AutoCloseable {

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
    Process p =
        new ProcessBuilder(
                List.of(
                    binary.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + data,
                    "--storage.tsdb.retention.time=1d",
                    "--web.listen-address=" + host + ":" + port,
                    "--log.level=warn"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
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

  /** The child process, e.g. to check that stopping left nothing behind. */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
