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
      for (String r : RbacRequests.needingPermission(cluster.requests.all())) {
        used.add(RbacRequests.permission(r).toString());
      }
      assertThat(RbacRequests.notAllowed(cluster.requests.all()))
          .as("requests the chart's RBAC would refuse")
          .isEmpty();
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
