package io.peaktrade.watch.operator;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator as its own process: the shaded jar with the image's JVM options
 * (operator/jvm.options) and a memory limit as the JVM's RAM, pointed at a {@link MockCluster}
 * through a kubeconfig, watching all namespaces; started when /readyz answers 200.
 */
public final class OperatorProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;
  private final long startedNanos = System.nanoTime();
  private double startupSeconds;

  private OperatorProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code jar} (the operator module's target/execution-watch-operator.jar) with {@code
   * jvmOptions} (operator/jvm.options) against the cluster, with this environment added.
   */
  /** A kubeconfig for an API server at {@code url}, with a token. */
  static void writeKubeconfig(Path file, String url) throws IOException {
    Files.writeString(
        file,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters: [{name: c, cluster: {server: \"" + url + "\"}}]",
            "users: [{name: u, user: {token: t}}]",
            "contexts: [{name: c, context: {cluster: c, user: u}}]",
            "current-context: c",
            ""));
  }

  public static OperatorProcess start(
      MockCluster cluster, Path jar, Path jvmOptions, String maxRam, Map<String, String> env)
      throws IOException, InterruptedException {
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: ./mvnw -pl operator -am package first");
    }
    Path dir = Files.createTempDirectory("operator-process-");
    Path kubeconfig = dir.resolve("kubeconfig");
    String url = cluster.operatorClient.getConfiguration().getMasterUrl();
    writeKubeconfig(kubeconfig, url);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("@" + jvmOptions.toAbsolutePath());
    cmd.add("-XX:MaxRAM=" + maxRam);
    cmd.add("-jar");
    cmd.add(jar.toAbsolutePath().toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Path log = dir.resolve("operator.log");
    pb.redirectOutput(log.toFile());
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    pb.environment().put("HTTP_PORT", Integer.toString(port));
    pb.environment().put("WATCH_NAMESPACES", "");
    pb.environment().putAll(env);
    OperatorProcess operator = new OperatorProcess(pb.start(), port, log);
    try {
      operator.awaitReady(Duration.ofSeconds(60));
    } catch (IOException | RuntimeException e) {
      operator.close();
      throw e;
    }
    return operator;
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the operator exited: " + Files.readString(log));
      }
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          startupSeconds = (System.nanoTime() - startedNanos) / 1e9;
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "the operator was not ready within " + timeout.toSeconds() + " s; see " + log);
  }

  /** From the process's start until /readyz first answered 200. */
  public double startupSeconds() {
    return startupSeconds;
  }

  /** What its /metrics serves now. */
  public String metrics() throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Its health and metrics port (/healthz, /readyz, /metrics). */
  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
