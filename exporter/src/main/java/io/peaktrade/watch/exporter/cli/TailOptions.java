package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.exporter.tail.JsonlTailer;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How a process finds and follows the event file; shared by ai-live and watch-api. */
final class TailOptions {

  static final String EVENTS_ENV = "PEAK_TRADE_AI_EVENTS_JSONL";

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--events-file",
      defaultValue = "${env:" + EVENTS_ENV + "}",
      description =
          "JSONL event file to follow (default: $"
              + EVENTS_ENV
              + "). Must be the file the emitter writes.")
  Path eventsFile;

  @Option(
      names = "--from-end",
      description =
          "Start at the end of a file present at start (default: read it from its beginning).")
  boolean fromEnd;

  @Option(
      names = "--max-line-bytes",
      defaultValue = "65536",
      description = "Longer lines are skipped and counted as too_long (default: ${DEFAULT-VALUE}).")
  int maxLineBytes;

  @Option(
      names = "--poll-interval-ms",
      defaultValue = "10",
      description = "How often to look for new data when idle, in ms (default: ${DEFAULT-VALUE}).")
  long pollMillis;

  @Option(
      names = "--rotated-grace-seconds",
      defaultValue = "5",
      description = "How long a rotated-away file is still drained (default: ${DEFAULT-VALUE}).")
  long rotatedGraceSeconds;

  @Option(
      names = "--catch-up-threads",
      defaultValue = "0",
      description = "Threads reading a large existing file at start (default: one per CPU).")
  int catchUpThreads;

  JsonlTailer.Options toOptions() {
    int threads = catchUpThreads > 0 ? catchUpThreads : Runtime.getRuntime().availableProcessors();
    return new JsonlTailer.Options(
        requiredEventsFile(),
        fromEnd,
        maxLineBytes,
        Duration.ofMillis(pollMillis),
        Duration.ofSeconds(rotatedGraceSeconds),
        threads);
  }

  Path requiredEventsFile() {
    if (eventsFile == null || eventsFile.toString().isBlank()) {
      throw new ParameterException(
          spec.commandLine(),
          "No event file: set "
              + EVENTS_ENV
              + " or pass --events-file. It must name the same file the emitter "
              + "writes (runbook troubleshooting 1), e.g. export "
              + EVENTS_ENV
              + "=$PWD/logs/ai/ai_events.jsonl");
    }
    return eventsFile;
  }
}
