package io.peaktrade.watch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.peaktrade.watch.operator.model.WorkloadConfig;
import io.peaktrade.watch.operator.runtime.HealthServer;
import io.peaktrade.watch.operator.runtime.OperatorSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorRuntimeTest {

  private static HttpResponse<String> send(String method, String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIsTiedToTheOperatorAndMetricsCountReconciliations() throws Exception {
    try (MockCluster cluster = new MockCluster(false)) {
      cluster.startOperator();
      try (HealthServer health = HealthServer.start(0, cluster.operator(), cluster.registry)) {
        String base = "http://127.0.0.1:" + health.port();
        assertThat(send("GET", base + "/healthz").statusCode()).isEqualTo(200);
        assertThat(send("GET", base + "/readyz").statusCode()).isEqualTo(200);
        assertThat(send("POST", base + "/healthz").statusCode()).isEqualTo(405);
        cluster.client.resource(Demos.demo("ns", "demo")).create();
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    send("GET", base + "/metrics")
                        .body()
                        .contains(
                            "reconciliations_started_total{controller_name=\"executionwatchdemo\",namespace=\"ns\"}"));
        cluster.stopOperator();
        assertThat(send("GET", base + "/readyz").statusCode()).isEqualTo(503);
        assertThat(send("GET", base + "/healthz").statusCode())
            .as("liveness restarts only a stuck process, not one whose informers stopped")
            .isEqualTo(200);
      }
    }
  }

  /**
   * A watched namespace the operator may not read (its Role revoked, or deleted with its Role)
   * degrades that namespace only: the operator starts, reconciles the others, stays alive, and says
   * which namespace it cannot watch on /readyz and in a gauge.
   */
  @Test
  void aNamespaceThatCannotBeWatchedDegradesOnlyThatNamespace() throws Exception {
    try (MockCluster cluster = new MockCluster(false)) {
      cluster.requests.refuse("GET /apis/peaktrade.io/v1alpha1/namespaces/team-b/");
      cluster.client.resource(Demos.demo("team-a", "demo")).create();
      cluster.startOperator(
          new OperatorSettings(Set.of("team-a", "team-b"), false, "ops", 0, MockCluster.WORKLOADS));
      try (HealthServer health = HealthServer.start(0, cluster.operator(), cluster.registry)) {
        String base = "http://127.0.0.1:" + health.port();
        cluster.markDemoAvailable("team-a", "demo");
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.isReady("team-a", "demo"));
        assertThat(send("GET", base + "/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = send("GET", base + "/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("namespace team-b").doesNotContain("team-a");
        assertThat(send("GET", base + "/metrics").body())
            .contains("execution_watch_operator_watch_unhealthy{namespace=\"team-b\"} 1.0")
            .doesNotContain("execution_watch_operator_watch_unhealthy{namespace=\"team-a\"}");
      }
    }
  }

  @Test
  void withLeaderElectionTheOperatorHoldsALeaseAndReconcilesOnlyTheWatchedNamespaces() {
    try (MockCluster cluster = new MockCluster(false)) {
      cluster.startOperator(
          new OperatorSettings(Set.of("team-a"), true, "ops", 0, WorkloadConfig.defaults()));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  cluster
                          .client
                          .leases()
                          .inNamespace("ops")
                          .withName(OperatorSettings.LEASE_NAME)
                          .get()
                      != null);
      cluster.client.resource(Demos.demo("team-a", "watched")).create();
      cluster.client.resource(Demos.demo("team-b", "ignored")).create();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> cluster.deployment("team-a", "watched-exporter") != null);
      // Informers list their namespaces before anything is reconciled: one watching team-b would
      // have asked for it by now.
      assertThat(cluster.requests.all()).noneMatch(r -> r.contains("/namespaces/team-b/"));
      assertThat(cluster.client.apps().deployments().inNamespace("team-b").list().getItems())
          .isEmpty();
    }
  }

  @Test
  void startingWithoutTheCrdSaysHowToInstallIt() {
    try (MockCluster cluster = new MockCluster(false)) {
      assertThat(OperatorMain.preflight(cluster.operatorClient)).isEmpty();
      cluster
          .client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(ExecutionWatchOperator.crdName())
          .delete();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> OperatorMain.preflight(cluster.operatorClient).isPresent());
      assertThat(OperatorMain.preflight(cluster.operatorClient).orElseThrow())
          .contains("executionwatchdemos.peaktrade.io is not installed")
          .contains("kubectl apply -f crds/");
    }
  }

  @Test
  void settingsComeFromTheEnvironment() {
    OperatorSettings all = OperatorSettings.fromEnvironment(Map.of());
    assertThat(all.allNamespaces()).isTrue();
    assertThat(all.leaderElection()).isFalse();
    assertThat(all.httpPort()).isEqualTo(8080);
    OperatorSettings some =
        OperatorSettings.fromEnvironment(
            Map.of(
                "WATCH_NAMESPACES",
                "a, b,,",
                "LEADER_ELECTION",
                "true",
                "POD_NAMESPACE",
                "ops",
                "HTTP_PORT",
                "9000"));
    assertThat(some.namespaces()).isEqualTo(Set.of("a", "b"));
    assertThat(some.leaderElection()).isTrue();
    assertThat(some.leaseNamespace()).isEqualTo("ops");
    assertThat(some.httpPort()).isEqualTo(9000);
  }

  @Test
  void theDemoPodsUidIsTheImagesUserOrNoneForThePlatformToAssign() {
    assertThat(OperatorSettings.fromEnvironment(Map.of()).workloads().podUid())
        .hasValue(WorkloadConfig.DEFAULT_POD_UID);
    assertThat(
            OperatorSettings.fromEnvironment(Map.of("DEMO_POD_UID", "1000650000"))
                .workloads()
                .podUid())
        .hasValue(1000650000L);
    assertThat(OperatorSettings.fromEnvironment(Map.of("DEMO_POD_UID", "")).workloads().podUid())
        .isEmpty();
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("DEMO_POD_UID", "0")))
        .hasMessageContaining("never run as root");
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("DEMO_POD_UID", "nobody")))
        .hasMessageContaining("DEMO_POD_UID must be a UID");
  }
}
