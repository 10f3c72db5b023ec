package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.contracts.Ports;
import io.peaktrade.watch.exporter.check.CheckResult;
import io.peaktrade.watch.exporter.check.PrometheusApi;
import io.peaktrade.watch.exporter.check.RunbookCheck;
import io.peaktrade.watch.exporter.events.SampleEvents;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Runs the runbook's Prometheus checks and prints a table; exit code 0 only if all pass.")
final class CheckCommand implements Callable<Integer> {

  @Option(
      names = "--prometheus",
      defaultValue = "http://localhost:" + Ports.PROMETHEUS,
      description = "Prometheus base URL (default: ${DEFAULT-VALUE}).")
  URI prometheus;

  @Option(
      names = "--run-id",
      defaultValue = SampleEvents.DEFAULT_RUN_ID,
      description = "run_id whose 3 decision series must exist (default: ${DEFAULT-VALUE}).")
  String runId;

  @Option(
      names = "--watch-api",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Also check the Execution Watch API target and metrics (default: on).")
  boolean watchApi;

  @Option(
      names = "--wait-seconds",
      defaultValue = "0",
      description =
          "Repeat until all checks pass or this many seconds passed (default: ${DEFAULT-VALUE}).")
  long waitSeconds;

  @Override
  public Integer call() throws Exception {
    List<CheckResult> rows =
        RunbookCheck.runUntilPassed(new PrometheusApi(prometheus), runId, watchApi, waitSeconds);
    System.out.println("Runbook checks against " + prometheus);
    RunbookCheck.print(rows, System.out);
    return RunbookCheck.allPassed(rows) ? 0 : 1;
  }
}
