package io.peaktrade.watch.exporter.cli;

import io.peaktrade.watch.contracts.DemoDefaults;
import io.peaktrade.watch.exporter.emit.Emitter;
import io.peaktrade.watch.exporter.emit.EventWriter;
import io.peaktrade.watch.exporter.emit.SampleEvents;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

final class EmitEventsCommand implements Subcommand {

  static final Flag OUT =
      Flag.of(
              "--out",
              Flag.Type.PATH,
              null,
              "JSONL file to append to (default: " + Flag.DEFAULT_VALUE + ").")
          .orEnv(TailOptions.EVENTS_ENV);

  static final Flag FOLLOW =
      Flag.toggle("--follow", "Keep appending a deterministic sequence at --rate until stopped.");

  static final Flag RATE =
      Flag.of(
              "--rate",
              Flag.Type.DECIMAL,
              DemoDefaults.EMITTER_RATE_TEXT,
              "Events per second with --follow (default: " + Flag.DEFAULT_VALUE + ").")
          .above(0, 1_000_000);

  static final Flag SEED =
      Flag.of(
          "--seed",
          Flag.Type.LONG,
          DemoDefaults.SEED_TEXT,
          "Seed of the --follow sequence (default: " + Flag.DEFAULT_VALUE + ").");

  static final Flag COUNT =
      Flag.of(
              "--count",
              Flag.Type.LONG,
              "0",
              "With --follow: stop after this many events (0: never).")
          .atLeast(0);

  static final Flag RUN_ID =
      Flag.of(
          "--run-id",
          Flag.Type.TEXT,
          SampleEvents.DEFAULT_RUN_ID,
          "run_id of the events (default: " + Flag.DEFAULT_VALUE + ").");

  static final Flag COMPONENT =
      Flag.of(
          "--component",
          Flag.Type.TEXT,
          SampleEvents.DEFAULT_COMPONENT,
          "component of the events (default: " + Flag.DEFAULT_VALUE + ").");

  static final Flag MAX_FILE_BYTES =
      Flag.of(
              "--max-file-bytes",
              Flag.Type.LONG,
              "" + EventWriter.DEFAULT_MAX_FILE_BYTES,
              "Rotate the file by rename to <file>.1 before it would pass this size (one old file"
                  + " kept; 0: never). Default "
                  + Flag.DEFAULT_VALUE
                  + ": both stay well under a 64 MiB emptyDir.")
          .atLeast(0);

  @Override
  public String name() {
    return "emit-events";
  }

  @Override
  public List<String> description() {
    return List.of(
        "Appends AI decision events to the JSONL file (STRICT NO-LIVE: writes a file, nothing"
            + " else).",
        "Without --follow: the runbook's sample (accept/none, reject/risk_limit, noop/none).");
  }

  @Override
  public List<Flag> flags() {
    return List.of(OUT, FOLLOW, RATE, SEED, COUNT, RUN_ID, COMPONENT, MAX_FILE_BYTES);
  }

  /** EX_IOERR of sysexits.h: the file could not be written. */
  static final int WRITE_FAILED = 74;

  @Override
  public int run(Args a) throws Exception {
    Path out = a.path(OUT);
    String runId = a.text(RUN_ID);
    String component = a.text(COMPONENT);
    long maxFileBytes = a.whole(MAX_FILE_BYTES);
    if (out == null) {
      throw new UsageException(
          "No output file: pass --out or set "
              + TailOptions.EVENTS_ENV
              + ". The ai_live exporter must follow the same file.");
    }
    if (!a.on(FOLLOW)) {
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
            a.decimal(RATE),
            a.whole(COUNT),
            new SampleEvents.Sequence(a.whole(SEED), runId, component),
            Clock.systemUTC(),
            maxFileBytes);
    Servers.closeOnShutdown(emitter);
    // In the foreground: a write error (a full disk, a read-only file) ends the process with a
    // non-zero status, so that the container restarts and says why, instead of running idle.
    emitter.run();
    return emitter.failure().isPresent() ? WRITE_FAILED : 0;
  }
}
