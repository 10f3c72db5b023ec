package io.peaktrade.watch.exporter.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.peaktrade.watch.contracts.Metric;
import io.peaktrade.watch.exporter.check.PrometheusApi;
import io.peaktrade.watch.exporter.testing.Http;
import io.peaktrade.watch.exporter.testing.MetricsText;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo keeps what it starts running, in one process: Prometheus killed is said, restarted and
 * shown on the preview's /healthz; an event file deleted under the emitter comes back and is
 * followed; a second demo on the same work directory is refused. (Ending the demo process itself at
 * any moment: DemoProcessTest.)
 */
class DemoSupervisionTest {

  @TempDir Path dir;

  @Test
  void aKilledPrometheusIsSaidShownOnHealthzAndStartedAgain() throws Exception {
    try (LocalStack stack =
        LocalStack.start(LocalStackRealPrometheusTest.config(dir.resolve("stack"), 2))) {
      SupervisedPrometheus prometheus = stack.prometheus().orElseThrow();
      String healthz = stack.dashboardUrl().orElseThrow().resolve("healthz").toString();
      assertThat(Http.get(healthz).statusCode()).isEqualTo(200);
      ProcessHandle first = stack.prometheusProcess().orElseThrow();
      assertThat(first.info().command().orElse("")).endsWith("prometheus");

      first.destroyForcibly(); // SIGKILL

      // down for at least the first backoff (1 s) plus a start: seen well within 50 ms polls
      HttpResponse<String> down =
          await()
              .atMost(Duration.ofSeconds(10))
              .pollInterval(Duration.ofMillis(50))
              .until(() -> Http.get(healthz), r -> r.statusCode() == 503);
      assertThat(down.body())
          .startsWith("Prometheus (pid " + first.pid() + ") exited on signal 9 after ")
          .contains("restarting it in 1 s (restart 1)")
          .contains("prometheus.log")
          .doesNotContain("\n\n");
      await()
          .atMost(Duration.ofSeconds(45))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> Http.get(healthz).statusCode() == 200);
      assertThat(prometheus.restarts()).isEqualTo(1);
      ProcessHandle second = stack.prometheusProcess().orElseThrow();
      assertThat(second.pid()).isNotEqualTo(first.pid());
      assertThat(second.isAlive()).isTrue();
      assertThat(first.isAlive()).isFalse();
      PrometheusApi api = new PrometheusApi(stack.prometheusUrl().orElseThrow());
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> !api.query("up{job=\"ai_live\"} == 1").isEmpty());
    }
  }

  private static double decisions(int port) {
    String text = Http.get("http://127.0.0.1:" + port + "/metrics").body();
    return new MetricsText(text)
        .series(Metric.AI_DECISIONS.metricName()).stream()
            .mapToDouble(MetricsText.Sample::value)
            .sum();
  }

  private static LocalStack.Config exportersOnly(Path workDir, double rate) {
    LocalStack.Config c = LocalStackRealPrometheusTest.config(workDir, rate);
    return new LocalStack.Config(
        c.host(),
        c.aiLivePort(),
        c.shadowMvsPort(),
        c.watchApiPort(),
        c.prometheusPort(),
        c.dashboardPort(),
        workDir,
        c.scrapeInterval(),
        rate,
        c.seed(),
        c.runId(),
        c.component(),
        Optional.empty());
  }

  /** rm of the event file while the demo runs: the emitter writes a new one, ai_live follows. */
  @Test
  void anEventFileDeletedUnderTheEmitterIsCreatedAgainAndFollowed() throws Exception {
    LocalStack.Config config = exportersOnly(dir.resolve("stack"), 50);
    try (LocalStack stack = LocalStack.start(config)) {
      int port = config.aiLivePort();
      await().atMost(Duration.ofSeconds(20)).until(() -> decisions(port) >= 20);
      Files.delete(config.eventsFile());
      double atDeletion = decisions(port);
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> Files.exists(config.eventsFile()));
      // what is written from now on is counted: 50 events/s for a few seconds
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(decisions(port)).isGreaterThan(atDeletion + 100));
      long lines = Files.readAllLines(config.eventsFile()).size();
      assertThat(lines).as("the new file").isGreaterThan(100);
    }
  }

  @Test
  void aSecondDemoOnTheSameWorkDirectoryIsRefusedWithTheHolder() throws Exception {
    Path shared = dir.resolve("shared");
    try (LocalStack first = LocalStack.start(exportersOnly(shared, 1))) {
      assertThatThrownBy(() -> LocalStack.start(exportersOnly(shared, 1)))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "The work directory "
                  + shared.toAbsolutePath()
                  + " is in use by another demo (pid "
                  + ProcessHandle.current().pid()
                  + "): stop that one, or give this one another work directory (--work-dir).");
      assertThat(first.urls()).isNotEmpty();
    }
    try (LocalStack again = LocalStack.start(exportersOnly(shared, 1))) {
      assertThat(again.urls()).isNotEmpty();
    }
  }
}
