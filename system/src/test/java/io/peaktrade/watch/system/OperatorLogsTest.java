package io.peaktrade.watch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peaktrade.watch.operator.Demos;
import io.peaktrade.watch.operator.MockCluster;
import io.peaktrade.watch.operator.OperatorProcess;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator's log as the chart sets it: LOG_FORMAT=json gives one JSON object per line, and a
 * line about a demo names it, in the message and in java-operator-sdk's MDC fields; LOG_LEVEL
 * filters; a wrong value stops the start with a message that names the variable.
 */
class OperatorLogsTest {

  private static final Path JAR = Path.of("../operator/target/execution-watch-operator.jar");
  private static final Path JVM_OPTIONS = Path.of("../operator/jvm.options");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> lines(Path log) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  @Test
  void jsonLinesNameTheDemoTheyAreAbout() throws Exception {
    try (MockCluster cluster = new MockCluster(true);
        OperatorProcess operator =
            OperatorProcess.start(
                cluster,
                JAR,
                JVM_OPTIONS,
                "384m",
                Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "INFO"))) {
      ExecutionWatchDemo refused = Demos.demo("peaktrade", "refused");
      refused.getSpec().noLive = false;
      cluster.client.resource(refused).create();
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(lines(operator.log()))
                      .anySatisfy(
                          l -> {
                            assertThat(l.path("level").asText()).isEqualTo("WARN");
                            assertThat(l.path("formattedMessage").asText())
                                .contains("peaktrade/refused")
                                .contains("LiveTradingRefused");
                            assertThat(l.path("mdc").path("resource.namespace").asText())
                                .isEqualTo("peaktrade");
                            assertThat(l.path("mdc").path("resource.name").asText())
                                .isEqualTo("refused");
                          }));
      List<JsonNode> all = lines(operator.log());
      assertThat(all)
          .as("every line is JSON with a level, a logger and a message")
          .allSatisfy(
              l -> {
                assertThat(l.path("level").asText()).isIn("ERROR", "WARN", "INFO");
                assertThat(l.path("loggerName").asText()).isNotBlank();
                assertThat(l.has("formattedMessage")).isTrue();
              });
      assertThat(all)
          .anySatisfy(
              l ->
                  assertThat(l.path("formattedMessage").asText())
                      .contains("Execution Watch operator started"));
    }
  }

  @Test
  void aWrongLogSettingStopsTheStartWithAMessage() throws Exception {
    try (MockCluster cluster = new MockCluster(true)) {
      assertThatThrownBy(
              () ->
                  OperatorProcess.start(
                      cluster, JAR, JVM_OPTIONS, "384m", Map.of("LOG_FORMAT", "xml")))
          .hasMessageContaining("LOG_FORMAT must be one of [text, json], not 'xml'");
    }
  }

  @Test
  void theLevelFilters() throws Exception {
    try (MockCluster cluster = new MockCluster(true);
        OperatorProcess operator =
            OperatorProcess.start(
                cluster, JAR, JVM_OPTIONS, "384m", Map.of("LOG_LEVEL", "ERROR"))) {
      assertThat(Files.readString(operator.log())).doesNotContain("INFO").doesNotContain("WARN");
    }
  }
}
