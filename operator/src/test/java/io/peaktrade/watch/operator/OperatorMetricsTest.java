package io.peaktrade.watch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peaktrade.watch.operator.model.OperatorVersion;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The operator's own metrics on the mock cluster: every condition of every demo as a gauge (the
 * NoLiveEnforced query an alert needs), demos by namespace, java-operator-sdk's controller metrics
 * under its MetricsV2 names, build info, JVM and process; promtool finds nothing to lint, and a
 * deleted demo's series go with it.
 */
class OperatorMetricsTest {

  private MockCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private String scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, cluster.registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyConditionOfEveryDemoIsAGaugeAndTheExpositionLintsClean() throws Exception {
    cluster = new MockCluster(true).startOperator();
    cluster.client.resource(Demos.demo("team-a", "one")).create();
    cluster.client.resource(Demos.demo("team-a", "two")).create();
    cluster.client.resource(Demos.demo("team-b", "three")).create();
    for (String[] d : List.of(new String[] {"team-a", "one"}, new String[] {"team-a", "two"})) {
      cluster.markDemoAvailable(d[0], d[1]);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> cluster.isReady("team-a", "two"));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(scrape())
                    .contains(
                        "execution_watch_demo_condition{demo=\"one\",namespace=\"team-a\",status=\"True\",type=\"NoLiveEnforced\"}"
                            + " 1")
                    .contains(
                        "execution_watch_demo_condition{demo=\"one\",namespace=\"team-a\",status=\"False\",type=\"NoLiveEnforced\"}"
                            + " 0")
                    .contains(
                        "execution_watch_demo_condition{demo=\"three\",namespace=\"team-b\",status=\"False\",type=\"Ready\"}"
                            + " 1")
                    .contains("execution_watch_demos{namespace=\"team-a\"} 2")
                    .contains("execution_watch_demos{namespace=\"team-b\"} 1"));
    String text = scrape();
    assertThat(text)
        .contains("reconciliations_started_total{controller_name=\"executionwatchdemo\"")
        .contains("reconciliations_success_total{controller_name=\"executionwatchdemo\"")
        .contains("reconciliations_active{controller_name=\"executionwatchdemo\"}")
        .contains("reconciliations_queue{controller_name=\"executionwatchdemo\"}")
        .contains("custom_resources{controller_name=\"executionwatchdemo\"} 3")
        .contains(
            "reconciliations_execution_duration_seconds_bucket{controller_name=\"executionwatchdemo\"")
        .contains("events_received_total{")
        .contains(
            "execution_watch_operator_build_info{revision=\""
                + OperatorVersion.REVISION
                + "\",version=\""
                + OperatorVersion.VERSION
                + "\"} 1")
        .contains("execution_watch_operator_ready 1")
        .contains("jvm_memory_used_bytes{")
        .contains("process_cpu_seconds_total");
    promtoolFindsNothing(text);

    cluster
        .client
        .resources(io.peaktrade.watch.operator.api.ExecutionWatchDemo.class)
        .inNamespace("team-b")
        .withName("three")
        .delete();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(scrape())
                    .doesNotContain("demo=\"three\"")
                    .doesNotContain("execution_watch_demos{namespace=\"team-b\"}")
                    .contains("custom_resources{controller_name=\"executionwatchdemo\"} 2"));
  }

  /** promtool check metrics: no lint finding (names, units, help, types). */
  static void promtoolFindsNothing(String exposition) throws Exception {
    Path promtool = promtool();
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).as("promtool check metrics").isBlank();
    assertThat(p.exitValue()).as(out).isZero();
  }

  /** Debian's promtool; outside CI a missing one skips, under CI (CI=true) it fails. */
  static Path promtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path p = Path.of(dir, "promtool");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    String msg =
        "promtool is not installed (apt-get install -y prometheus; scripts/test.sh does it)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(msg);
    }
    Assumptions.abort(msg);
    return null;
  }
}
