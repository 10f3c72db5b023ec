package io.peaktrade.watch.contracts;

/**
 * The three processes Prometheus scrapes: port, job, and the name of their Kubernetes Service and
 * container port (an IANA service name, so no '_').
 */
public enum ScrapeTarget {
  AI_LIVE(Ports.AI_LIVE, Jobs.AI_LIVE, "ai-live"),
  WATCH_API(Ports.WATCH_API, Jobs.WATCH_API, "watch-api"),
  SHADOW_MVS(Ports.SHADOW_MVS, Jobs.SHADOW_MVS, "shadow-mvs");

  private final int port;
  private final String job;
  private final String portName;

  ScrapeTarget(int port, String job, String portName) {
    this.port = port;
    this.job = job;
    this.portName = portName;
  }

  public int port() {
    return port;
  }

  public String job() {
    return job;
  }

  public String portName() {
    return portName;
  }
}
