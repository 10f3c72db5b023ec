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
 * The operator's settings, from the environment variables of {@link Setting} (the Helm chart sets
 * them). LOG_LEVEL and LOG_FORMAT are read by logback (logback.xml) and checked here, so that a
 * wrong value stops the start with a message instead of silencing the log. DEMO_POD_UID empty sets
 * no UID: the platform assigns one (OpenShift's restricted-v2).
 */
public record OperatorSettings(
    Set<String> namespaces,
    boolean leaderElection,
    String leaseNamespace,
    int httpPort,
    WorkloadConfig workloads,
    Duration resyncInterval,
    String instance) {

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
    this(
        namespaces,
        leaderElection,
        leaseNamespace,
        httpPort,
        workloads,
        RESYNC_INTERVAL,
        leaseNamespace + "/" + LEASE_NAME);
  }

  /** The same settings with another resync interval. */
  public OperatorSettings withResyncInterval(Duration interval) {
    return new OperatorSettings(
        namespaces, leaderElection, leaseNamespace, httpPort, workloads, interval, instance);
  }

  /** The same settings for another operator instance (OPERATOR_INSTANCE). */
  public OperatorSettings withInstance(String name) {
    return new OperatorSettings(
        namespaces, leaderElection, leaseNamespace, httpPort, workloads, resyncInterval, name);
  }

  /** The owner renews its claim on a demo at least this often (Ownership). */
  public Duration ownershipRenewAfter() {
    return resyncInterval.dividedBy(2);
  }

  /**
   * Another instance takes a demo over after its owner's heartbeat stood still this long: three
   * resync intervals, in which a live owner renews it at least twice.
   */
  public Duration ownershipTakeoverAfter() {
    return resyncInterval.multipliedBy(3);
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
    oneOf(env, Setting.LOG_LEVEL, List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE"));
    oneOf(env, Setting.LOG_FORMAT, List.of("text", "json"));
    Set<String> namespaces = list(Setting.WATCH_NAMESPACES.in(env, ""));
    boolean leader = Boolean.parseBoolean(Setting.LEADER_ELECTION.in(env, "false"));
    String leaseNs =
        Setting.LEADER_ELECTION_NAMESPACE.in(env, Setting.POD_NAMESPACE.in(env, "default"));
    int port;
    try {
      port = Integer.parseInt(Setting.HTTP_PORT.in(env, "8080").trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("HTTP_PORT must be a port number: " + e.getMessage());
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("HTTP_PORT must be a port from 0 to 65535, not " + port);
    }
    WorkloadConfig d = WorkloadConfig.defaults();
    WorkloadConfig workloads =
        new WorkloadConfig(
            Setting.EXPORTER_IMAGE.in(env, d.exporterImage()),
            Setting.EXPORTER_IMAGE_PULL_POLICY.in(env, d.imagePullPolicy()),
            env.containsKey(Setting.PROMETHEUS_NAMESPACES.name())
                ? List.copyOf(list(Setting.PROMETHEUS_NAMESPACES.in(env, "")))
                : d.prometheusNamespaces(),
            env.containsKey(Setting.GRAFANA_INSTANCE_LABELS.name())
                ? labels(
                    Setting.GRAFANA_INSTANCE_LABELS.name(),
                    Setting.GRAFANA_INSTANCE_LABELS.in(env, ""))
                : d.grafanaInstanceLabels(),
            env.containsKey(Setting.DEMO_POD_UID.name())
                ? uid(Setting.DEMO_POD_UID.in(env, ""))
                : d.podUid(),
            List.copyOf(list(Setting.DEMO_IMAGE_PULL_SECRETS.in(env, ""))));
    String instance =
        Setting.OPERATOR_INSTANCE
            .in(env, Setting.POD_NAMESPACE.in(env, "default") + "/" + LEASE_NAME)
            .trim();
    if (!instance.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?(/[a-z0-9]([-a-z0-9.]*[a-z0-9])?)?")) {
      throw new IllegalArgumentException(
          "OPERATOR_INSTANCE must be namespace/name of the release (lower-case letters, digits,"
              + " '-', '.'), not '"
              + instance
              + "'");
    }
    return new OperatorSettings(namespaces, leader, leaseNs, port, workloads)
        .withInstance(instance);
  }

  private static void oneOf(Map<String, String> env, Setting setting, List<String> allowed) {
    String name = setting.name();
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
