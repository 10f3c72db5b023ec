package io.peaktrade.watch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
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

  private boolean ready(String ns, String name) {
    ExecutionWatchDemo d = cluster.client.resources(ExecutionWatchDemo.class).inNamespace(ns).withName(name).get();
    return d != null && d.getStatus() != null && d.getStatus().conditions.stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  @Test
  void aFurtherReconcileOfASettledDemoWritesNothing() {
    cluster = new MockCluster(true).startOperator();
    cluster.client.resource(Demos.demo("steady", "demo")).create();
    cluster.markAvailable("steady", "demo-exporter");
    cluster.markAvailable("steady", "demo-shadow-mvs");
    await().atMost(Duration.ofSeconds(20)).until(() -> ready("steady", "demo"));
    await().pollDelay(Duration.ofSeconds(1)).until(() -> true); // let in-flight events settle
    cluster.requests.reset();
    double before = cluster.reconciliations();
    // An event on an owned object makes the controller reconcile the demo again.
    cluster.client.services().inNamespace("steady").withName("demo-exporter")
        .edit(s -> { s.getMetadata().getAnnotations().put("touched-by", "test"); return s; });
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(cluster.reconciliations()).as("the edit triggered a reconcile").isGreaterThan(before);
    assertThat(cluster.requests.mutating()).as("writes by the operator").isEmpty();
    Service svc = cluster.client.services().inNamespace("steady").withName("demo-exporter").get();
    assertThat(svc.getMetadata().getAnnotations()).containsEntry("touched-by", "test");
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
      cluster.markAvailable(d[0], d[1] + "-exporter");
      cluster.markAvailable(d[0], d[1] + "-shadow-mvs");
    }
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> demos.stream().allMatch(d -> ready(d[0], d[1])));
  }
}
