package io.peaktrade.watch.exporter.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peaktrade.watch.contracts.Ports;
import io.peaktrade.watch.exporter.cli.ExecutionWatchCli;
import io.peaktrade.watch.exporter.testing.Prometheus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code execution-watch demo} as a user runs it, ended the ways a process ends: no Prometheus
 * outlives it (kill -9, SIGTERM while it starts), and it leaves no temporary directory behind, also
 * when it cannot start. Its temporary directories go under a java.io.tmpdir of the test's own.
 */
class DemoProcessTest {

  @TempDir Path dir;

  private Path tmp() throws IOException {
    return Files.createDirectories(dir.resolve("tmp"));
  }

  private Process demo(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Djava.io.tmpdir=" + tmp());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
    cmd.add(ExecutionWatchCli.class.getName());
    cmd.add("demo");
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("demo.log").toFile())
        .start();
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("demo.log"));
  }

  /** The Prometheus under the demo, once there is one. */
  private static Optional<ProcessHandle> prometheusUnder(Process demo) {
    return demo.descendants()
        .filter(p -> p.info().command().orElse("").endsWith("/prometheus"))
        .findFirst();
  }

  private List<Path> leftInTmp() throws IOException {
    try (Stream<Path> s = Files.list(tmp())) {
      return s.filter(p -> p.getFileName().toString().startsWith("execution-watch-demo-")).toList();
    }
  }

  @Test
  void killDashNineOfTheDemoStopsItsPrometheus() throws Exception {
    Process demo =
        demo("--free-ports", "--prometheus-bin", Prometheus.binary("prometheus").toString());
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> log().contains("Waiting for the first scrapes"));
      ProcessHandle prometheus = prometheusUnder(demo).orElseThrow();
      demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no hook runs
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> !prometheus.isAlive());
    } finally {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }
  }

  @Test
  void sigtermWhileItStartsStopsPrometheusAndRemovesTheTemporaryDirectory() throws Exception {
    Process demo =
        demo("--free-ports", "--prometheus-bin", Prometheus.binary("prometheus").toString());
    try {
      ProcessHandle prometheus =
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(10))
              .until(() -> prometheusUnder(demo), Optional::isPresent)
              .orElseThrow();
      assertThat(log()).doesNotContain("Waiting for the first scrapes"); // still starting
      demo.destroy(); // SIGTERM
      assertThat(demo.waitFor(30, TimeUnit.SECONDS)).isTrue();
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> !prometheus.isAlive());
      assertThat(leftInTmp()).as(log()).isEmpty();
    } finally {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }
  }

  @Test
  void aDemoThatCannotStartSaysWhyOnOneLineAndLeavesNothing() throws Exception {
    Path broken = dir.resolve("prometheus");
    Files.writeString(broken, "#!/bin/sh\necho 'bad flag' >&2\nexit 3\n");
    Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwx------"));
    Process demo = demo("--free-ports", "--prometheus-bin", broken.toString());
    assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(demo.exitValue()).as(log()).isEqualTo(1);
    assertThat(log())
        .contains("execution-watch demo failed: Prometheus exited with code 3 at start")
        .doesNotContain("\tat ");
    assertThat(leftInTmp()).isEmpty();
  }

  /** The way out it names is a flag the demo has (it named --port, which the demo has not). */
  @Test
  void aTakenRunbookPortNamesTheDemosOwnWayOut() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      try {
        taken.bind(new InetSocketAddress("127.0.0.1", Ports.AI_LIVE));
      } catch (IOException alreadyTaken) {
        // taken by something else: the same for the demo
      }
      Process demo = demo("--prometheus-bin", dir.resolve("none").toString());
      assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(demo.exitValue()).isEqualTo(1);
      assertThat(log())
          .contains("Port " + Ports.AI_LIVE + " for the ai_live exporter is already in use")
          .contains("or pass --free-ports to listen on free ports.")
          .doesNotContain("--port")
          .doesNotContain("\tat ");
      assertThat(leftInTmp()).isEmpty();
    }
  }
}
