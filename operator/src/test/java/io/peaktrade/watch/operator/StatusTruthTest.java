package io.peaktrade.watch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.grafana.GrafanaDashboard;
import io.peaktrade.watch.operator.grafana.GrafanaFolder;
import io.peaktrade.watch.operator.model.DemoObjects;
import io.peaktrade.watch.operator.model.GrafanaFolders;
import io.peaktrade.watch.operator.model.Monitors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The status says only what was observed. Each write the operator makes is refused in turn (403, as
 * RBAC or an admission webhook answers), and every claim of every condition is checked against what
 * the API server holds then: "scaled to zero" only when no demo Deployment has a replica,
 * "provisioned" only when the object is there, and so on. Before, a refused scale-down was reported
 * as "Workloads scaled to zero" and a shared folder someone else held as provisioned.
 */
class StatusTruthTest {

  private static final String NS = "truth";
  private static final String NAME = "demo";

  private MockCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A write refused from the start, or after the demo settled with a change that needs it. */
  record Refusal(String name, List<String> refused, Consumer<MockCluster> afterSettling) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Refusal> refusals() {
    String apps = "/apis/apps/v1/namespaces/" + NS + "/deployments";
    String np = "/apis/networking.k8s.io/v1/namespaces/" + NS + "/networkpolicies";
    String mon = "/apis/monitoring.coreos.com/v1/namespaces/" + NS;
    String graf = "/apis/grafana.integreatly.org/v1beta1/namespaces/" + NS;
    return Stream.of(
        new Refusal("NetworkPolicy create", List.of("POST " + np), null),
        new Refusal("Deployment create", List.of("POST " + apps), null),
        new Refusal("Service create", List.of("POST /api/v1/namespaces/" + NS + "/services"), null),
        new Refusal(
            "ConfigMap create", List.of("POST /api/v1/namespaces/" + NS + "/configmaps"), null),
        new Refusal("ServiceMonitor create", List.of("POST " + mon + "/servicemonitors"), null),
        new Refusal("PrometheusRule create", List.of("POST " + mon + "/prometheusrules"), null),
        new Refusal(
            "GrafanaDashboard create", List.of("POST " + graf + "/grafanadashboards"), null),
        new Refusal("GrafanaFolder create", List.of("POST " + graf + "/grafanafolders"), null),
        new Refusal(
            "NetworkPolicy repair and scale-down",
            List.of("PUT " + np, "PUT " + apps),
            StatusTruthTest::openThePolicy),
        new Refusal("NetworkPolicy repair", List.of("PUT " + np), StatusTruthTest::openThePolicy),
        new Refusal(
            "ConfigMap repair",
            List.of("POST /api/v1/namespaces/" + NS + "/configmaps"),
            c -> c.client.configMaps().inNamespace(NS).withName(NAME + "-dashboard").delete()));
  }

  /** Someone adds an egress rule to the no-live policy: it must be put back, and cannot be. */
  private static void openThePolicy(MockCluster c) {
    NetworkPolicy p = c.networkPolicy(NS, NAME + "-no-live");
    p.getSpec().setEgress(List.of(new NetworkPolicyEgressRule()));
    c.client.resource(p).update();
  }

  @ParameterizedTest(name = "{0} refused")
  @MethodSource("refusals")
  void everyClaimOfTheStatusHoldsInTheClusterWhateverWriteIsRefused(Refusal refusal) {
    cluster = new MockCluster(true);
    cluster.installGrafanaOperatorCrds();
    if (refusal.afterSettling() == null) {
      refusal.refused().forEach(cluster.requests::refuse);
    }
    cluster.startOperator();
    cluster.client.resource(Demos.demo(NS, NAME)).create();
    await().atMost(Duration.ofSeconds(20)).until(() -> status() != null);
    for (String d : List.of("-exporter", "-shadow-mvs")) {
      if (cluster.deployment(NS, NAME + d) != null) {
        cluster.markAvailable(NS, NAME + d);
      }
    }
    if (refusal.afterSettling() != null) {
      await().atMost(Duration.ofSeconds(20)).until(() -> cluster.isReady(NS, NAME));
      cluster.awaitQuiet();
      refusal.refused().forEach(cluster.requests::refuse);
      refusal.afterSettling().accept(cluster);
    }
    // the reconciles that follow the refusal have run and written what they observed
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(() -> assertThat(cluster.requests.refusedSoFar()).isNotEmpty());
    cluster.awaitQuiet();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(this::everyClaimHolds);
    assertThat(condition("Ready").getStatus()).as("something was refused").isEqualTo("False");
  }

  private ExecutionWatchDemo demo() {
    return cluster.client.resources(ExecutionWatchDemo.class).inNamespace(NS).withName(NAME).get();
  }

  private io.peaktrade.watch.operator.api.ExecutionWatchDemoStatus status() {
    ExecutionWatchDemo d = demo();
    return d == null ? null : d.getStatus();
  }

  private Condition condition(String type) {
    return status().conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  private <R extends io.fabric8.kubernetes.api.model.HasMetadata> R get(
      Class<R> type, String name) {
    return cluster.client.resources(type).inNamespace(NS).withName(name).get();
  }

  private List<Deployment> running() {
    return Stream.of("-exporter", "-shadow-mvs")
        .map(s -> cluster.deployment(NS, NAME + s))
        .filter(Objects::nonNull)
        .filter(d -> d.getSpec().getReplicas() != null && d.getSpec().getReplicas() > 0)
        .toList();
  }

  /** Every condition's status and message, held against what the API server has now. */
  private void everyClaimHolds() {
    Condition ready = condition("Ready");
    Condition noLive = condition("NoLiveEnforced");
    Condition monitoring = condition("MonitoringReady");
    Condition dashboard = condition("DashboardProvisioned");
    String all = ready.getMessage() + " " + noLive.getMessage();
    if (all.contains("scaled to zero") && !all.contains("NOT scaled to zero")) {
      assertThat(running()).as("said: scaled to zero").isEmpty();
    }
    if (all.contains("NOT scaled to zero")) {
      assertThat(running()).as("said: NOT scaled to zero").isNotEmpty();
    }
    if ("True".equals(ready.getStatus())) {
      assertThat(running()).hasSize(2);
    }
    if ("True".equals(noLive.getStatus())) {
      NetworkPolicy p = get(NetworkPolicy.class, NAME + "-no-live");
      assertThat(p).as("said: no-live enforced").isNotNull();
      assertThat(p.getSpec().getEgress()).as("denies all egress").isEmpty();
    }
    if ("True".equals(monitoring.getStatus())) {
      for (String m : Monitors.names(Demos.demo(NS, NAME))) {
        if (m.endsWith("watch-api")) {
          continue; // not wanted for this spec
        }
        assertThat(get(ServiceMonitor.class, m)).as("said: ServiceMonitors created").isNotNull();
      }
      if (monitoring.getMessage().contains("Alert rules created")) {
        assertThat(get(PrometheusRule.class, NAME + "-alerts")).isNotNull();
      }
    }
    if ("True".equals(dashboard.getStatus())) {
      assertThat(get(ConfigMap.class, NAME + "-dashboard"))
          .as("said: ConfigMap created")
          .isNotNull();
      if (dashboard.getMessage().contains("GrafanaDashboard")) {
        assertThat(get(GrafanaDashboard.class, NAME + "-dashboard")).isNotNull();
        for (String f : GrafanaFolders.NAMES) {
          GrafanaFolder folder = get(GrafanaFolder.class, f);
          assertThat(folder).as("said: in the folder " + f).isNotNull();
          assertThat(folder.getMetadata().getLabels())
              .containsEntry("app.kubernetes.io/managed-by", DemoObjects.MANAGED_BY);
          assertThat(folder.getSpec().instanceSelector.getMatchLabels())
              .isEqualTo(Map.of("dashboards", "grafana"));
        }
      }
    }
  }
}
