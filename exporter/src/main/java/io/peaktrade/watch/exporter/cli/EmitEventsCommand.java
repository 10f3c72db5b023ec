package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.exporter.events.Emitter;
import io.peaktrade.watch.exporter.events.EventWriter;
import io.peaktrade.watch.exporter.events.SampleEvents;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "emit-events",
    mixinStandardHelpOptions = true,
    description = {
      "Appends AI decision events to the JSONL file (STRICT NO-LIVE: writes a file, nothing else).",
      "Without --follow: the runbook's sample (accept/none, reject/risk_limit, noop/none)."
    })
final class EmitEventsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      defaultValue = "${env:" + TailOptions.EVENTS_ENV + "}",
      description = "JSONL file to append to (default: $" + TailOptions.EVENTS_ENV + ").")
  Path out;

  @Option(
      names = "--follow",
      description = "Keep appending a deterministic sequence at --rate until stopped.")
  boolean follow;

  @Option(
      names = "--rate",
      defaultValue = "2",
      description = "Events per second with --follow (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the --follow sequence (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--count",
      defaultValue = "0",
      description = "With --follow: stop after this many events (0: never).")
  long count;

  @Option(
      names = "--run-id",
      defaultValue = SampleEvents.DEFAULT_RUN_ID,
      description = "run_id of the events (default: ${DEFAULT-VALUE}).")
  String runId;

  @Option(
      names = "--component",
      defaultValue = SampleEvents.DEFAULT_COMPONENT,
      description = "component of the events (default: ${DEFAULT-VALUE}).")
  String component;

  @Option(
      names = "--max-file-bytes",
      defaultValue = "" + EventWriter.DEFAULT_MAX_FILE_BYTES,
      description =
          "Rotate the file by rename to <file>.1 before it would pass this size (one old file kept;"
              + " 0: never). Default ${DEFAULT-VALUE}: both stay well under a 64 MiB emptyDir.")
  long maxFileBytes;

  /** EX_IOERR of sysexits.h: the file could not be written. */
  static final int WRITE_FAILED = 74;

  @Override
  public Integer call() throws Exception {
    if (out == null || out.toString().isBlank()) {
      throw new ParameterException(
          spec.commandLine(),
          "No output file: pass --out or set "
              + TailOptions.EVENTS_ENV
              + ". The ai_live exporter must follow the same file.");
    }
    if (!follow) {
      try (EventWriter w = new EventWriter(out, maxFileBytes)) {
        w.append(SampleEvents.runbookSample(runId, component, Clock.systemUTC().instant()));
      }
      System.err.printf(
          "Wrote the runbook sample (3 decisions, run_id=%s) to %s%n", runId, out.toAbsolutePath());
      return 0;
    }
    Emitter emitter =
        new Emitter(
            out,
            rate,
            count,
            new SampleEvents.Sequence(seed, runId, component),
            Clock.systemUTC(),
            maxFileBytes);
    Servers.closeOnShutdown(emitter);
    // In the foreground: a write error (a full disk, a read-only file) ends the process with a
    // non-zero status, so that the container restarts and says why, instead of running idle.
    emitter.run();
    return emitter.failure().isPresent() ? WRITE_FAILED : 0;
  }
}
