package io.peaktrade.watch.operator.runtime;

import io.peaktrade.watch.operator.model.WorkloadConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's settings, from the environment (the Helm chart sets them):
 *
 * <ul>
 *   <li>WATCH_NAMESPACES: comma-separated; empty: all namespaces
 *   <li>LEADER_ELECTION (true/false), LEADER_ELECTION_NAMESPACE (default: the pod's namespace)
 *   <li>HTTP_PORT: health and metrics, default 8080
 *   <li>EXPORTER_IMAGE: the one image every demo pod runs (name:tag, optionally @sha256:digest);
 *       default execution-watch-exporter:&lt;operator version&gt;. A CR cannot choose an image.
 *   <li>EXPORTER_IMAGE_PULL_POLICY: default IfNotPresent
 *   <li>PROMETHEUS_NAMESPACES: comma-separated namespaces allowed to scrape the demos, default
 *       monitoring (kube-prometheus-stack's usual namespace)
 *   <li>GRAFANA_INSTANCE_LABELS: label=value pairs, comma-separated: the Grafana instances
 *       grafana-operator delivers the dashboards to (default dashboards=grafana)
 *   <li>DEMO_POD_UID: the UID (also GID and fsGroup) of every demo pod, default 65532 (the image's
 *       user); empty: none set, the platform assigns one (OpenShift's restricted-v2)
 *   <li>LOG_LEVEL (ERROR, WARN, INFO, DEBUG, TRACE; default INFO) and LOG_FORMAT (text or json,
 *       default text): read by logback (logback.xml), checked here so that a wrong value stops the
 *       start with a message instead of silencing the log
 * </ul>
 */
public record OperatorSettings(
    Set<String> namespaces,
    boolean leaderElection,
    String leaseNamespace,
    int httpPort,
    WorkloadConfig workloads,
    Duration resyncInterval) {

  public static final String LEASE_NAME = "execution-watch-operator";

  /**
   * How often every demo is reconciled even when nothing changed (java-operator-sdk's maximum
   * reconciliation interval): drift nothing reports is put back at the latest then, and a CRD
   * installed later (ServiceMonitor, grafana-operator's) is noticed. Not a setting of the chart;
   * tests shorten it to watch several intervals pass.
   */
  public static final Duration RESYNC_INTERVAL = Duration.ofSeconds(60);

  public OperatorSettings(
      Set<String> namespaces,
      boolean leaderElection,
      String leaseNamespace,
      int httpPort,
      WorkloadConfig workloads) {
    this(namespaces, leaderElection, leaseNamespace, httpPort, workloads, RESYNC_INTERVAL);
  }

  /** The same settings with another resync interval. */
  public OperatorSettings withResyncInterval(Duration interval) {
    return new OperatorSettings(
        namespaces, leaderElection, leaseNamespace, httpPort, workloads, interval);
  }

  /** The settings with every default, watching all namespaces. */
  public static OperatorSettings defaults() {
    return fromEnvironment(Map.of());
  }

  /**
   * Reads the settings; a setting that makes no sense is an {@link IllegalArgumentException} whose
   * message names it.
   */
  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    oneOf(env, "LOG_LEVEL", List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE"));
    oneOf(env, "LOG_FORMAT", List.of("text", "json"));
    Set<String> namespaces = list(env.getOrDefault("WATCH_NAMESPACES", ""));
    boolean leader = Boolean.parseBoolean(env.getOrDefault("LEADER_ELECTION", "false"));
    String leaseNs =
        env.getOrDefault("LEADER_ELECTION_NAMESPACE", env.getOrDefault("POD_NAMESPACE", "default"));
    int port;
    try {
      port = Integer.parseInt(env.getOrDefault("HTTP_PORT", "8080"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("HTTP_PORT must be a port number: " + e.getMessage());
    }
    WorkloadConfig d = WorkloadConfig.defaults();
    WorkloadConfig workloads =
        new WorkloadConfig(
            env.getOrDefault("EXPORTER_IMAGE", d.exporterImage()),
            env.getOrDefault("EXPORTER_IMAGE_PULL_POLICY", d.imagePullPolicy()),
            env.containsKey("PROMETHEUS_NAMESPACES")
                ? List.copyOf(list(env.get("PROMETHEUS_NAMESPACES")))
                : d.prometheusNamespaces(),
            env.containsKey("GRAFANA_INSTANCE_LABELS")
                ? labels("GRAFANA_INSTANCE_LABELS", env.get("GRAFANA_INSTANCE_LABELS"))
                : d.grafanaInstanceLabels(),
            env.containsKey("DEMO_POD_UID") ? uid(env.get("DEMO_POD_UID")) : d.podUid());
    return new OperatorSettings(namespaces, leader, leaseNs, port, workloads);
  }

  private static void oneOf(Map<String, String> env, String name, List<String> allowed) {
    String value = env.get(name);
    if (value != null && !value.isEmpty() && !allowed.contains(value)) {
      throw new IllegalArgumentException(
          name + " must be one of " + allowed + ", not '" + value + "'");
    }
  }

  /** A UID, or empty: the platform assigns one. */
  private static OptionalLong uid(String value) {
    if (value.isBlank()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "DEMO_POD_UID must be a UID (a number) or empty for one the platform assigns, not '"
              + value
              + "'");
    }
  }

  /** {@code name=value,name=value}, in that order. */
  private static Map<String, String> labels(String setting, String commaSeparated) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String pair : list(commaSeparated)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            setting + " must be label=value pairs separated by commas; '" + pair + "' is not one");
      }
      labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return labels;
  }

  private static Set<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  public boolean allNamespaces() {
    return namespaces.isEmpty();
  }
}
