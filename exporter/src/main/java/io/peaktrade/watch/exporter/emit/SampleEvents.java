package io.peaktrade.watch.exporter.emit;

import io.peaktrade.watch.contracts.DemoDefaults;
import io.peaktrade.watch.exporter.events.AiEvent;
import io.peaktrade.watch.exporter.events.Decision;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

/** Demo decision events: the runbook's fixed sample, and a deterministic endless sequence. */
public final class SampleEvents {

  public static final String DEFAULT_RUN_ID = DemoDefaults.RUN_ID;
  public static final String DEFAULT_COMPONENT = DemoDefaults.COMPONENT;

  public static final List<String> REJECT_REASONS =
      List.of("risk_limit", "spread_too_wide", "stale_signal", "cooldown", "max_position");
  private static final List<String> SYMBOLS =
      List.of("BTC/EUR", "ETH/EUR", "SOL/EUR", "XRP/EUR", "ADA/EUR");
  private static final List<String> STRATEGIES =
      List.of("ma_cross", "rsi_revert", "breakout", "momentum");

  private SampleEvents() {}

  /**
   * The runbook's sample: one accept/none, one reject/risk_limit, one noop/none, which gives
   * exactly the three {@code peaktrade_ai_decisions_total} series the runbook's check expects.
   */
  public static List<AiEvent> runbookSample(String runId, String component, Instant now) {
    String ts = timestamp(now);
    return List.of(
        new AiEvent(
            ts, runId, component, Decision.ACCEPT, "none", "BTC/EUR", "ma_cross", 0.71, 12.5),
        new AiEvent(
            ts,
            runId,
            component,
            Decision.REJECT,
            "risk_limit",
            "ETH/EUR",
            "rsi_revert",
            0.42,
            9.8),
        new AiEvent(ts, runId, component, Decision.NOOP, "none", "SOL/EUR", "breakout", 0.12, 4.1));
  }

  /** ISO-8601 UTC with milliseconds, as the schema's examples write it. */
  public static String timestamp(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * An endless deterministic sequence (same seed, same events but for their timestamps): 60%
   * accept, 25% reject over five reasons, 15% noop, like the benchmark generator.
   */
  public static final class Sequence {
    private final SplittableRandom random;
    private final String runId;
    private final String component;

    public Sequence(long seed, String runId, String component) {
      this.random = new SplittableRandom(seed);
      this.runId = runId;
      this.component = component;
    }

    public AiEvent next(Instant now) {
      double r = random.nextDouble();
      Decision decision;
      String reason = "none";
      if (r < 0.60) {
        decision = Decision.ACCEPT;
      } else if (r < 0.85) {
        decision = Decision.REJECT;
        reason = pick(REJECT_REASONS);
      } else {
        decision = Decision.NOOP;
      }
      double confidence = Math.round(random.nextDouble() * 100) / 100.0;
      double latency = Math.round((0.5 + random.nextDouble() * 79.5) * 10) / 10.0;
      return new AiEvent(
          timestamp(now),
          runId,
          component,
          decision,
          reason,
          pick(SYMBOLS),
          pick(STRATEGIES),
          confidence,
          latency);
    }

    private String pick(List<String> values) {
      return values.get(random.nextInt(values.size()));
    }
  }
}
