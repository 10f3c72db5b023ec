package io.peaktrade.watch.operator.runtime;

import java.util.List;

/**
 * Every Kubernetes API permission the operator needs: the one list the Helm chart's RBAC is
 * generated from (helm/execution-watch-operator/files/operator-rbac-rules.yaml), and that a test
 * checks against every request the operator makes on the mock API server.
 */
public final class OperatorPermissions {

  /** One RBAC rule; {@code scope} says where the chart grants it. */
  public record Rule(Scope scope, String apiGroup, List<String> resources, List<String> verbs) {}

  /** Watched namespaces, the operator's own namespace (leases), or cluster-wide. */
  public enum Scope {
    WATCHED_NAMESPACES,
    OPERATOR_NAMESPACE,
    CLUSTER
  }

  private static final List<String> READ = List.of("get", "list", "watch");
  private static final List<String> OWN =
      List.of("get", "list", "watch", "create", "update", "patch", "delete");

  public static final List<Rule> RULES =
      List.of(
          // patch: the owner annotations (Ownership), a merge patch carrying the resourceVersion
          new Rule(
              Scope.WATCHED_NAMESPACES,
              "peaktrade.io",
              List.of("executionwatchdemos"),
              List.of("get", "list", "watch", "patch")),
          new Rule(
              Scope.WATCHED_NAMESPACES,
              "peaktrade.io",
              List.of("executionwatchdemos/status"),
              List.of("get", "update", "patch")),
          // the owner references it sets carry blockOwnerDeletion, which the API server's
          // OwnerReferencesPermissionEnforcement admits only with update on the owner's finalizers
          new Rule(
              Scope.WATCHED_NAMESPACES,
              "peaktrade.io",
              List.of("executionwatchdemos/finalizers"),
              List.of("update")),
          new Rule(Scope.WATCHED_NAMESPACES, "apps", List.of("deployments"), OWN),
          new Rule(Scope.WATCHED_NAMESPACES, "", List.of("services", "configmaps"), OWN),
          new Rule(Scope.WATCHED_NAMESPACES, "networking.k8s.io", List.of("networkpolicies"), OWN),
          new Rule(
              Scope.WATCHED_NAMESPACES,
              "monitoring.coreos.com",
              List.of("servicemonitors", "prometheusrules"),
              OWN),
          new Rule(
              Scope.WATCHED_NAMESPACES,
              "grafana.integreatly.org",
              List.of("grafanadashboards", "grafanafolders"),
              OWN),
          new Rule(Scope.WATCHED_NAMESPACES, "", List.of("events"), List.of("create", "patch")),
          new Rule(
              Scope.OPERATOR_NAMESPACE,
              "coordination.k8s.io",
              List.of("leases"),
              List.of("get", "create", "update", "patch")),
          // the start-up check for our CRD, and whether prometheus-operator's and
          // grafana-operator's
          // CRDs exist
          new Rule(
              Scope.CLUSTER,
              "apiextensions.k8s.io",
              List.of("customresourcedefinitions"),
              List.of("get", "list")));

  private OperatorPermissions() {}

  /** Whether some rule allows this request. */
  public static boolean allows(String apiGroup, String resource, String verb) {
    return RULES.stream()
        .anyMatch(
            r ->
                r.apiGroup().equals(apiGroup)
                    && r.resources().contains(resource)
                    && r.verbs().contains(verb));
  }
}
