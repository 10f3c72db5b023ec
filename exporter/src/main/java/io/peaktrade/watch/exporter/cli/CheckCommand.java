package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.contracts.Ports;
import io.peaktrade.watch.exporter.check.CheckResult;
import io.peaktrade.watch.exporter.check.PrometheusApi;
import io.peaktrade.watch.exporter.check.RunbookCheck;
import io.peaktrade.watch.exporter.emit.SampleEvents;
import java.net.URI;
import java.util.List;

final class CheckCommand implements Subcommand {

  static final Flag PROMETHEUS =
      Flag.of(
          "--prometheus",
          Flag.Type.URL,
          "http://localhost:" + Ports.PROMETHEUS,
          "Prometheus base URL (default: " + Flag.DEFAULT_VALUE + ").");

  static final Flag RUN_ID =
      Flag.of(
          "--run-id",
          Flag.Type.TEXT,
          SampleEvents.DEFAULT_RUN_ID,
          "run_id whose 3 decision series must exist (default: " + Flag.DEFAULT_VALUE + ").");

  static final Flag WATCH_API =
      Flag.negatable(
          "--watch-api",
          true,
          "Also check the Execution Watch API target and metrics (default: on).");

  static final Flag WAIT_SECONDS =
      Flag.of(
              "--wait-seconds",
              Flag.Type.LONG,
              "0",
              "Repeat until all checks pass or this many seconds passed (default: "
                  + Flag.DEFAULT_VALUE
                  + ").")
          .atLeast(0);

  @Override
  public String name() {
    return "check";
  }

  @Override
  public List<String> description() {
    return List.of(
        "Runs the runbook's Prometheus checks and prints a table; exit code 0 only if all pass.");
  }

  @Override
  public List<Flag> flags() {
    return List.of(PROMETHEUS, RUN_ID, WATCH_API, WAIT_SECONDS);
  }

  @Override
  public int run(Args a) throws Exception {
    URI prometheus = a.url(PROMETHEUS);
    List<CheckResult> rows =
        RunbookCheck.runUntilPassed(
            new PrometheusApi(prometheus), a.text(RUN_ID), a.on(WATCH_API), a.whole(WAIT_SECONDS));
    System.out.println("Runbook checks against " + prometheus);
    RunbookCheck.print(rows, System.out);
    return RunbookCheck.allPassed(rows) ? 0 : 1;
  }
}
