package io.peaktrade.watch.exporter.shadow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The mock shadow_mvs trade flow: deterministic cumulative counters as a function of seed and whole
 * seconds elapsed. Every second adds at least one signal, so every counter's rate is non-zero over
 * a minute. Nothing here places or simulates a real order: these are only numbers.
 */
public final class ShadowFlow {

  public static final List<String> BLOCK_REASONS =
      List.of("risk_limit", "max_position", "cooldown", "spread_too_wide");

  /** Cumulative counter values after some whole seconds. */
  public record Totals(
      long signals,
      long approved,
      Map<String, Long> blockedByReason,
      Map<String, Long> eventsByStage) {
    public long blocked() {
      return blockedByReason.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final long seed;

  /** The last computed point: scrapes ask for ever later times, so each second is computed once. */
  private long computedSeconds;

  private long[] computed = new long[2 + BLOCK_REASONS.size()];

  public ShadowFlow(long seed) {
    this.seed = seed;
  }

  /** Counter values after {@code seconds} seconds (same seed and seconds → same values). */
  public synchronized Totals at(long seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("seconds must not be negative: " + seconds);
    }
    if (seconds < computedSeconds) {
      computedSeconds = 0;
      computed = new long[computed.length];
    }
    while (computedSeconds < seconds) {
      computedSeconds++;
      SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + computedSeconds);
      int signals = 2 + r.nextInt(5);
      int blocked = r.nextInt(signals);
      computed[0] += signals;
      computed[1] += signals - blocked;
      for (int i = 0; i < blocked; i++) {
        computed[2 + r.nextInt(BLOCK_REASONS.size())]++;
      }
    }
    return totals(computed);
  }

  private static Totals totals(long[] c) {
    Map<String, Long> blocked = new LinkedHashMap<>();
    long blockedSum = 0;
    for (int i = 0; i < BLOCK_REASONS.size(); i++) {
      blocked.put(BLOCK_REASONS.get(i), c[2 + i]);
      blockedSum += c[2 + i];
    }
    Map<String, Long> stages = new LinkedHashMap<>();
    stages.put("signal", c[0]);
    stages.put("risk_check", c[0]);
    stages.put("approved", c[1]);
    stages.put("blocked", blockedSum);
    stages.put("shadow_fill", c[1]);
    return new Totals(c[0], c[1], blocked, stages);
  }
}
