package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.contracts.EnvironmentVariable;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How a process finds and follows the event file; shared by ai-live and watch-api. */
final class TailOptions {

  static final String EVENTS_ENV = EnvironmentVariable.PEAK_TRADE_AI_EVENTS_JSONL.name();

  static final Flag EVENTS_FILE =
      Flag.of(
              "--events-file",
              Flag.Type.PATH,
              null,
              "JSONL event file to follow (default: "
                  + Flag.DEFAULT_VALUE
                  + "). Must be the file the emitter writes.")
          .orEnv(EVENTS_ENV);

  static final Flag FROM_END =
      Flag.toggle(
          "--from-end",
          "Start at the end of a file present at start (default: read it from its beginning).");

  static final Flag MAX_LINE_BYTES =
      Flag.of(
              "--max-line-bytes",
              Flag.Type.INT,
              "65536",
              "Longer lines are skipped and counted as too_long (default: "
                  + Flag.DEFAULT_VALUE
                  + ").")
          .atLeast(64);

  static final Flag POLL_INTERVAL_MS =
      Flag.of(
              "--poll-interval-ms",
              Flag.Type.LONG,
              "10",
              "How often to look for new data when idle, in ms (default: "
                  + Flag.DEFAULT_VALUE
                  + ").")
          .between(1, 60_000);

  static final Flag ROTATED_GRACE_SECONDS =
      Flag.of(
              "--rotated-grace-seconds",
              Flag.Type.LONG,
              "5",
              "How long a rotated-away file is still drained (default: "
                  + Flag.DEFAULT_VALUE
                  + ").")
          .between(0, 3_600);

  static final Flag CATCH_UP_THREADS =
      Flag.of(
              "--catch-up-threads",
              Flag.Type.INT,
              "0",
              "Threads reading a large existing file at start (default: 0, one per CPU).")
          .between(0, 256);

  static final List<Flag> FLAGS =
      List.of(
          EVENTS_FILE,
          FROM_END,
          MAX_LINE_BYTES,
          POLL_INTERVAL_MS,
          ROTATED_GRACE_SECONDS,
          CATCH_UP_THREADS);

  private TailOptions() {}

  /** A following subcommand's options: these, then {@code more}. */
  static List<Flag> with(Flag... more) {
    List<Flag> all = new ArrayList<>(FLAGS);
    all.addAll(List.of(more));
    return List.copyOf(all);
  }

  static JsonlTailer.Options from(Args a) {
    int threads = a.integer(CATCH_UP_THREADS);
    return new JsonlTailer.Options(
        requiredEventsFile(a),
        a.on(FROM_END),
        a.integer(MAX_LINE_BYTES),
        Duration.ofMillis(a.whole(POLL_INTERVAL_MS)),
        Duration.ofSeconds(a.whole(ROTATED_GRACE_SECONDS)),
        threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
  }

  private static Path requiredEventsFile(Args a) {
    Path file = a.path(EVENTS_FILE);
    if (file == null) {
      throw new UsageException(
          "No event file: set "
              + EVENTS_ENV
              + " or pass --events-file. It must name the same file the emitter "
              + "writes (runbook troubleshooting 1), e.g. export "
              + EVENTS_ENV
              + "=$PWD/logs/ai/ai_events.jsonl");
    }
    return file;
  }
}
