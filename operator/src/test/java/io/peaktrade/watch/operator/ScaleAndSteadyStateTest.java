package io.peaktrade.watch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScaleAndSteadyStateTest {

  private MockCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aFurtherReconcileOfASettledDemoWritesNothing() {
    cluster = new MockCluster(true).startOperator();
    cluster.client.resource(Demos.demo("steady", "demo")).create();
    cluster.markDemoAvailable("steady", "demo");
    await().atMost(Duration.ofSeconds(20)).until(() -> cluster.isReady("steady", "demo"));
    cluster.awaitQuiet();
    cluster.requests.reset();
    double before = cluster.reconciliations();
    // An event on an owned object makes the controller reconcile the demo again.
    cluster
        .client
        .services()
        .inNamespace("steady")
        .withName("demo-exporter")
        .edit(
            s -> {
              s.getMetadata().getAnnotations().put("touched-by", "test");
              return s;
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cluster.reconciliations() > before); // the edit triggered a reconcile
    cluster.awaitQuiet();
    assertThat(cluster.requests.mutating()).as("writes by the operator").isEmpty();
    Service svc = cluster.client.services().inNamespace("steady").withName("demo-exporter").get();
    assertThat(svc.getMetadata().getAnnotations()).containsEntry("touched-by", "test");
  }

  /**
   * With the mock answering as kube-apiserver stores objects (defaults filled in, quantities in
   * canonical form: 1000 millicores come back as "1", 1024 MiB as "1Gi"), and a Deployment
   * controller writing status all the while, several resync intervals pass and the operator writes
   * nothing: everything it built equals what the cluster holds. Built as "1000m", the CPU limit
   * differed on every comparison and both Deployments were PUT on every reconcile, with a cached
   * resourceVersion the status writes had made stale (409s, ReconcileFailed, Warnings).
   */
  @Test
  void theSteadyStateWritesNothingOverSeveralResyncIntervals() throws Exception {
    Duration resync = Duration.ofSeconds(2);
    cluster = new MockCluster(true);
    cluster.startOperator(MockCluster.DEFAULT_SETTINGS.withResyncInterval(resync));
    ExecutionWatchDemo big = Demos.demo("steady", "big");
    big.getSpec().resources.cpuLimitMillicores = 2000;
    big.getSpec().resources.memoryLimitMiB = 1024;
    List<ExecutionWatchDemo> demos = List.of(Demos.demo("steady", "demo"), big);
    for (ExecutionWatchDemo d : demos) {
      cluster.client.resource(d).create();
      cluster.markDemoAvailable("steady", d.getMetadata().getName());
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                demos.stream().allMatch(d -> cluster.isReady("steady", d.getMetadata().getName())));
    cluster.awaitQuiet();
    assertThat(
            cluster
                .deployment("steady", "big-exporter")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getResources()
                .getLimits())
        .as("what the API server stores")
        .containsEntry("cpu", new Quantity("2"))
        .containsEntry("memory", new Quantity("1Gi"));
    cluster.requests.reset();
    double before = cluster.reconciliations();
    long start = System.nanoTime();
    try (DeploymentController controller = new DeploymentController(cluster, "steady")) {
      // Every demo reconciled at least three more times: by the resync, and by the status writes.
      await()
          .atMost(resync.multipliedBy(10))
          .until(() -> cluster.reconciliations() >= before + 3 * demos.size());
      assertThat(controller.statusWrites()).as("the Deployment controller's writes").isPositive();
    }
    Duration window = Duration.ofNanos(System.nanoTime() - start);
    // the one write of the steady state: each demo's owner heartbeat (Ownership), at most once per
    // renewal interval
    String heartbeat = "PATCH /apis/peaktrade.io/v1alpha1/namespaces/steady/executionwatchdemos/";
    assertThat(cluster.requests.mutating())
        .as("writes by the operator")
        .allMatch(r -> r.startsWith(heartbeat) && !r.contains("/status"))
        .hasSizeLessThanOrEqualTo(
            (int)
                (demos.size()
                    * (window.toMillis()
                            / MockCluster.DEFAULT_SETTINGS
                                .withResyncInterval(resync)
                                .ownershipRenewAfter()
                                .toMillis()
                        + 2)));
    for (ExecutionWatchDemo d : demos) {
      ExecutionWatchDemo stored =
          cluster
              .client
              .resources(ExecutionWatchDemo.class)
              .inNamespace("steady")
              .withName(d.getMetadata().getName())
              .get();
      assertThat(stored.getStatus().conditions)
          .as("no condition flapped")
          .allSatisfy(c -> assertThat(c.getReason()).isNotEqualTo("ReconcileFailed"));
    }
  }

  /**
   * A write the operator has to make (drift to put back) while the Deployment controller keeps
   * writing status: the resourceVersion the operator has cached is stale and kube-apiserver answers
   * 409 (here for certain: the mock answers the operator's next PUT so). The operator reads the
   * object again and puts it back, without failing the reconcile (no ReconcileFailed in any status
   * it writes, no such Warning Event).
   */
  @Test
  void driftIsPutBackDespiteAStaleResourceVersionWithoutAFailedReconcile() throws Exception {
    cluster = new MockCluster(true).startOperator();
    cluster.client.resource(Demos.demo("rollout", "demo")).create();
    cluster.markDemoAvailable("rollout", "demo");
    await().atMost(Duration.ofSeconds(20)).until(() -> cluster.isReady("rollout", "demo"));
    cluster.awaitQuiet();
    String put = "PUT /apis/apps/v1/namespaces/rollout/deployments/demo-exporter";
    var exporter =
        cluster.client.apps().deployments().inNamespace("rollout").withName("demo-exporter");
    try (DeploymentController controller = new DeploymentController(cluster, "rollout")) {
      cluster.requests.conflictOnce(put);
      for (int attempt = 0; ; attempt++) {
        try {
          exporter.edit(
              d -> {
                d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("other:1");
                return d;
              });
          break;
        } catch (KubernetesClientException e) {
          if (e.getCode() != 409 || attempt == 50) {
            throw e;
          }
        }
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  exporter
                      .get()
                      .getSpec()
                      .getTemplate()
                      .getSpec()
                      .getContainers()
                      .get(0)
                      .getImage()
                      .equals(MockCluster.WORKLOADS.exporterImage()));
      cluster.awaitQuiet();
      assertThat(controller.statusWrites()).isPositive();
    }
    assertThat(cluster.requests.all())
        .as("the conflict happened, then the write")
        .filteredOn(r -> r.startsWith(put))
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(cluster.requests.statusWrites())
        .as("every status the operator wrote")
        .isNotEmpty()
        .noneMatch(body -> body.contains("ReconcileFailed"));
    assertThat(cluster.client.v1().events().inNamespace("rollout").list().getItems())
        .extracting(e -> e.getReason())
        .doesNotContain("ReconcileFailed");
  }

  @Test
  void fiftyDemosInSeveralNamespacesAllBecomeReady() {
    cluster = new MockCluster(true).startOperator();
    List<String[]> demos = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String ns = "team-" + (i % 5);
      String name = "demo-" + i;
      cluster.client.resource(Demos.demo(ns, name)).create();
      demos.add(new String[] {ns, name});
    }
    for (String[] d : demos) {
      cluster.markDemoAvailable(d[0], d[1]);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> demos.stream().allMatch(d -> cluster.isReady(d[0], d[1])));
  }
}
