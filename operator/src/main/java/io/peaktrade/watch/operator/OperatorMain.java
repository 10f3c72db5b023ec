package io.peaktrade.watch.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.peaktrade.watch.operator.runtime.HealthServer;
import io.peaktrade.watch.operator.runtime.OperatorSettings;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the operator with the standard kubeconfig or in-cluster configuration. */
public final class OperatorMain {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

  private OperatorMain() {}

  public static void main(String[] args) throws Exception {
    OperatorSettings settings = OperatorSettings.fromEnvironment(System.getenv());
    KubernetesClient client = new KubernetesClientBuilder().build();
    try {
      if (client.apiextensions().v1().customResourceDefinitions().withName(ExecutionWatchOperator.crdName()).get() == null) {
        LOG.error("The CRD {} is not installed, so there is nothing to reconcile. Install it with "
            + "'kubectl apply -f crds/' (or the Helm chart), then restart the operator.", ExecutionWatchOperator.crdName());
        System.exit(1);
      }
    } catch (KubernetesClientException e) {
      LOG.error("Cannot reach the Kubernetes API at {} ({}). Check the kubeconfig or the in-cluster service account.",
          client.getMasterUrl(), e.getMessage());
      System.exit(1);
    }
    PrometheusRegistry registry = new PrometheusRegistry();
    ExecutionWatchOperator operator = new ExecutionWatchOperator(client, settings, registry);
    HealthServer health = HealthServer.start(settings.httpPort(), operator.operator(), registry);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Shutting down: stopping the controller, then the health endpoint.");
      operator.stop();
      health.close();
      client.close();
    }, "shutdown"));
    operator.start();
    LOG.info("Execution Watch operator started, watching {}; health and metrics on :{}.",
        settings.allNamespaces() ? "all namespaces" : settings.namespaces(), health.port());
  }
}
