package io.peaktrade.watch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.grafana.GrafanaFolder;
import io.peaktrade.watch.operator.model.WorkloadConfig;
import io.peaktrade.watch.operator.reconciler.Ownership;
import io.peaktrade.watch.operator.runtime.OperatorSettings;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two chart releases whose watched namespaces overlap, as a careless admin installs them: two
 * operator instances with different settings (exporter image, Grafana instance labels) on one API
 * server, watching all namespaces. Before ownership they rewrote each other's objects thousands of
 * times in 30 s and deleted the shared GrafanaFolders over and over.
 */
class TwoOperatorsTest {

  private static final Duration RESYNC = Duration.ofSeconds(1);
  private static final String A = "ops-a/execution-watch-operator";
  private static final String B = "ops-b/execution-watch-operator";

  private static final WorkloadConfig WORKLOADS_B =
      new WorkloadConfig(
          "registry.local/execution-watch-exporter:9.9.9",
          "Always",
          List.of("observability"),
          Map.of("grafana", "team-b"),
          MockCluster.WORKLOADS.podUid());

  private final MockCluster cluster = new MockCluster(true);
  private final List<ExecutionWatchOperator> running = new ArrayList<>();
  private final List<KubernetesClient> clients = new ArrayList<>();

  private final List<String[]> demos =
      List.of(new String[] {"ns1", "d1"}, new String[] {"ns1", "d2"}, new String[] {"ns2", "d3"});

  @AfterEach
  void stop() {
    running.forEach(ExecutionWatchOperator::stop);
    clients.forEach(KubernetesClient::close);
    cluster.close();
  }

  private ExecutionWatchOperator start(String agent, OperatorSettings settings) {
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(cluster.operatorClient.getConfiguration())
                    .withUserAgent(agent)
                    .build())
            .build();
    clients.add(client);
    ExecutionWatchOperator o =
        new ExecutionWatchOperator(client, settings, new PrometheusRegistry());
    o.start();
    running.add(o);
    return o;
  }

  private ExecutionWatchDemo demo(String ns, String name) {
    return cluster.client.resources(ExecutionWatchDemo.class).inNamespace(ns).withName(name).get();
  }

  private String owner(String ns, String name) {
    ExecutionWatchDemo d = demo(ns, name);
    return d == null || d.getStatus() == null ? null : d.getStatus().owner;
  }

  private String exporterImage(String ns, String name) {
    return cluster
        .deployment(ns, name + "-exporter")
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  private static String imageOf(String instance) {
    return instance.equals(A) ? MockCluster.WORKLOADS.exporterImage() : WORKLOADS_B.exporterImage();
  }

  @Test
  void eachDemoHasOneOwnerTheOtherWritesNothingAndTakesOverOnlyWhenTheOwnerIsGone()
      throws Exception {
    cluster.installGrafanaOperatorCrds();
    OperatorSettings a = MockCluster.DEFAULT_SETTINGS.withResyncInterval(RESYNC).withInstance(A);
    OperatorSettings b =
        new OperatorSettings(Set.of(), false, "default", 0, WORKLOADS_B)
            .withResyncInterval(RESYNC)
            .withInstance(B);
    // A runs first and claims every demo; B, installed later, overlaps it everywhere
    ExecutionWatchOperator operatorA = start("operator-a", a);
    for (String[] d : demos) {
      cluster.client.resource(Demos.demo(d[0], d[1])).create();
    }
    for (String[] d : demos) {
      cluster.markDemoAvailable(d[0], d[1]);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              for (String[] d : demos) {
                assertThat(owner(d[0], d[1])).as("owner of %s/%s", d[0], d[1]).isEqualTo(A);
                assertThat(demo(d[0], d[1]).getMetadata().getAnnotations())
                    .containsEntry(Ownership.OWNER, A);
                assertThat(exporterImage(d[0], d[1])).isEqualTo(imageOf(A));
                assertThat(cluster.isReady(d[0], d[1])).isTrue();
              }
            });
    start("operator-b", b);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(cluster.client.v1().events().inAnyNamespace().list().getItems())
                    .as("B says the overlap on every demo, once")
                    .filteredOn(e -> e.getReason().equals("OverlappingOperators"))
                    .extracting(e -> e.getInvolvedObject().getName())
                    .containsExactlyInAnyOrder("d1", "d2", "d3"));

    assertThat(cluster.requests.all())
        .as("while claiming")
        .noneMatch(r -> r.startsWith("DELETE ") && r.contains("/grafanafolders"));

    // settled: over five resync intervals, the only writes are each owner's heartbeats
    cluster.requests.reset();
    long start = System.nanoTime();
    Thread.sleep(RESYNC.multipliedBy(5).toMillis()); // a window of time is what is measured here
    Duration window = Duration.ofNanos(System.nanoTime() - start);
    int heartbeats =
        (int) (window.toMillis() / a.ownershipRenewAfter().toMillis() + 2) * demos.size();
    for (String agent : List.of("operator-a", "operator-b")) {
      assertThat(cluster.requests.mutatingBy(agent))
          .as("writes of %s while both run", agent)
          .allMatch(
              r ->
                  r.startsWith("PATCH /apis/peaktrade.io/v1alpha1/namespaces/")
                      && !r.endsWith("/status"))
          .hasSizeLessThanOrEqualTo(heartbeats);
    }
    assertThat(cluster.requests.mutatingBy("operator-b"))
        .as("B writes nothing while A owns every demo")
        .isEmpty();
    for (String[] d : demos) {
      assertThat(owner(d[0], d[1])).isEqualTo(A);
      assertThat(exporterImage(d[0], d[1])).isEqualTo(imageOf(A));
    }

    // A stops (uninstalled): B takes over A's demos within the bound, and puts in its settings
    long stopped = System.nanoTime();
    operatorA.stop();
    running.remove(operatorA);
    await()
        .atMost(b.ownershipTakeoverAfter().plus(Duration.ofSeconds(15)))
        .untilAsserted(
            () -> {
              for (String[] d : demos) {
                assertThat(owner(d[0], d[1])).as("%s/%s", d[0], d[1]).isEqualTo(B);
                assertThat(exporterImage(d[0], d[1])).isEqualTo(WORKLOADS_B.exporterImage());
              }
            });
    Duration tookOver = Duration.ofNanos(System.nanoTime() - stopped);
    assertThat(tookOver)
        .as("not before A's heartbeat stood still")
        .isGreaterThan(b.ownershipTakeoverAfter().minus(b.ownershipRenewAfter()));
    assertThat(cluster.client.v1().events().inAnyNamespace().list().getItems())
        .filteredOn(e -> e.getReason().equals("TakenOver"))
        .hasSize(3)
        .extracting(Event::getMessage)
        .allSatisfy(m -> assertThat(m).contains("took this demo over from " + A));

    // nothing shared was ever deleted, by either
    assertThat(cluster.requests.all())
        .noneMatch(r -> r.startsWith("DELETE ") && r.contains("/grafanafolders"));
    assertThat(cluster.client.resources(GrafanaFolder.class).inAnyNamespace().list().getItems())
        .hasSize(4);
  }
}
