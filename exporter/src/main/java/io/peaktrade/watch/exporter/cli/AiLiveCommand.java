package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.contracts.Ports;
import io.peaktrade.watch.exporter.ailive.AiLiveExporter;
import io.peaktrade.watch.exporter.ailive.DecisionMetrics;
import io.peaktrade.watch.exporter.events.SampleEvents;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "ai-live",
    mixinStandardHelpOptions = true,
    description =
        "ai_live exporter: follows the JSONL event file, serves peaktrade_ai_* counters on"
            + " /metrics.")
final class AiLiveCommand implements Callable<Integer> {

  @Mixin TailOptions tail;

  @Option(
      names = "--port",
      defaultValue = "" + Ports.AI_LIVE,
      description = "Listen port (default: ${DEFAULT-VALUE}).")
  int port;

  @Mixin ListenAddress listen;

  @Option(
      names = "--run-id",
      defaultValue = "${env:PEAK_TRADE_AI_RUN_ID:-" + SampleEvents.DEFAULT_RUN_ID + "}",
      description =
          "run_id label for events without one (default: $PEAK_TRADE_AI_RUN_ID or"
              + " ${DEFAULT-VALUE}).")
  String runId;

  @Option(
      names = "--component",
      defaultValue = "${env:PEAK_TRADE_AI_COMPONENT:-" + SampleEvents.DEFAULT_COMPONENT + "}",
      description =
          "component label for events without one (default: $PEAK_TRADE_AI_COMPONENT or"
              + " ${DEFAULT-VALUE}).")
  String component;

  @Option(
      names = "--max-run-ids",
      defaultValue = "" + DecisionMetrics.Defaults.MAX_RUN_IDS,
      description =
          "Distinct run_id labels kept; later ones are counted as run_id=\"other\" (default:"
              + " ${DEFAULT-VALUE}).")
  int maxRunIds;

  @Option(
      names = "--max-components",
      defaultValue = "" + DecisionMetrics.Defaults.MAX_COMPONENTS,
      description =
          "Distinct component labels kept; later ones are counted as component=\"other\""
              + " (default: ${DEFAULT-VALUE}).")
  int maxComponents;

  @Option(
      names = "--max-reasons",
      defaultValue = "" + DecisionMetrics.Defaults.MAX_REASONS,
      description =
          "Distinct reason labels kept; later ones are counted as reason=\"other\" (default:"
              + " ${DEFAULT-VALUE}).")
  int maxReasons;

  @Option(
      names = "--max-label-length",
      defaultValue = "" + DecisionMetrics.Defaults.MAX_VALUE_LENGTH,
      description =
          "Longest run_id, component or reason value kept as a label; a longer one is counted as"
              + " \"other\" (default: ${DEFAULT-VALUE}).")
  int maxLabelLength;

  @Override
  public Integer call() throws Exception {
    AiLiveExporter exporter =
        AiLiveExporter.start(
            listen.bind,
            port,
            tail.toOptions(),
            new DecisionMetrics.Defaults(
                runId, component, maxRunIds, maxComponents, maxReasons, maxLabelLength));
    System.err.printf(
        "ai_live exporter on http://%s:%d/metrics, following %s%n",
        listen.bind, exporter.port(), tail.requiredEventsFile().toAbsolutePath());
    return Servers.runUntilStopped(exporter);
  }
}
