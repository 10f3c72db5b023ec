package io.peaktrade.watch.operator.model;

/** Port Contract v1, with the Service port names the ServiceMonitors select. */
public enum Ports {
  AI_LIVE("ai-live", 9110, "ai_live"),
  WATCH_API("watch-api", 9111, "execution_watch_api"),
  SHADOW_MVS("shadow-mvs", 9109, "shadow_mvs");

  private final String portName;
  private final int number;
  private final String job;

  Ports(String portName, int number, String job) {
    this.portName = portName;
    this.number = number;
    this.job = job;
  }

  /** The Service and container port name (an IANA service name: no '_'). */
  public String portName() {
    return portName;
  }

  public int number() {
    return number;
  }

  /** The Prometheus job label the runbook and dashboard query. */
  public String job() {
    return job;
  }
}
