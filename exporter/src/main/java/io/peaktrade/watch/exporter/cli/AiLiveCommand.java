package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.contracts.EnvironmentVariable;
import io.peaktrade.watch.contracts.Ports;
import io.peaktrade.watch.exporter.ailive.AiLiveExporter;
import io.peaktrade.watch.exporter.ailive.DecisionMetrics;
import io.peaktrade.watch.exporter.emit.SampleEvents;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import java.util.List;

final class AiLiveCommand implements Subcommand {

  static final Flag PORT = ListenAddress.port(Ports.AI_LIVE);

  static final Flag RUN_ID =
      Flag.of(
              "--run-id",
              Flag.Type.TEXT,
              SampleEvents.DEFAULT_RUN_ID,
              "run_id label for events without one (default: " + Flag.DEFAULT_VALUE + ").")
          .orEnv(EnvironmentVariable.PEAK_TRADE_AI_RUN_ID.name());

  static final Flag COMPONENT =
      Flag.of(
              "--component",
              Flag.Type.TEXT,
              SampleEvents.DEFAULT_COMPONENT,
              "component label for events without one (default: " + Flag.DEFAULT_VALUE + ").")
          .orEnv(EnvironmentVariable.PEAK_TRADE_AI_COMPONENT.name());

  static final Flag MAX_RUN_IDS =
      Flag.of(
              "--max-run-ids",
              Flag.Type.INT,
              "" + DecisionMetrics.Defaults.MAX_RUN_IDS,
              "Distinct run_id labels kept; later ones are counted as run_id=\"other\" (default: "
                  + Flag.DEFAULT_VALUE
                  + ").")
          .atLeast(1);

  static final Flag MAX_COMPONENTS =
      Flag.of(
              "--max-components",
              Flag.Type.INT,
              "" + DecisionMetrics.Defaults.MAX_COMPONENTS,
              "Distinct component labels kept; later ones are counted as component=\"other\""
                  + " (default: "
                  + Flag.DEFAULT_VALUE
                  + ").")
          .atLeast(1);

  static final Flag MAX_REASONS =
      Flag.of(
              "--max-reasons",
              Flag.Type.INT,
              "" + DecisionMetrics.Defaults.MAX_REASONS,
              "Distinct reason labels kept; later ones are counted as reason=\"other\" (default: "
                  + Flag.DEFAULT_VALUE
                  + ").")
          .atLeast(1);

  static final Flag MAX_LABEL_LENGTH =
      Flag.of(
              "--max-label-length",
              Flag.Type.INT,
              "" + DecisionMetrics.Defaults.MAX_VALUE_LENGTH,
              "Longest run_id, component or reason value kept as a label; a longer one is counted"
                  + " as \"other\" (default: "
                  + Flag.DEFAULT_VALUE
                  + ").")
          .atLeast(5);

  private static final List<Flag> FLAGS =
      TailOptions.with(
          PORT,
          ListenAddress.BIND,
          RUN_ID,
          COMPONENT,
          MAX_RUN_IDS,
          MAX_COMPONENTS,
          MAX_REASONS,
          MAX_LABEL_LENGTH);

  @Override
  public String name() {
    return "ai-live";
  }

  @Override
  public List<String> description() {
    return List.of(
        "ai_live exporter: follows the JSONL event file, serves peaktrade_ai_* counters on"
            + " /metrics.");
  }

  @Override
  public List<Flag> flags() {
    return FLAGS;
  }

  @Override
  public int run(Args a) throws Exception {
    String bind = a.text(ListenAddress.BIND);
    JsonlTailer.Options tail = TailOptions.from(a);
    AiLiveExporter exporter =
        AiLiveExporter.start(
            bind,
            a.integer(PORT),
            tail,
            new DecisionMetrics.Defaults(
                a.text(RUN_ID),
                a.text(COMPONENT),
                a.integer(MAX_RUN_IDS),
                a.integer(MAX_COMPONENTS),
                a.integer(MAX_REASONS),
                a.integer(MAX_LABEL_LENGTH)));
    System.err.printf(
        "ai_live exporter on http://%s:%d/metrics, following %s%n",
        bind, exporter.port(), tail.path().toAbsolutePath());
    return Servers.runUntilStopped(exporter);
  }
}
