package io.peaktrade.watch.exporter.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import io.peaktrade.watch.exporter.testing.Http;
import io.peaktrade.watch.exporter.testing.MetricsText;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShadowFlowTest {

  @Test
  void sameSeedAndTimeGiveTheSameValues() {
    assertThat(new ShadowFlow(42).at(120)).isEqualTo(new ShadowFlow(42).at(120));
    ShadowFlow f = new ShadowFlow(42);
    f.at(500);
    assertThat(f.at(120))
        .as("order of questions does not matter")
        .isEqualTo(new ShadowFlow(42).at(120));
    assertThat(new ShadowFlow(7).at(120)).isNotEqualTo(new ShadowFlow(42).at(120));
  }

  @Test
  void countersOnlyGrowAndEverySeriesMovesWithinAMinute() {
    ShadowFlow f = new ShadowFlow(42);
    for (long t = 1; t <= 600; t++) {
      ShadowFlow.Totals before = f.at(t - 1);
      ShadowFlow.Totals now = f.at(t);
      assertThat(now.signals()).isGreaterThan(before.signals());
      assertThat(now.approved()).isGreaterThanOrEqualTo(before.approved());
      now.blockedByReason()
          .forEach((r, v) -> assertThat(v).isGreaterThanOrEqualTo(before.blockedByReason().get(r)));
      assertThat(now.approved() + now.blocked()).isEqualTo(now.signals());
    }
    for (long t = 60; t <= 600; t += 60) {
      ShadowFlow.Totals a = f.at(t - 60);
      ShadowFlow.Totals b = f.at(t);
      assertThat(b.approved()).isGreaterThan(a.approved());
      b.blockedByReason()
          .forEach((r, v) -> assertThat(v).as(r).isGreaterThan(a.blockedByReason().get(r)));
      b.eventsByStage()
          .forEach((s, v) -> assertThat(v).as(s).isGreaterThan(a.eventsByStage().get(s)));
    }
  }

  @Test
  void servesTheContractNames() throws Exception {
    try (ShadowMvsExporter e = ShadowMvsExporter.start("127.0.0.1", 0, 42)) {
      MetricsText m = new MetricsText(Http.get("http://127.0.0.1:" + e.port() + "/metrics").body());
      assertThat(m.sum("shadow_mvs_up")).isEqualTo(1);
      assertThat(m.series("peaktrade_signals_total")).hasSize(1);
      assertThat(m.series("peaktrade_orders_approved_total")).hasSize(1);
      assertThat(m.series("peaktrade_orders_blocked_total"))
          .hasSize(ShadowFlow.BLOCK_REASONS.size());
      assertThat(m.series("peaktrade_pipeline_events_total"))
          .extracting(x -> x.labels().get("stage"))
          .containsExactlyInAnyOrder("signal", "risk_check", "approved", "blocked", "shadow_fill");
      assertThat(m.series("peaktrade_pipeline_events_total", Map.of("stage", "shadow_fill")))
          .hasSize(1);
      assertThat(Http.send("POST", "http://127.0.0.1:" + e.port() + "/metrics").statusCode())
          .isEqualTo(405);
    }
  }
}
