package io.peaktrade.watch.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.peaktrade.watch.operator.runtime.Setting;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's process as an operator starts it by hand: {@code --help} answers at once with its
 * settings, and an API server that does not answer is said within seconds. The "API server" here
 * accepts each connection and closes it at once, counting them: a request the client retries shows
 * as another connection.
 */
class OperatorCommandLineTest {

  @TempDir Path dir;
  private ServerSocket api;
  private final AtomicInteger connections = new AtomicInteger();
  private Path kubeconfig;

  @BeforeEach
  void apiServerThatHangsUp() throws IOException {
    api = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!api.isClosed()) {
                try (Socket s = api.accept()) {
                  connections.incrementAndGet();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "hang-up-api");
    t.setDaemon(true);
    t.start();
    kubeconfig = dir.resolve("kubeconfig");
    OperatorProcess.writeKubeconfig(kubeconfig, "http://127.0.0.1:" + api.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    api.close();
  }

  private record Exit(int code, String output, double seconds) {}

  private Exit operator(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
    cmd.add(OperatorMain.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("out.txt").toFile());
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    pb.environment().put("HTTP_PORT", "0");
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          "still running after 60 s: " + Files.readString(dir.resolve("out.txt")));
    }
    return new Exit(
        p.exitValue(),
        Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        (System.nanoTime() - start) / 1e9);
  }

  @Test
  void helpListsEverySettingWithItsDefaultAndValueWithoutTouchingTheApi() throws Exception {
    Exit help = operator(Map.of("WATCH_NAMESPACES", "team-a,team-b"), "--help");
    assertThat(help.code()).as(help.output()).isZero();
    for (Setting s : Setting.values()) {
      assertThat(help.output()).contains("  " + s.name() + "\n");
    }
    assertThat(help.output())
        .contains("default: 8080")
        .contains("default: (empty), now: team-a,team-b");
    assertThat(connections.get()).as("connections to the API").isZero();
    Exit wrong = operator(Map.of(), "--namespace=x");
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.output()).contains("Unknown argument '--namespace=x'").contains("--help");
  }

  /** fabric8's own retries took about 20 s (11 connections) before the operator said this. */
  @Test
  void anApiThatDoesNotAnswerIsSaidWithinSeconds() throws Exception {
    Exit down = operator(Map.of());
    assertThat(down.code()).as(down.output()).isEqualTo(1);
    assertThat(down.output())
        .contains("Cannot reach the Kubernetes API at http://127.0.0.1:" + api.getLocalPort());
    // the JDK's HttpClient retries an idempotent GET once on a connection closed before the
    // answer (its MultiExchange), so each of fabric8's attempts shows as up to two connections
    assertThat(connections.get())
        .as("connections: the first request and one retry, each perhaps retried by the JDK")
        .isLessThanOrEqualTo(2 * (1 + OperatorMain.PREFLIGHT_RETRIES));
    System.out.printf("unreachable API said after %.1f s%n", down.seconds());
  }
}
