package io.peaktrade.watch.exporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.peaktrade.watch.exporter.events.AiEvent;
import io.peaktrade.watch.exporter.events.Decision;
import org.junit.jupiter.api.Test;

/** The watch API's memory: recent events and reason totals bounded in length as in number. */
class EventLogTest {

  @Test
  void hugeFieldsAreCutAndHugeReasonsAreOther() {
    EventLog log = new EventLog(1_000, 50);
    String huge = "x".repeat(60 * 1024);
    for (int i = 0; i < 2_000; i++) {
      log.add(new AiEvent(huge, huge, huge, Decision.REJECT, i + huge, huge, huge, null, null));
    }
    assertThat(log.recent(1_000, null))
        .hasSize(1_000)
        .allSatisfy(
            e -> {
              assertThat(e.runId()).hasSizeLessThanOrEqualTo(EventLog.MAX_FIELD_CHARS + 1);
              assertThat(e.reason()).hasSizeLessThanOrEqualTo(EventLog.MAX_FIELD_CHARS + 1);
              assertThat(e.symbol()).endsWith("…");
            });
    var summary = log.summary();
    assertThat(summary.total()).isEqualTo(2_000);
    assertThat(summary.byReason()).containsOnlyKeys("other").containsEntry("other", 2_000L);
  }
}
