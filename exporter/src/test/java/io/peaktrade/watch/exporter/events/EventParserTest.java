package io.peaktrade.watch.exporter.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {

  private final EventParser parser = new EventParser();

  @Test
  void readsTheSchemaExample() {
    ParsedLine p =
        parser.parse(
            "{\"schema\":\"peaktrade.ai_event.v1\",\"ts\":\"2026-11-27T17:45:00.123Z\",\"run_id\":\"demo\","
                + "\"component\":\"execution_watch\",\"event\":\"decision\",\"decision\":\"accept\",\"reason\":\"none\","
                + "\"symbol\":\"BTC/EUR\",\"strategy\":\"ma_cross\",\"confidence\":0.71,\"latency_ms\":12.5}");
    assertThat(p.kind()).isEqualTo(LineKind.PARSED);
    assertThat(p.event())
        .isEqualTo(
            new AiEvent(
                "2026-11-27T17:45:00.123Z",
                "demo",
                "execution_watch",
                Decision.ACCEPT,
                "none",
                "BTC/EUR",
                "ma_cross",
                0.71,
                12.5));
  }

  @Test
  void missingIdsAndReasonAreLeftToTheExporterDefaults() {
    ParsedLine p = parser.parse("{\"decision\":\"reject\"}");
    assertThat(p.kind()).isEqualTo(LineKind.PARSED);
    assertThat(p.event().runId()).isNull();
    assertThat(p.event().component()).isNull();
    assertThat(p.event().reason()).isEqualTo("none");
  }

  @Test
  void escapedAndUnicodeStringsAreDecoded() {
    ParsedLine p =
        parser.parse(
            "{\"decision\":\"noop\",\"reason\":\"sp\\u00e4t\",\"symbol\":\"BTC\\/EUR\",\"note\":[1,{\"a\":\"ü\"}]}");
    assertThat(p.kind()).isEqualTo(LineKind.PARSED);
    assertThat(p.event().reason()).isEqualTo("spät");
    assertThat(p.event().symbol()).isEqualTo("BTC/EUR");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "not json at all                                         | NOT_JSON",
        "<html>502 Bad Gateway</html>                            | NOT_JSON",
        "{\"decision\":\"accept\"} trailing                     | NOT_JSON",
        "{\"decision\":\"acc                                    | TRUNCATED",
        "{\"decision\":\"accept\",                              | TRUNCATED",
        "[{\"decision\":\"accept\"}]                            | WRONG_TYPE",
        "\"{\\\"decision\\\":\\\"accept\\\"}\"                  | WRONG_TYPE",
        "42                                                      | WRONG_TYPE",
        "{\"decision\":1}                                       | WRONG_TYPE",
        "{\"decision\":null}                                    | WRONG_TYPE",
        "{\"decision\":true}                                    | WRONG_TYPE",
        "{\"decision\":\"accept\",\"reason\":7}                 | WRONG_TYPE",
        "{\"decision\":\"accept\",\"confidence\":\"high\"}      | WRONG_TYPE",
        "{\"reason\":\"none\"}                                  | MISSING_DECISION",
        "{\"decision\":\"buy\"}                                 | UNKNOWN_DECISION",
        "{\"decision\":\"ACCEPT\"}                              | UNKNOWN_DECISION",
        "{\"schema\":\"peaktrade.ai_event.v2\",\"decision\":\"accept\"} | UNKNOWN_SCHEMA",
        "`   `                                                   | IGNORED",
        "{\"event\":\"heartbeat\"}                              | IGNORED",
      })
  void classifiesEveryKindOfLine(String line, LineKind expected) {
    ParsedLine p = parser.parse(line.strip().isEmpty() ? line : line.strip());
    assertThat(p.kind()).as(line).isEqualTo(expected);
    if (expected.malformed()) {
      assertThat(p.problem()).isNotBlank();
    }
  }

  @Test
  void invalidUtf8IsNotJson() {
    byte[] b = "{\"decision\":\"accept\",\"reason\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    b[b.length - 3] = (byte) 0xC3; // a lead byte followed by an ASCII byte
    assertThat(parser.parse(b, 0, b.length).kind()).isEqualTo(LineKind.NOT_JSON);
  }
}
