package io.peaktrade.watch.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operator's alert rules (alerts/execution-watch-operator.rules.yaml) pass promtool's check,
 * their unit tests (each alert firing when it should, silent when healthy or for a blip) pass, and
 * every runbook link points at a section the runbook has.
 */
class OperatorAlertRulesTest {

  private static final Path ALERTS = Path.of("../alerts");
  private static final Path RUNBOOK = Path.of("../docs/RUNBOOK-execution-watch.md");

  private static String promtool(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(OperatorMetricsTest.promtool().toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    return out;
  }

  @Test
  void rulesAreValid() throws Exception {
    assertThat(promtool(ALERTS, "check", "rules", "execution-watch-operator.rules.yaml"))
        .contains("SUCCESS: 7 rules found");
  }

  @Test
  void everyAlertFiresWhenItShouldAndStaysSilentWhenItShouldNot() throws Exception {
    assertThat(
            promtool(
                ALERTS.resolve("tests"),
                "test",
                "rules",
                "execution-watch-operator.rules.test.yaml"))
        .contains("SUCCESS");
  }

  /** GitHub's anchors: the heading in lower case, spaces as dashes, punctuation dropped. */
  @Test
  void everyRunbookLinkHasItsSection() throws Exception {
    String rules = Files.readString(ALERTS.resolve("execution-watch-operator.rules.yaml"));
    List<String> anchors = new ArrayList<>();
    for (String line : Files.readAllLines(RUNBOOK)) {
      if (line.startsWith("#")) {
        anchors.add(
            line.replaceFirst("^#+\\s*", "")
                .toLowerCase()
                .replaceAll("[^a-z0-9 _-]", "")
                .replace(' ', '-'));
      }
    }
    Matcher m =
        Pattern.compile("runbook_url: \"docs/RUNBOOK-execution-watch\\.md#([^\"]+)\"")
            .matcher(rules);
    int links = 0;
    while (m.find()) {
      links++;
      assertThat(anchors).as("a section for #" + m.group(1)).contains(m.group(1));
    }
    assertThat(links).isEqualTo(7);
  }
}
