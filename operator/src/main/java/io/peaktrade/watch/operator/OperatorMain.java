package io.peaktrade.watch.operator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.peaktrade.watch.operator.model.OperatorVersion;
import io.peaktrade.watch.operator.runtime.HealthServer;
import io.peaktrade.watch.operator.runtime.OperatorSettings;
import io.peaktrade.watch.operator.runtime.Setting;
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

  /**
   * The client of the preflight check: it answers within seconds. fabric8's defaults retry a failed
   * request 10 times with backoff from 100 ms doubling up to 3.2 s (Config's
   * DEFAULT_REQUEST_RETRY_BACKOFFLIMIT and ExponentialBackoffIntervalCalculator, 7.5.2), about 20 s
   * before an unreachable API is said; the controller's own client keeps them.
   */
  static KubernetesClient preflightClient(Config base) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(base)
                .withRequestRetryBackoffLimit(PREFLIGHT_RETRIES)
                .withConnectionTimeout(PREFLIGHT_TIMEOUT_MILLIS)
                .withRequestTimeout(PREFLIGHT_TIMEOUT_MILLIS)
                .build())
        .build();
  }

  /** One retry, for a blip of the API server. */
  static final int PREFLIGHT_RETRIES = 1;

  static final int PREFLIGHT_TIMEOUT_MILLIS = 3_000;

  /** EX_USAGE: the operator takes no arguments. */
  static final int USAGE = 2;

  public static void main(String[] args) throws Exception {
    if (args.length > 0) {
      // answered before anything else: no API, no settings check, no logging set-up needed
      switch (args[0]) {
        case "-h", "--help" -> {
          System.out.print(Setting.help(OperatorVersion.VERSION, System.getenv()));
          System.exit(0);
        }
        case "-V", "--version" -> {
          System.out.println(
              "execution-watch-operator "
                  + OperatorVersion.VERSION
                  + " ("
                  + OperatorVersion.REVISION
                  + ")");
          System.exit(0);
        }
        default -> {
          System.err.println(
              "Unknown argument '"
                  + args[0]
                  + "': the operator takes no arguments, only environment settings (see --help).");
          System.exit(USAGE);
        }
      }
    }
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
    Config config = Config.autoConfigure(null);
    Optional<String> problem;
    try (KubernetesClient quick = preflightClient(config)) {
      problem = preflight(quick);
    }
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
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
