package io.peaktrade.watch.operator.runtime;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's settings, from the environment (the Helm chart sets them): WATCH_NAMESPACES
 * (comma-separated; empty: all namespaces), LEADER_ELECTION (true/false), LEADER_ELECTION_NAMESPACE
 * (default: the pod's namespace), HTTP_PORT (health and metrics, default 8080).
 */
public record OperatorSettings(
    Set<String> namespaces, boolean leaderElection, String leaseNamespace, int httpPort) {

  public static final String LEASE_NAME = "execution-watch-operator";

  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    Set<String> namespaces =
        Arrays.stream(env.getOrDefault("WATCH_NAMESPACES", "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    boolean leader = Boolean.parseBoolean(env.getOrDefault("LEADER_ELECTION", "false"));
    String leaseNs =
        env.getOrDefault("LEADER_ELECTION_NAMESPACE", env.getOrDefault("POD_NAMESPACE", "default"));
    int port = Integer.parseInt(env.getOrDefault("HTTP_PORT", "8080"));
    return new OperatorSettings(namespaces, leader, leaseNs, port);
  }

  public boolean allNamespaces() {
    return namespaces.isEmpty();
  }
}
