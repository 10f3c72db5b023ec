package io.peaktrade.watch.contracts;

/** The Prometheus job labels the runbook, the checks, the dashboard and the alerts query. */
public final class Jobs {

  public static final String AI_LIVE = "ai_live";
  public static final String SHADOW_MVS = "shadow_mvs";
  public static final String WATCH_API = "execution_watch_api";

  /**
   * The operator's own metrics: the chart's ServiceMonitor relabels its job to this, whatever the
   * release is called; the operator's alerts and dashboard query it.
   */
  public static final String OPERATOR = "execution_watch_operator";

  private Jobs() {}
}
