package io.peaktrade.watch.contracts;

/**
 * Port Contract v1: the runbook's ports. Constants, so that command-line defaults and annotations
 * can name them; {@link ScrapeTarget} ties the three exporters' ports to their jobs.
 */
public final class Ports {

  /** The mock shadow_mvs exporter. */
  public static final int SHADOW_MVS = 9109;

  /** The ai_live exporter. */
  public static final int AI_LIVE = 9110;

  /** The read-only Execution Watch API. */
  public static final int WATCH_API = 9111;

  /** Prometheus as the runbook reaches it (the local demo's, or kind's host port). */
  public static final int PROMETHEUS = 9092;

  /** Grafana as the runbook reaches it (kind's host port), and the local dashboard preview. */
  public static final int DASHBOARD = 3000;

  private Ports() {}
}
