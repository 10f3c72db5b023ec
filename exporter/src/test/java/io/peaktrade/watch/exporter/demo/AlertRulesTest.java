package io.peaktrade.watch.exporter.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.peaktrade.watch.exporter.testing.Prometheus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The alert rules pass promtool's check, and their unit tests (firing and silent cases) pass. */
class AlertRulesTest {

  private static String promtool(Path dir, String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = Prometheus.binary("promtool").toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    return out;
  }

  @Test
  void rulesAreValid() throws Exception {
    assertThat(promtool(Path.of("../alerts"), "check", "rules", "execution-watch.rules.yaml"))
        .contains("SUCCESS: 5 rules found");
  }

  @Test
  void everyAlertFiresWhenItShouldAndStaysSilentWhenHealthy() throws Exception {
    assertThat(
            promtool(
                Path.of("../alerts/tests"), "test", "rules", "execution-watch.rules.test.yaml"))
        .contains("SUCCESS");
  }

  @Test
  void theJarCarriesTheSameRules() throws Exception {
    try (var in = LocalStack.class.getResourceAsStream(LocalStack.ALERT_RULES)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(Path.of("../alerts/execution-watch.rules.yaml")));
    }
  }
}
