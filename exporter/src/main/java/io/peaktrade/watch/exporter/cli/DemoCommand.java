package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.contracts.Ports;
import io.peaktrade.watch.exporter.check.CheckResult;
import io.peaktrade.watch.exporter.check.PrometheusApi;
import io.peaktrade.watch.exporter.check.RunbookCheck;
import io.peaktrade.watch.exporter.demo.LocalStack;
import io.peaktrade.watch.exporter.demo.PrometheusProcess;
import io.peaktrade.watch.exporter.events.SampleEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The runbook's local demo stack: emitter, ai_live (:"
          + Ports.AI_LIVE
          + "), mock shadow_mvs (:"
          + Ports.SHADOW_MVS
          + "),",
      "Execution Watch API (:"
          + Ports.WATCH_API
          + "), a real Prometheus (:"
          + Ports.PROMETHEUS
          + ") and the dashboard preview (:"
          + Ports.DASHBOARD
          + ");",
      "runs the checks, then runs until Ctrl-C."
    })
final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--prometheus-bin",
      defaultValue = "prometheus",
      description = "Prometheus binary, a name on PATH or a path (default: ${DEFAULT-VALUE}).")
  String prometheusBin;

  @Option(
      names = "--work-dir",
      description = "Where the event file and Prometheus data go (default: a new temp dir).")
  Path workDir;

  @Option(
      names = "--check-timeout-seconds",
      defaultValue = "60",
      description =
          "How long to wait for the first scrapes to make all checks pass (default:"
              + " ${DEFAULT-VALUE}).")
  long checkTimeout;

  @Option(
      names = "--free-ports",
      description =
          "Listen on free ports instead of the runbook's ones (e.g. next to a" + " running demo).")
  boolean freePorts;

  @Option(
      names = "--exit-after-check",
      description =
          "Stop after the checks (exit code as the check's) instead of running until Ctrl-C.")
  boolean exitAfterCheck;

  @Option(
      names = "--run-id",
      defaultValue = SampleEvents.DEFAULT_RUN_ID,
      description =
          "run_id the emitter writes and the checks look for (default: ${DEFAULT-VALUE}).")
  String runId;

  @Option(
      names = "--component",
      defaultValue = SampleEvents.DEFAULT_COMPONENT,
      description = "component the emitter writes (default: ${DEFAULT-VALUE}).")
  String component;

  @Override
  public Integer call() throws Exception {
    Optional<Path> prometheus = PrometheusProcess.locate(prometheusBin);
    if (prometheus.isEmpty()) {
      System.err.println(
          "No prometheus binary found ('"
              + prometheusBin
              + "'). "
              + PrometheusProcess.INSTALL_HINT);
      System.err.println(
          "Starting the exporters without Prometheus; the checks need it and are skipped.");
    }
    boolean tempDir = workDir == null;
    Path dir = tempDir ? Files.createTempDirectory("execution-watch-demo-") : workDir;
    LocalStack.Config config =
        LocalStack.Config.runbookDefaults(dir, prometheus).withRun(runId, component);
    LocalStack started = LocalStack.start(freePorts ? config.withFreePorts() : config);
    // Registered before the first check, so Ctrl-C while waiting also stops Prometheus.
    AutoCloseable stack =
        Servers.closeOnShutdown(
            () -> {
              started.close();
              if (tempDir) {
                deleteRecursively(dir);
              }
            });
    int code = 0;
    if (started.prometheusUrl().isPresent()) {
      System.out.println("Waiting for the first scrapes (scrape_interval 5s) ...");
      List<CheckResult> rows =
          RunbookCheck.runUntilPassed(
              new PrometheusApi(started.prometheusUrl().get()), runId, true, checkTimeout);
      RunbookCheck.print(rows, System.out);
      code = RunbookCheck.allPassed(rows) ? 0 : 1;
    }
    System.out.println();
    started.urls().forEach((what, url) -> System.out.printf("%-22s %s%n", what, url));
    if (exitAfterCheck) {
      stack.close();
      return code;
    }
    System.out.println("Demo running (STRICT NO-LIVE). Ctrl-C stops everything.");
    return Servers.blockUntilShutdown();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
