package io.peaktrade.watch.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.peaktrade.watch.operator.runtime.HealthServer;
import io.peaktrade.watch.operator.runtime.OperatorSettings;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the operator with the standard kubeconfig or in-cluster configuration. */
public final class OperatorMain {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

  private OperatorMain() {}

  /**
   * Why the operator cannot start against this cluster, if it cannot: said so an operator knows
   * what to do.
   */
  static Optional<String> preflight(KubernetesClient client) {
    try {
      if (client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .withName(ExecutionWatchOperator.crdName())
              .get()
          == null) {
        return Optional.of(
            "The CRD "
                + ExecutionWatchOperator.crdName()
                + " is not installed, so there is nothing to reconcile. Install it with 'kubectl"
                + " apply -f crds/' (or the Helm chart), then restart the operator.");
      }
      return Optional.empty();
    } catch (KubernetesClientException e) {
      return Optional.of(
          "Cannot reach the Kubernetes API at "
              + client.getMasterUrl()
              + " ("
              + e.getMessage()
              + "). Check the kubeconfig or the in-cluster service account and its RBAC"
              + " (customresourcedefinitions get).");
    }
  }

  public static void main(String[] args) throws Exception {
    OperatorSettings settings;
    try {
      settings = OperatorSettings.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      // straight to stderr: a wrong LOG_FORMAT leaves logback without an appender
      System.err.println(
          "Cannot start: "
              + e.getMessage()
              + ". Fix the operator's environment (the chart's values).");
      System.exit(2);
      return;
    }
    KubernetesClient client = new KubernetesClientBuilder().build();
    Optional<String> problem = preflight(client);
    if (problem.isPresent()) {
      LOG.error(problem.get());
      System.exit(1);
    }
    PrometheusRegistry registry = new PrometheusRegistry();
    ExecutionWatchOperator operator = new ExecutionWatchOperator(client, settings, registry);
    HealthServer health = HealthServer.start(settings.httpPort(), operator.operator(), registry);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("Shutting down: stopping the controller, then the health endpoint.");
                  operator.stop();
                  health.close();
                  client.close();
                },
                "shutdown"));
    operator.start();
    LOG.info(
        "Exporter image {} ({}); scrapes allowed from namespaces {}.",
        settings.workloads().exporterImage(),
        settings.workloads().imagePullPolicy(),
        settings.workloads().prometheusNamespaces());
    LOG.info(
        "Execution Watch operator started, watching {}; health and metrics on :{}.",
        settings.allNamespaces() ? "all namespaces" : settings.namespaces(),
        health.port());
  }
}
