package io.peaktrade.watch.contracts;

/** The Prometheus job labels the runbook, the checks, the dashboard and the alerts query. */
public final class Jobs {

  public static final String AI_LIVE = "ai_live";
  public static final String SHADOW_MVS = "shadow_mvs";
  public static final String WATCH_API = "execution_watch_api";

  private Jobs() {}
}
