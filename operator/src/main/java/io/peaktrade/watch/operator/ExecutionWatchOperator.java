package io.peaktrade.watch.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.reconciler.EventRecorder;
import io.peaktrade.watch.operator.reconciler.ExecutionWatchDemoReconciler;
import io.peaktrade.watch.operator.runtime.OperatorMetrics;
import io.peaktrade.watch.operator.runtime.OperatorSettings;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;

/**
 * The operator as configured for production and for the tests alike: server-side apply off (the
 * comparison is done client-side, which both kube-apiserver and the mock API server support), one
 * controller for ExecutionWatchDemo, watching the configured namespaces.
 */
public final class ExecutionWatchOperator {

  private ExecutionWatchOperator() {}

  public static Operator create(KubernetesClient client, OperatorSettings settings, PrometheusRegistry registry) {
    OperatorMetrics metrics = new OperatorMetrics(registry);
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withUseSSAToPatchPrimaryResource(false)
          .withMetrics(metrics)
          .withStopOnInformerErrorDuringStartup(true)
          .withCloseClientOnStop(false);
      if (settings.leaderElection()) {
        o.withLeaderElectionConfiguration(
            new LeaderElectionConfiguration(OperatorSettings.LEASE_NAME, settings.leaseNamespace()));
      }
    });
    operator.register(new ExecutionWatchDemoReconciler(new EventRecorder(client), Clock.systemUTC()), c -> {
      if (settings.allNamespaces()) {
        c.watchingAllNamespaces();
      } else {
        c.settingNamespaces(settings.namespaces());
      }
    });
    return operator;
  }

  /** The CRD name the operator needs installed before it starts. */
  public static String crdName() {
    return ExecutionWatchDemo.CRD_NAME;
  }
}
