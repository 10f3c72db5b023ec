package io.peaktrade.watch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.model.WorkloadConfig;
import io.peaktrade.watch.operator.runtime.OperatorPermissions;
import io.peaktrade.watch.operator.runtime.OperatorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The permission list covers every request the operator really makes, and the Helm chart's RBAC
 * file is generated from that list.
 */
class PermissionsTest {

  static final Path CHART_RULES =
      Path.of("../helm/execution-watch-operator/files/operator-rbac-rules.yaml");

  /**
   * (group, resource, verb) of one recorded request such as "PATCH
   * /apis/apps/v1/namespaces/a/deployments/x".
   */
  static String[] permission(String request) {
    String method = request.substring(0, request.indexOf(' '));
    String url = request.substring(request.indexOf(' ') + 1);
    String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
    String[] parts =
        (url.contains("?") ? url.substring(0, url.indexOf('?')) : url).substring(1).split("/");
    int i;
    String group;
    if (parts[0].equals("api")) {
      group = "";
      i = 2;
    } else {
      group = parts[1];
      i = 3;
    }
    if (i < parts.length && parts[i].equals("namespaces") && i + 2 < parts.length) {
      i += 2;
    }
    String resource = parts[i];
    boolean named = i + 1 < parts.length;
    if (i + 2 < parts.length) {
      resource = resource + "/" + parts[i + 2];
    }
    String verb =
        switch (method) {
          case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> "delete";
          default -> method.toLowerCase();
        };
    return new String[] {group, resource, verb};
  }

  @Test
  void everyRequestOfARepresentativeRunIsCovered() {
    Set<String> used = new TreeSet<>();
    try (MockCluster cluster = new MockCluster(true)) {
      cluster.startOperator(
          new OperatorSettings(Set.of(), true, "ops", 0, WorkloadConfig.defaults()));
      cluster.client.resource(Demos.demo("ns", "demo")).create();
      cluster.markDemoAvailable("ns", "demo");
      await().atMost(Duration.ofSeconds(20)).until(() -> cluster.isReady("ns", "demo"));
      cluster
          .client
          .resources(ExecutionWatchDemo.class)
          .inNamespace("ns")
          .withName("demo")
          .edit(
              d -> {
                d.getSpec().noLive = false;
                return d;
              });
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  cluster.deployment("ns", "demo-exporter") == null
                      && !cluster
                          .client
                          .v1()
                          .events()
                          .inNamespace("ns")
                          .list()
                          .getItems()
                          .isEmpty());
      for (String r : cluster.requests.all()) {
        if (r.contains("selfsubjectrulesreviews")) {
          continue; // answered by any authenticated subject, no RBAC rule needed
        }
        String[] p = permission(r);
        used.add(p[0] + " " + p[1] + " " + p[2]);
        assertThat(OperatorPermissions.allows(p[0], p[1], p[2]))
            .as(r + " -> " + String.join(" ", p))
            .isTrue();
      }
    }
    assertThat(used)
        .contains(
            "apps deployments create",
            "apps deployments delete",
            "peaktrade.io executionwatchdemos watch",
            "peaktrade.io executionwatchdemos/status patch",
            " events create",
            "coordination.k8s.io leases create",
            "monitoring.coreos.com servicemonitors create");
  }

  static String chartRules() {
    StringBuilder y =
        new StringBuilder(
            "# Generated from io.peaktrade.watch.operator.runtime.OperatorPermissions: do not"
                + " edit.\n"
                + "# Regenerate: ./mvnw -pl operator test -Dtest=PermissionsTest"
                + " -Dpermissions.write=true\n");
    for (OperatorPermissions.Scope scope : OperatorPermissions.Scope.values()) {
      y.append(scope.name()).append(":\n");
      for (OperatorPermissions.Rule r : OperatorPermissions.RULES) {
        if (r.scope() == scope) {
          y.append("  - apiGroups: [\"").append(r.apiGroup()).append("\"]\n");
          y.append("    resources: [").append(String.join(", ", r.resources())).append("]\n");
          y.append("    verbs: [").append(String.join(", ", r.verbs())).append("]\n");
        }
      }
    }
    return y.toString();
  }

  @Test
  void theChartsRbacFileIsGeneratedFromTheList() throws IOException {
    if (Boolean.getBoolean("permissions.write")) {
      Files.createDirectories(CHART_RULES.getParent());
      Files.writeString(CHART_RULES, chartRules());
    }
    assertThat(Files.readString(CHART_RULES))
        .as(
            "stale %s: ./mvnw -pl operator test -Dtest=PermissionsTest -Dpermissions.write=true",
            CHART_RULES)
        .isEqualTo(chartRules());
  }
}
