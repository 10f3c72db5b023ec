package io.peaktrade.watch.operator;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays kube-controller-manager's Deployment controller for one namespace, as it behaves during a
 * rollout: it writes each Deployment's status through the status subresource every few hundred
 * milliseconds (observedGeneration, replica counts, a Progressing condition with a new
 * lastUpdateTime), so every resourceVersion the operator has cached goes stale within moments. An
 * operator that writes with a cached resourceVersion then gets 409 Conflict, as on a cluster.
 */
final class DeploymentController implements AutoCloseable {

  private final MockCluster cluster;
  private final String namespace;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger writes = new AtomicInteger();

  DeploymentController(MockCluster cluster, String namespace) {
    this.cluster = cluster;
    this.namespace = namespace;
    timer.scheduleWithFixedDelay(this::tick, 0, 200, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    for (Deployment d :
        cluster.client.apps().deployments().inNamespace(namespace).list().getItems()) {
      int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
      d.setStatus(
          new DeploymentStatusBuilder()
              .withObservedGeneration(d.getMetadata().getGeneration())
              .withReplicas(replicas)
              .withUpdatedReplicas(replicas)
              .withReadyReplicas(replicas)
              .withAvailableReplicas(replicas)
              .withConditions(
                  new DeploymentConditionBuilder()
                      .withType("Progressing")
                      .withStatus("True")
                      .withReason("NewReplicaSetAvailable")
                      .withLastUpdateTime(Instant.now().toString())
                      .build())
              .build());
      try {
        cluster.client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
        writes.incrementAndGet();
      } catch (KubernetesClientException e) {
        // 409: someone else wrote it since the list; the next tick writes again, as the real one
      }
    }
  }

  int statusWrites() {
    return writes.get();
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(5, TimeUnit.SECONDS);
  }
}
