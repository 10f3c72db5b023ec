package io.peaktrade.watch.exporter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peaktrade.watch.exporter.demo.LocalStack;
import io.peaktrade.watch.exporter.http.PortInUseException;
import io.peaktrade.watch.exporter.testing.Http;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

  @TempDir Path dir;

  /** Runs the CLI, returning exit code and everything it printed (stdout and stderr). */
  private record Run(int code, String output) {}

  private static Run run(String... args) {
    return run(Map.of(), args);
  }

  /** As {@link #run(String...)}, with these environment variables and no others. */
  private static Run run(Map<String, String> env, String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream p = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      // the commands print to System.out themselves
      System.setOut(p);
      int code = ExecutionWatchCli.run(args, p, p, env::get);
      return new Run(code, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
    }
  }

  @Test
  void helpListsEveryCommandAndShowsEachOnesOptionsWithTheirDefaults() {
    assertThat(run("--help").output())
        .contains("demo", "emit-events", "ai-live", "shadow-mvs", "watch-api", "check");
    Run help = run("help", "watch-api");
    assertThat(help.code()).isZero();
    assertThat(help.output())
        .contains("Usage: execution-watch watch-api")
        .containsPattern("--port=<N> +Listen port \\(default: 9111; 0: any free one\\)\\.")
        .contains("--events-file=<PATH>", "--from-end", "-h, --help");
    assertThat(run("check", "--help").output()).contains("--[no-]watch-api");
    assertThat(run("ai-live", "-h").output()).contains("(default: $PEAK_TRADE_AI_RUN_ID or demo)");
    // the variable's value is what it is now, not the default: said as such
    assertThat(run(Map.of("PEAK_TRADE_AI_RUN_ID", "r7"), "ai-live", "-h").output())
        .contains("(default: $PEAK_TRADE_AI_RUN_ID, now r7)")
        .doesNotContain("or r7");
    assertThat(run("emit-events", "-h").output())
        .contains("(default: $PEAK_TRADE_AI_EVENTS_JSONL)")
        .doesNotContain("null");
    assertThat(run("--version").output()).startsWith("execution-watch ");
  }

  @Test
  void aWrongCommandLineIsNamedWithWhatToPassInstead() {
    Run typo = run("ai-liv");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.output()).contains("Unknown command 'ai-liv'. Did you mean ai-live?");
    assertThat(run("ai-live", "--prot", "1").output())
        .contains("Unknown option for ai-live: '--prot'. Did you mean --port?")
        .contains("Try 'execution-watch ai-live --help'");
    Run notANumber = run("shadow-mvs", "--port", "ninety");
    assertThat(notANumber.code()).isEqualTo(2);
    assertThat(notANumber.output())
        .contains("Invalid value for --port: 'ninety' is not a whole number.");
    assertThat(run("shadow-mvs", "--port").output()).contains("--port needs a value: --port=<N>");
    assertThat(run("emit-events", "--follow=yes").output())
        .contains("--follow is a switch and takes no value");
    assertThat(run().code()).as("no command at all").isEqualTo(2);
    assertThatThrownBy(() -> ExecutionWatchCli.check("check", "--no-wait-seconds"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'--no-wait-seconds'");
    ExecutionWatchCli.check("check", "--no-watch-api", "--wait-seconds=5");
  }

  /**
   * A number outside what its option takes is a usage error on one line, exit 2, before anything
   * starts (--rate=-5 ended in a stack trace and exit 1).
   */
  @Test
  void anOutOfRangeValueIsAUsageErrorOnOneLine() {
    Path out = dir.resolve("e.jsonl");
    Run negative = run("emit-events", "--out", out.toString(), "--follow", "--rate=-5");
    assertThat(negative.code()).isEqualTo(2);
    assertThat(negative.output())
        .isEqualTo(
            "Invalid value for --rate: '-5' is out of range, it must be a number above 0 and at"
                + " most 1000000. Try 'execution-watch emit-events --help' for its options.\n");
    assertThat(run("emit-events", "--out", out.toString(), "--follow", "--rate=NaN").output())
        .startsWith("Invalid value for --rate: 'NaN' is not a number.");
    assertThat(run("emit-events", "--out", out.toString(), "--follow", "--rate=Infinity").code())
        .isEqualTo(2);
    assertThat(out).as("nothing started").doesNotExist();
    assertThat(run("shadow-mvs", "--port=70000").output())
        .startsWith(
            "Invalid value for --port: '70000' is out of range, it must be a whole number"
                + " from 0 to 65535.");
    assertThat(run("ai-live", "--events-file", out.toString(), "--max-run-ids", "0").output())
        .startsWith("Invalid value for --max-run-ids: '0' is out of range")
        .contains("at least 1");
    assertThat(run("check", "--wait-seconds=-1").code()).isEqualTo(2);
    assertThatThrownBy(() -> ExecutionWatchCli.check("ai-live", "--poll-interval-ms=0"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("from 1 to 60000");
  }

  /** '--' ends the options; a value is the next word, even one that looks like an option. */
  @Test
  void doubleDashEndsTheOptionsAndAValueIsNeverReadAsOne() {
    Run after = run("ai-live", "--", "--help");
    assertThat(after.code()).isEqualTo(2);
    assertThat(after.output())
        .startsWith(
            "Unexpected argument for ai-live: '--help' (ai-live takes options only, and"
                + " none after '--')");
    Subcommand aiLive = ExecutionWatchCli.find("ai-live").orElseThrow();
    Args a = Args.parse(aiLive, List.of("--run-id", "--help", "--"), n -> null);
    assertThat(a.text(AiLiveCommand.RUN_ID)).isEqualTo("--help");
    // --help as a value runs the command (here: a check against no Prometheus), no help text
    Run check =
        run("check", "--run-id", "--help", "--prometheus", "http://127.0.0.1:" + Http.freePort());
    assertThat(check.code()).isEqualTo(1);
    assertThat(check.output()).contains("Prometheus reachable").doesNotContain("Usage:");
    assertThat(run("check", "--", "-h").output()).doesNotContain("Usage:");
  }

  /** Outside Kubernetes no server shows decision data to the network unless --bind says so. */
  @Test
  void standAloneServersListenOnThisMachineOnly() {
    for (String server : List.of("ai-live", "shadow-mvs", "watch-api")) {
      Subcommand c = ExecutionWatchCli.find(server).orElseThrow();
      Args defaults = Args.parse(c, List.of(), name -> null);
      assertThat(defaults.text(ListenAddress.BIND)).as(server).isEqualTo("127.0.0.1");
      Args given = Args.parse(c, List.of("--bind=0.0.0.0"), name -> null);
      assertThat(given.text(ListenAddress.BIND)).as(server).isEqualTo("0.0.0.0");
    }
  }

  /** Options take their value as the next word or after '='; env defaults yield to both. */
  @Test
  void optionValuesComeFromTheCommandLineThenTheEnvironmentThenTheDefault() {
    Subcommand aiLive = ExecutionWatchCli.find("ai-live").orElseThrow();
    Map<String, String> env = Map.of("PEAK_TRADE_AI_EVENTS_JSONL", "/env/events.jsonl");
    Args fromEnv = Args.parse(aiLive, List.of("--port", "7"), env::get);
    assertThat(fromEnv.path(TailOptions.EVENTS_FILE)).isEqualTo(Path.of("/env/events.jsonl"));
    assertThat(fromEnv.integer(AiLiveCommand.PORT)).isEqualTo(7);
    assertThat(fromEnv.text(AiLiveCommand.RUN_ID)).isEqualTo("demo");
    assertThat(fromEnv.on(TailOptions.FROM_END)).isFalse();
    Args given =
        Args.parse(
            aiLive, List.of("--events-file=/cli/e.jsonl", "--from-end", "--port=8"), env::get);
    assertThat(given.path(TailOptions.EVENTS_FILE)).isEqualTo(Path.of("/cli/e.jsonl"));
    assertThat(given.integer(AiLiveCommand.PORT)).isEqualTo(8);
    assertThat(given.on(TailOptions.FROM_END)).isTrue();
    Subcommand check = ExecutionWatchCli.find("check").orElseThrow();
    assertThat(Args.parse(check, List.of(), n -> null).on(CheckCommand.WATCH_API)).isTrue();
    assertThat(Args.parse(check, List.of("--no-watch-api"), n -> null).on(CheckCommand.WATCH_API))
        .isFalse();
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
