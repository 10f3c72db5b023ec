package io.peaktrade.watch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A demo stored in a shape the operator's types no longer read (before a schema change, or while
 * validation was off: {@code serviceMonitor.labels} as a map where the schema has a list) stops
 * nothing: the other demos of its namespace go on being reconciled, whether the operator meets it
 * in a watch event or in the list it starts with, and the bad demo is refused by name, in its
 * status and a Warning Event. Without the tolerant reading, fabric8 ends the namespace's informer
 * ("Unexpected exception processing watch event", or the first LIST failing as a whole).
 */
class UnreadableDemoTest {

  private static final String NS = "peaktrade";
  private MockCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A demo as an older operator version's CRD let it be stored. */
  private void storeOldShapedDemo(String name) {
    GenericKubernetesResource old =
        Serialization.unmarshal(
            """
            {"apiVersion": "peaktrade.io/v1alpha1", "kind": "ExecutionWatchDemo",
             "metadata": {"name": "%s", "namespace": "%s"},
             "spec": {"noLive": true, "runId": "old", "serviceMonitor": {"labels": {"release": "kps"}}}}
            """
                .formatted(name, NS),
            GenericKubernetesResource.class);
    cluster.client.resource(old).create();
  }

  private void createReadyDemo(String name) {
    cluster.client.resource(Demos.demo(NS, name)).create();
    cluster.markDemoAvailable(NS, name);
    await().atMost(Duration.ofSeconds(20)).until(() -> cluster.isReady(NS, name));
  }

  private Condition ready(String name) {
    ExecutionWatchDemo d =
        cluster.client.resources(ExecutionWatchDemo.class).inNamespace(NS).withName(name).get();
    return d.getStatus() == null
        ? null
        : d.getStatus().conditions.stream()
            .filter(c -> c.getType().equals("Ready"))
            .findFirst()
            .orElse(null);
  }

  private void assertRefusedByName(String name) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Condition ready = ready(name);
              assertThat(ready).isNotNull();
              assertThat(ready.getStatus()).isEqualTo("False");
              assertThat(ready.getReason()).isEqualTo("InvalidSpec");
              assertThat(ready.getMessage())
                  .contains("spec.serviceMonitor.labels", "cannot be read");
            });
    assertThat(cluster.client.v1().events().inNamespace(NS).list().getItems())
        .filteredOn(e -> name.equals(e.getInvolvedObject().getName()))
        .extracting(Event::getMessage)
        .anySatisfy(m -> assertThat(m).contains("spec.serviceMonitor.labels"));
    assertThat(cluster.deployment(NS, name + "-exporter")).as("nothing runs for it").isNull();
    assertThat(cluster.networkPolicy(NS, name + "-no-live")).as("the fence stays").isNotNull();
  }

  @Test
  void anOldShapedDemoMetInAWatchEventStopsNoOtherDemo() {
    cluster = new MockCluster(true).startOperator();
    createReadyDemo("before");
    storeOldShapedDemo("old");
    createReadyDemo("after");
    assertRefusedByName("old");
  }

  @Test
  void anOldShapedDemoInTheListTheOperatorStartsWithStopsNoOtherDemo() {
    cluster = new MockCluster(true);
    storeOldShapedDemo("old");
    cluster.startOperator();
    createReadyDemo("after");
    assertRefusedByName("old");
  }

  @Test
  void writingTheRefusedDemosStatusLeavesItsStoredSpecAsItWas() {
    cluster = new MockCluster(true);
    storeOldShapedDemo("old");
    Map<String, Object> before = storedSpec("old");
    cluster.startOperator();
    assertRefusedByName("old");
    assertThat(storedSpec("old")).isEqualTo(before);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> storedSpec(String name) {
    return (Map<String, Object>)
        cluster
            .client
            .genericKubernetesResources("peaktrade.io/v1alpha1", "ExecutionWatchDemo")
            .inNamespace(NS)
            .withName(name)
            .get()
            .getAdditionalProperties()
            .get("spec");
  }
}
