package io.peaktrade.watch.exporter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peaktrade.watch.exporter.demo.LocalStack;
import io.peaktrade.watch.exporter.http.PortInUseException;
import io.peaktrade.watch.exporter.testing.Http;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

  @TempDir Path dir;

  /**
   * Runs the CLI, returning exit code and everything it printed (stdout, stderr, picocli's err).
   */
  private record Run(int code, String output) {}

  private static Run run(String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    try (PrintStream p = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(p);
      CommandLine cli = ExecutionWatchCli.commandLine(args); // as main() builds it
      cli.setErr(new PrintWriter(err, true));
      int code = cli.execute(args);
      return new Run(code, captured.toString(StandardCharsets.UTF_8) + err);
    } finally {
      System.setOut(out);
    }
  }

  @Test
  void aSubcommandIsBuiltAloneButHelpListsThemAll() {
    assertThat(
            ExecutionWatchCli.commandLine(new String[] {"ai-live", "--port", "0"}).getSubcommands())
        .containsOnlyKeys("ai-live");
    assertThat(run("--help").output())
        .contains("demo", "emit-events", "ai-live", "shadow-mvs", "watch-api", "check");
    Run help = run("help", "watch-api");
    assertThat(help.code()).isZero();
    assertThat(help.output()).contains("Usage: execution-watch watch-api");
    assertThat(run("ai-liv").output()).contains("Unmatched argument").contains("ai-live");
  }

  /** Outside Kubernetes no server shows decision data to the network unless --bind says so. */
  @Test
  void standAloneServersListenOnThisMachineOnly() {
    for (String server : List.of("ai-live", "shadow-mvs", "watch-api")) {
      var spec =
          ExecutionWatchCli.commandLine(new String[] {server})
              .getSubcommands()
              .get(server)
              .getCommandSpec();
      assertThat(spec.findOption("--bind").defaultValue()).as(server).isEqualTo("127.0.0.1");
    }
  }

  /** A full disk (/dev/full answers every write with ENOSPC) ends the emitter with status 74. */
  @Test
  void theEmitterExitsNonZeroWhenItCannotWrite() {
    Run r = run("emit-events", "--out", "/dev/full", "--follow", "--rate", "100", "--count", "5");
    assertThat(r.code()).isEqualTo(EmitEventsCommand.WRITE_FAILED);
  }

  @Test
  void aiLiveWithoutAnEventFileSaysWhatToSet() {
    Run r = run("ai-live", "--events-file=", "--port", "0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.output()).contains("PEAK_TRADE_AI_EVENTS_JSONL").contains("same file the emitter");
  }

  @Test
  void emitEventsWritesTheRunbookSample() throws Exception {
    Path out = dir.resolve("logs/ai/ai_events.jsonl");
    assertThat(run("emit-events", "--out", out.toString()).code()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(3);
    assertThat(String.join("\n", lines))
        .contains("\"decision\":\"accept\",\"reason\":\"none\"")
        .contains("\"decision\":\"reject\",\"reason\":\"risk_limit\"")
        .contains("\"decision\":\"noop\",\"reason\":\"none\"");
  }

  @Test
  void emitEventsFollowIsDeterministicButForTimestamps() throws Exception {
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    for (Path p : List.of(a, b)) {
      assertThat(
              run(
                      "emit-events",
                      "--out",
                      p.toString(),
                      "--follow",
                      "--count",
                      "25",
                      "--rate",
                      "1000",
                      "--seed",
                      "3")
                  .code())
          .isZero();
    }
    List<String> la =
        Files.readAllLines(a).stream().map(l -> l.replaceAll("\"ts\":\"[^\"]+\"", "")).toList();
    List<String> lb =
        Files.readAllLines(b).stream().map(l -> l.replaceAll("\"ts\":\"[^\"]+\"", "")).toList();
    assertThat(la).hasSize(25).isEqualTo(lb);
  }

  @Test
  void checkAgainstNoPrometheusFailsWithAHint() {
    Run r = run("check", "--prometheus", "http://127.0.0.1:" + Http.freePort());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.output()).contains("Prometheus reachable").contains("FAIL").contains("hint:");
  }

  @Test
  void theDemoOnFreePortsLeavesTheRunbookPortsAlone() {
    Run r =
        run(
            "demo",
            "--free-ports",
            "--exit-after-check",
            "--prometheus-bin",
            dir.resolve("none").toString(),
            "--work-dir",
            dir.resolve("demo").toString());
    assertThat(r.code()).as(r.output()).isZero();
    assertThat(r.output())
        .containsPattern("ai_live /metrics +http://127\\.0\\.0\\.1:\\d+/metrics")
        .doesNotContain(":9110/", ":9109/", ":9111/");
  }

  @Test
  void aTakenDemoPortIsNamedBeforeAnythingStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      LocalStack.Config c =
          new LocalStack.Config(
              "127.0.0.1",
              taken.getLocalPort(),
              Http.freePort(),
              Http.freePort(),
              Http.freePort(),
              Http.freePort(),
              dir,
              Duration.ofSeconds(5),
              1,
              1,
              "demo",
              "execution_watch",
              Optional.empty());
      assertThatThrownBy(() -> LocalStack.start(c))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining(
              "Port " + taken.getLocalPort() + " for the ai_live exporter is already in use");
      assertThat(dir.resolve("ai_events.jsonl")).doesNotExist();
    }
  }
}
