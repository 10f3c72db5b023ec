package io.peaktrade.watch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec;
import io.peaktrade.watch.operator.model.Dashboard;
import io.peaktrade.watch.operator.reconciler.StatusBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tier 2: the operator, as shipped, against the fabric8 mock API server in CRUD mode. */
class OperatorOnMockApiServerTest {

  private static final String NS = "peaktrade";
  private MockCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private ExecutionWatchDemo create(ExecutionWatchDemo demo) {
    return cluster.client.resource(demo).create();
  }

  private ExecutionWatchDemo get(String ns, String name) {
    return cluster.client.resources(ExecutionWatchDemo.class).inNamespace(ns).withName(name).get();
  }

  /** Changes the spec with a patch, as kubectl edit does (the operator writes status meanwhile). */
  private void editSpec(String name, Consumer<ExecutionWatchDemoSpec> change) {
    for (int attempt = 0; ; attempt++) {
      try {
        cluster
            .client
            .resources(ExecutionWatchDemo.class)
            .inNamespace(NS)
            .withName(name)
            .edit(
                d -> {
                  change.accept(d.getSpec());
                  return d;
                });
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 20) {
          throw e;
        }
      }
    }
  }

  private Condition condition(ExecutionWatchDemo d, String type) {
    return d.getStatus().conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  private ExecutionWatchDemo awaitStatus(String ns, String name, Predicate<ExecutionWatchDemo> p) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> get(ns, name), d -> d != null && d.getStatus() != null && p.test(d));
  }

  private static boolean is(ExecutionWatchDemo d, String type, String status) {
    return d.getStatus().conditions.stream()
        .anyMatch(c -> c.getType().equals(type) && c.getStatus().equals(status));
  }

  private <T extends HasMetadata> T awaitObject(Class<T> type, String ns, String name) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> cluster.client.resources(type).inNamespace(ns).withName(name).get(),
            o -> o != null);
  }

  @Test
  void theDemoReconcilesIntoEveryObjectWithAllConditionsTrue() {
    cluster = new MockCluster(true).startOperator();
    ExecutionWatchDemo example = Serialization.unmarshal(readExample(), ExecutionWatchDemo.class);
    example.getMetadata().setNamespace(NS);
    ExecutionWatchDemo demo = create(example);
    cluster.markDemoAvailable(NS, "demo");
    ExecutionWatchDemo done =
        awaitStatus(NS, "demo", d -> is(d, "Ready", "True") && is(d, "MonitoringReady", "True"));
    for (String type :
        List.of("Ready", "NoLiveEnforced", "MonitoringReady", "DashboardProvisioned")) {
      assertThat(condition(done, type).getStatus()).as(type).isEqualTo("True");
    }
    assertThat(done.getStatus().observedGeneration).isEqualTo(done.getMetadata().getGeneration());
    assertThat(done.getStatus().endpoints)
        .containsEntry("aiLiveMetrics", "http://demo-exporter.peaktrade.svc:9110/metrics");

    List<HasMetadata> owned =
        List.of(
            awaitObject(Deployment.class, NS, "demo-exporter"),
            awaitObject(Deployment.class, NS, "demo-shadow-mvs"),
            awaitObject(Service.class, NS, "demo-exporter"),
            awaitObject(Service.class, NS, "demo-shadow-mvs"),
            awaitObject(ServiceMonitor.class, NS, "demo-ai-live"),
            awaitObject(ServiceMonitor.class, NS, "demo-shadow-mvs"),
            awaitObject(ServiceMonitor.class, NS, "demo-watch-api"),
            awaitObject(ConfigMap.class, NS, "demo-dashboard"),
            awaitObject(PrometheusRule.class, NS, "demo-alerts"),
            awaitObject(NetworkPolicy.class, NS, "demo-no-live"));
    String uid = get(NS, "demo").getMetadata().getUid();
    for (HasMetadata o : owned) {
      assertThat(o.getMetadata().getOwnerReferences())
          .as(o.getKind() + " " + o.getMetadata().getName())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.getUid()).isEqualTo(uid);
                assertThat(r.getKind()).isEqualTo("ExecutionWatchDemo");
                assertThat(r.getController()).isTrue();
              });
      assertThat(o.getMetadata().getLabels())
          .as(o.getMetadata().getName())
          .containsEntry("peaktrade.io/no-live", "true")
          .containsEntry("app.kubernetes.io/managed-by", "execution-watch-operator")
          .containsEntry("app.kubernetes.io/instance", "demo")
          .containsKey("app.kubernetes.io/component");
    }
    ServiceMonitor ai =
        cluster
            .client
            .resources(ServiceMonitor.class)
            .inNamespace(NS)
            .withName("demo-ai-live")
            .get();
    assertThat(ai.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    Service exporter = cluster.client.services().inNamespace(NS).withName("demo-exporter").get();
    assertThat(exporter.getSpec().getPorts())
        .extracting(p -> p.getName())
        .contains(ai.getSpec().getEndpoints().get(0).getPort());
    var rules =
        cluster
            .client
            .resources(PrometheusRule.class)
            .inNamespace(NS)
            .withName("demo-alerts")
            .get();
    assertThat(rules.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    assertThat(rules.getSpec().getGroups().get(0).getRules())
        .extracting(r -> r.getAlert())
        .containsExactly(
            "ExecutionWatchAiLiveDown",
            "ExecutionWatchShadowMvsDown",
            "ExecutionWatchDecisionsStalled",
            "ExecutionWatchJsonlReadErrors",
            "ExecutionWatchApiErrors");
    assertThat(condition(done, "MonitoringReady").getMessage()).contains("Alert rules created");
    ConfigMap cm = cluster.client.configMaps().inNamespace(NS).withName("demo-dashboard").get();
    assertThat(cm.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(cm.getMetadata().getAnnotations())
        .containsEntry("grafana_folder", "Peak_Trade/execution");
    assertThat(cm.getData().get(Dashboard.dataKey(demo)))
        .contains("\"uid\":\"" + Dashboard.uid(demo) + "\"");
  }

  /**
   * One informer per kind for the demo's Deployments, Services and ServiceMonitors, not one per
   * dependent.
   */
  @Test
  void theDeploymentsServicesAndServiceMonitorsShareOneInformerEach() {
    cluster = new MockCluster(true).startOperator();
    create(Demos.demo(NS, "demo"));
    awaitObject(Deployment.class, NS, "demo-shadow-mvs");
    for (String monitor : List.of("demo-ai-live", "demo-shadow-mvs", "demo-watch-api")) {
      awaitObject(ServiceMonitor.class, NS, monitor);
    }
    for (String kind :
        List.of(
            "/apis/apps/v1/deployments",
            "/api/v1/services",
            "/apis/monitoring.coreos.com/v1/servicemonitors")) {
      assertThat(cluster.requests.all())
          .as("watches of %s", kind)
          .filteredOn(r -> r.startsWith("GET " + kind + "?") && r.contains("watch=true"))
          .hasSize(1);
    }
  }

  private static String readExample() {
    try {
      return Files.readString(Path.of("../examples/demo.yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void specChangesReachTheDependents() {
    cluster = new MockCluster(true).startOperator();
    create(Demos.demo(NS, "demo"));
    awaitObject(ServiceMonitor.class, NS, "demo-watch-api");
    editSpec(
        "demo",
        s -> {
          s.watchApi.enabled = false;
          s.emitter.rate = 7.5;
          s.serviceMonitor.labels =
              List.of(new ExecutionWatchDemoSpec.LabelSpec("release", "monitoring"));
        });
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Deployment dep = cluster.deployment(NS, "demo-exporter");
              assertThat(dep.getSpec().getTemplate().getSpec().getContainers())
                  .extracting(c -> c.getName())
                  .containsExactly("emitter", "ai-live");
              assertThat(dep.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                  .contains("7.5");
              assertThat(
                      cluster
                          .client
                          .resources(ServiceMonitor.class)
                          .inNamespace(NS)
                          .withName("demo-watch-api")
                          .get())
                  .isNull();
              assertThat(
                      cluster
                          .client
                          .resources(ServiceMonitor.class)
                          .inNamespace(NS)
                          .withName("demo-ai-live")
                          .get()
                          .getMetadata()
                          .getLabels())
                  .containsEntry("release", "monitoring");
            });
  }

  @Test
  void editedOrDeletedDependentsAreRestored() {
    cluster = new MockCluster(false).startOperator();
    create(Demos.demo(NS, "demo"));
    Service svc = awaitObject(Service.class, NS, "demo-exporter");
    svc.getSpec().getPorts().get(0).setPort(1234);
    cluster.client.resource(svc).update();
    cluster.client.resources(NetworkPolicy.class).inNamespace(NS).withName("demo-no-live").delete();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(
                      cluster
                          .client
                          .services()
                          .inNamespace(NS)
                          .withName("demo-exporter")
                          .get()
                          .getSpec()
                          .getPorts()
                          .get(0)
                          .getPort())
                  .isEqualTo(9110);
              assertThat(cluster.networkPolicy(NS, "demo-no-live")).isNotNull();
            });
  }

  @Test
  void aRefusedSpecGetsAConditionAndAnEventAndLeavesOtherDemosAlone() {
    cluster = new MockCluster(false).startOperator();
    ExecutionWatchDemo bad = Demos.demo(NS, "bad");
    bad.getSpec().noLive = false;
    create(bad);
    create(Demos.demo(NS, "good"));
    cluster.markDemoAvailable(NS, "good");
    ExecutionWatchDemo refused = awaitStatus(NS, "bad", d -> is(d, "Ready", "False"));
    assertThat(condition(refused, "Ready").getReason()).isEqualTo("LiveTradingRefused");
    assertThat(condition(refused, "NoLiveEnforced").getStatus()).isEqualTo("False");
    assertThat(condition(refused, "NoLiveEnforced").getMessage()).contains("spec.noLive");
    assertThat(cluster.deployment(NS, "bad-exporter")).isNull();
    assertThat(cluster.deployment(NS, "bad-shadow-mvs")).isNull();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(cluster.client.v1().events().inNamespace(NS).list().getItems())
                    .anySatisfy(
                        e -> {
                          assertThat(e.getType()).isEqualTo("Warning");
                          assertThat(e.getReason()).isEqualTo("LiveTradingRefused");
                          assertThat(e.getInvolvedObject().getName()).isEqualTo("bad");
                          assertThat(e.getMessage()).contains("spec.noLive");
                        }));
    awaitStatus(NS, "good", d -> is(d, "Ready", "True"));
  }

  @Test
  void aRefusalAfterwardsRemovesTheWorkloads() {
    cluster = new MockCluster(false).startOperator();
    create(Demos.demo(NS, "demo"));
    awaitObject(Deployment.class, NS, "demo-exporter");
    editSpec("demo", s -> s.noLive = false);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(cluster.deployment(NS, "demo-exporter")).isNull();
              assertThat(cluster.deployment(NS, "demo-shadow-mvs")).isNull();
              assertThat(cluster.networkPolicy(NS, "demo-no-live")).isNotNull();
            });
  }

  @Test
  void withoutTheServiceMonitorCrdEverythingElseIsCreatedAndStatusSaysWhy() {
    cluster = new MockCluster(false).startOperator();
    create(Demos.demo(NS, "demo"));
    cluster.markDemoAvailable(NS, "demo");
    ExecutionWatchDemo d = awaitStatus(NS, "demo", x -> is(x, "Ready", "True"));
    assertThat(condition(d, StatusBuilder.MONITORING).getStatus()).isEqualTo("False");
    assertThat(condition(d, StatusBuilder.MONITORING).getReason())
        .isEqualTo("ServiceMonitorCRDAbsent");
    assertThat(condition(d, StatusBuilder.MONITORING).getMessage())
        .contains("servicemonitors.monitoring.coreos.com");
    assertThat(cluster.client.configMaps().inNamespace(NS).withName("demo-dashboard").get())
        .isNotNull();
  }

  @Test
  void aServiceMonitorCrdInstalledLaterIsPickedUp() {
    cluster = new MockCluster(false).startOperator();
    create(Demos.demo(NS, "demo"));
    awaitStatus(NS, "demo", x -> is(x, "MonitoringReady", "False"));
    // many reconciles while the CRD is absent (each an edit), spread past the recheck interval
    for (int i = 0; i < 3; i++) {
      double rate = 3.0 + i;
      editSpec("demo", s -> s.emitter.rate = rate);
      awaitStatus(
          NS, "demo", x -> x.getStatus().observedGeneration == x.getMetadata().getGeneration());
    }
    cluster.installServiceMonitorCrd();
    // The periodic resync does this within a minute; spec changes bring reconciles sooner (the
    // condition asks the API server again once its recheck interval has passed).
    AtomicInteger edits = new AtomicInteger();
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              double rate = 10.0 + edits.incrementAndGet();
              editSpec("demo", s -> s.emitter.rate = rate);
              return cluster
                      .client
                      .resources(ServiceMonitor.class)
                      .inNamespace(NS)
                      .withName("demo-ai-live")
                      .get()
                  != null;
            });
    awaitObject(ServiceMonitor.class, NS, "demo-ai-live");
    awaitStatus(NS, "demo", x -> is(x, "MonitoringReady", "True"));
  }
}
