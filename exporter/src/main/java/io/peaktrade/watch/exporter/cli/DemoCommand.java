package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.contracts.Ports;
import io.peaktrade.watch.exporter.check.CheckResult;
import io.peaktrade.watch.exporter.check.PrometheusApi;
import io.peaktrade.watch.exporter.check.RunbookCheck;
import io.peaktrade.watch.exporter.demo.LocalStack;
import io.peaktrade.watch.exporter.demo.PrometheusProcess;
import io.peaktrade.watch.exporter.emit.SampleEvents;
import io.peaktrade.watch.exporter.http.PortInUseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

final class DemoCommand implements Subcommand {

  static final Flag PROMETHEUS_BIN =
      Flag.of(
          "--prometheus-bin",
          Flag.Type.TEXT,
          "prometheus",
          "Prometheus binary, a name on PATH or a path (default: " + Flag.DEFAULT_VALUE + ").");

  static final Flag WORK_DIR =
      Flag.of(
          "--work-dir",
          Flag.Type.PATH,
          null,
          "Where the event file and Prometheus data go (default: a new temp dir).");

  static final Flag CHECK_TIMEOUT_SECONDS =
      Flag.of(
              "--check-timeout-seconds",
              Flag.Type.LONG,
              "60",
              "How long to wait for the first scrapes to make all checks pass (default: "
                  + Flag.DEFAULT_VALUE
                  + ").")
          .atLeast(1);

  static final Flag FREE_PORTS =
      Flag.toggle(
          "--free-ports",
          "Listen on free ports instead of the runbook's ones (e.g. next to a running demo).");

  static final Flag EXIT_AFTER_CHECK =
      Flag.toggle(
          "--exit-after-check",
          "Stop after the checks (exit code as the check's) instead of running until Ctrl-C.");

  static final Flag RUN_ID =
      Flag.of(
          "--run-id",
          Flag.Type.TEXT,
          SampleEvents.DEFAULT_RUN_ID,
          "run_id the emitter writes and the checks look for (default: "
              + Flag.DEFAULT_VALUE
              + ").");

  static final Flag COMPONENT =
      Flag.of(
          "--component",
          Flag.Type.TEXT,
          SampleEvents.DEFAULT_COMPONENT,
          "component the emitter writes (default: " + Flag.DEFAULT_VALUE + ").");

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public List<String> description() {
    return List.of(
        "The runbook's local demo stack and its checks; runs until Ctrl-C.",
        "The emitter, ai_live (:"
            + Ports.AI_LIVE
            + "), mock shadow_mvs (:"
            + Ports.SHADOW_MVS
            + "), the Execution Watch API (:"
            + Ports.WATCH_API
            + "),",
        "a real Prometheus (:"
            + Ports.PROMETHEUS
            + ") and the dashboard preview (:"
            + Ports.DASHBOARD
            + ").");
  }

  @Override
  public List<Flag> flags() {
    return List.of(
        PROMETHEUS_BIN,
        WORK_DIR,
        CHECK_TIMEOUT_SECONDS,
        FREE_PORTS,
        EXIT_AFTER_CHECK,
        RUN_ID,
        COMPONENT);
  }

  @Override
  public int run(Args a) throws Exception {
    String prometheusBin = a.text(PROMETHEUS_BIN);
    Path workDir = a.path(WORK_DIR);
    String runId = a.text(RUN_ID);
    String component = a.text(COMPONENT);
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
    LocalStack started = LocalStack.create(a.on(FREE_PORTS) ? config.withFreePorts() : config);
    // Registered before anything starts: Ctrl-C or SIGTERM at any moment, while it starts or
    // waits for the checks, stops what runs and removes the temporary directory.
    AutoCloseable stack =
        Servers.closeOnShutdown(
            () -> {
              started.close();
              if (tempDir) {
                deleteRecursively(dir);
              }
            });
    try {
      started.startAll();
    } catch (PortInUseException e) {
      stack.close();
      throw e.withWayOut("pass " + FREE_PORTS.name() + " to listen on free ports");
    } catch (IOException | RuntimeException e) {
      stack.close();
      throw e;
    }
    int code = 0;
    if (started.prometheusUrl().isPresent()) {
      System.out.println("Waiting for the first scrapes (scrape_interval 5s) ...");
      List<CheckResult> rows =
          RunbookCheck.runUntilPassed(
              new PrometheusApi(started.prometheusUrl().get()),
              runId,
              true,
              a.whole(CHECK_TIMEOUT_SECONDS));
      RunbookCheck.print(rows, System.out);
      code = RunbookCheck.allPassed(rows) ? 0 : 1;
    }
    System.out.println();
    started.urls().forEach((what, url) -> System.out.printf("%-22s %s%n", what, url));
    if (a.on(EXIT_AFTER_CHECK)) {
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
