package io.peaktrade.watch.exporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.peaktrade.watch.exporter.ailive.AiLiveExporter;
import io.peaktrade.watch.exporter.ailive.DecisionMetrics;
import io.peaktrade.watch.exporter.check.RunbookCheck;
import io.peaktrade.watch.exporter.tail.JsonlTailer;
import io.peaktrade.watch.exporter.testing.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every command in docs/RUNBOOK-execution-watch.md is real: scripts exist, CLI invocations parse
 * with the CLI itself, curl queries are the ones `check` runs against real Prometheus in the tests,
 * and kind/helm/kubectl commands are the kind script's (which CI runs) on files that exist.
 */
class RunbookCommandsTest {

  private static final Path ROOT = Path.of("..");
  private static final String JAR = "java -jar exporter/target/execution-watch-exporter.jar ";

  /** The metric names a running ai-live exporter serves. */
  static List<String> aiLiveMetricNames() throws IOException {
    Path dir = Files.createTempDirectory("runbook-");
    try (var exporter =
        AiLiveExporter.start(
            "127.0.0.1",
            0,
            JsonlTailer.Options.defaults(dir.resolve("events.jsonl")),
            new DecisionMetrics.Defaults("demo", "execution_watch", 20))) {
      String body = Http.get("http://127.0.0.1:" + exporter.port() + "/metrics").body();
      return body.lines()
          .filter(l -> !l.startsWith("#") && !l.isBlank())
          .map(l -> l.split("[{ ]")[0])
          .distinct()
          .toList();
    }
  }

  static List<String> commands() throws IOException {
    List<String> out = new ArrayList<>();
    boolean inBash = false;
    for (String line : Files.readAllLines(ROOT.resolve("docs/RUNBOOK-execution-watch.md"))) {
      if (line.startsWith("```")) {
        inBash = !inBash && line.equals("```bash");
        continue;
      }
      if (inBash && !line.isBlank() && !line.trim().startsWith("#")) {
        out.add(line.trim());
      }
    }
    return out;
  }

  @Test
  void everyRunbookCommandIsReal() throws IOException {
    String kindScript = Files.readString(ROOT.resolve("hack/kind-e2e.sh"));
    List<String> cmds = commands();
    assertThat(cmds).hasSizeGreaterThan(15);
    int checked = 0;
    for (String c : cmds) {
      String cmd = c.replaceFirst("^[A-Z_]+=\\S+ ", "");
      if (cmd.startsWith("export ")) {
        continue;
      }
      if (cmd.startsWith("./scripts/") || cmd.startsWith("hack/")) {
        Path script = ROOT.resolve(cmd.split(" ")[0].replaceFirst("^\\./", ""));
        assertThat(Files.isExecutable(script)).as(c).isTrue();
      } else if (cmd.startsWith(JAR)) {
        String[] args =
            cmd.substring(JAR.length())
                .replace("\"$PEAK_TRADE_AI_EVENTS_JSONL\"", "/tmp/x.jsonl")
                .split(" +");
        ExecutionWatchCli.check(args); // throws on an unknown subcommand, option or value
      } else if (cmd.startsWith("curl -sG ")) {
        Matcher m = Pattern.compile("'query=(.+)'").matcher(cmd);
        assertThat(m.find()).as(c).isTrue();
        assertThat(RunbookCheck.MINIMAL_QUERIES)
            .as("`check` runs this query in the real-Prometheus tests")
            .contains(m.group(1));
      } else if (cmd.startsWith("curl -s http://localhost:9110/metrics")) {
        Matcher grep = Pattern.compile("grep -E '([^']+)'").matcher(cmd);
        assertThat(grep.find()).as(c).isTrue();
        int alternatives = grep.group(1).split("\\|").length;
        assertThat(aiLiveMetricNames())
            .as("ai-live exports every metric the runbook greps for: " + c)
            .filteredOn(n -> n.matches(grep.group(1)))
            .hasSize(alternatives);
      } else if (cmd.startsWith("kind ") || cmd.startsWith("helm ") || cmd.startsWith("kubectl ")) {
        List<String> words =
            Arrays.stream(cmd.split(" +")).filter(w -> !w.startsWith("-")).toList();
        String tool = words.get(0);
        String sub =
            tool.equals("kubectl")
                ? words.stream()
                    .skip(1)
                    .filter(w -> !w.equals("peaktrade"))
                    .findFirst()
                    .orElseThrow()
                : words.get(1);
        assertThat(kindScript)
            .as("the kind script runs `" + tool + " ... " + sub + "` too: " + c)
            .containsPattern(Pattern.quote(tool) + "[^\\n]*\\b" + Pattern.quote(sub) + "\\b");
        for (String w : words) {
          if ((w.startsWith("helm/")
                  || w.startsWith("hack/")
                  || w.startsWith("crds/")
                  || w.startsWith("examples/")
                  || w.endsWith(".yaml"))
              && !w.contains("=")) {
            assertThat(ROOT.resolve(w)).as(c).exists();
          }
        }
      } else {
        throw new AssertionError("a runbook command this test does not know how to check: " + c);
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(15);
  }
}
