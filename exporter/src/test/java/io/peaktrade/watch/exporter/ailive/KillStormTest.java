package io.peaktrade.watch.exporter.ailive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peaktrade.watch.exporter.cli.ExecutionWatchCli;
import io.peaktrade.watch.exporter.emit.EventWriter;
import io.peaktrade.watch.exporter.emit.SampleEvents;
import io.peaktrade.watch.exporter.testing.Http;
import io.peaktrade.watch.exporter.testing.MetricsText;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once under kill -9 (docs/counting.md): the real ai-live process, started and killed again
 * and again at random moments (during its first catch-up of a large file, right after a rotation,
 * while lines are appended), with appends and rotations while it runs and while it is down; the
 * rotated files stay beside the path. After every restart the count is exactly the number of events
 * in the files, and never below what a scrape had served before the kill. Seeded: a failure names
 * its seed ({@code -Dkillstorm.seed=...} replays it).
 */
class KillStormTest {

  private static final long SEED = Long.getLong("killstorm.seed", 20261205L);
  private static final int ROUNDS = Integer.getInteger("killstorm.rounds", 12);

  @TempDir Path dir;
  private final SampleEvents.Sequence sequence =
      new SampleEvents.Sequence(11, "demo", "execution_watch");
  private long written;
  private int generation;

  private Path events() {
    return dir.resolve("ai_events.jsonl");
  }

  private void append(int n) throws IOException {
    try (EventWriter w = new EventWriter(events())) {
      for (int i = 0; i < n; i++) {
        w.append(List.of(sequence.next(Instant.parse("2026-12-01T00:00:00Z"))));
      }
    }
    written += n;
  }

  /** Renamed beside the path, as logrotate and the emitter do; the next append makes a new file. */
  private void rotate() throws IOException {
    if (Files.exists(events())) {
      Files.move(events(), dir.resolve("ai_events.jsonl." + ++generation));
    }
  }

  /** What a scrape shows now, or -1 (not listening yet, or still catching up: 503). */
  private static double served(int port) {
    try {
      HttpResponse<String> r = Http.get("http://127.0.0.1:" + port + "/metrics");
      return r.statusCode() == 200
          ? new MetricsText(r.body()).sum("peaktrade_ai_decisions_total")
          : -1;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  @Test
  void everyEventIsCountedExactlyOnceWhateverMomentTheExporterIsKilledAt() throws Exception {
    Random random = new Random(SEED);
    String replay = "seed " + SEED + " (-Dkillstorm.seed=" + SEED + ")";
    append(150_000); // the first start catches up with a large file: kills may fall into it
    double lastServed = 0;
    for (int round = 1; round <= ROUNDS; round++) {
      int port = Http.freePort();
      Process p = aiLive(port, round);
      AtomicLong maxServed = new AtomicLong();
      try {
        if (random.nextInt(3) == 0) {
          // killed early: during the catch-up, or while the first checkpoints are written
          if (random.nextBoolean()) {
            append(random.nextInt(3_000) + 1);
          }
          Thread.sleep(random.nextInt(600));
          double now = served(port);
          p.destroyForcibly().waitFor();
          lastServed = Math.max(lastServed, now);
          continue;
        }
        long expected = written;
        double first =
            await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptions()
                .until(() -> served(port), v -> v >= 0);
        assertThat(first)
            .as("%s, round %d: the first value served after a restart", replay, round)
            .isGreaterThanOrEqualTo(lastServed);
        double settled =
            await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptions()
                .until(() -> served(port), v -> v >= expected);
        assertThat(settled)
            .as("%s, round %d: events in the files after %d restarts", replay, round, round - 1)
            .isEqualTo(expected);
        maxServed.set((long) settled);
        boolean rotatedUnseen = false;
        for (int action = random.nextInt(4) + 1; action > 0; action--) {
          if (random.nextInt(3) == 0) {
            rotate();
            rotatedUnseen = true;
          } else {
            append(random.nextInt(3_000) + 1);
            rotatedUnseen = false;
          }
          Thread.sleep(random.nextInt(150));
          double now = served(port);
          if (now > maxServed.get()) {
            maxServed.set((long) now);
          }
        }
        Thread.sleep(random.nextInt(200));
        double now = served(port);
        if (now > maxServed.get()) {
          maxServed.set((long) now);
        }
        p.destroyForcibly().waitFor();
        lastServed = Math.max(lastServed, maxServed.get());
        // Down: appends, and at most one rotation the exporter cannot have missed a file of (a new
        // file rotated away twice while nothing read it is outside the promise).
        if (random.nextBoolean()) {
          append(random.nextInt(2_000) + 1);
        }
        if (!rotatedUnseen && random.nextInt(3) == 0) {
          rotate();
          append(random.nextInt(2_000) + 1);
        }
      } finally {
        p.destroyForcibly().waitFor();
      }
    }
  }

  private Process aiLive(int port, int round) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
    cmd.add(ExecutionWatchCli.class.getName());
    cmd.addAll(
        List.of("ai-live", "--port", Integer.toString(port), "--events-file", events().toString()));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("ai-live-" + round + ".log").toFile())
        .start();
  }
}
