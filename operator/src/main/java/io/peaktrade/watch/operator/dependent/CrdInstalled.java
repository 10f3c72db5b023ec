package io.peaktrade.watch.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import java.time.Clock;
import java.time.Duration;

/**
 * Activation condition of the dependents whose types belong to another operator (the
 * ServiceMonitors and PrometheusRule of prometheus-operator, the GrafanaDashboard and
 * GrafanaFolders of grafana-operator): the CRD for the dependent's type is installed, however long
 * after the operator started. The workflow then starts the dependent's informer; the periodic
 * resync (at most a minute) brings the reconcile. One instance per dependent and operator, so its
 * memory is the operator's, not the JVM's.
 */
public class CrdInstalled implements Condition<HasMetadata, ExecutionWatchDemo> {

  static final Duration RECHECK = Duration.ofSeconds(10);

  private final CrdPresence crds = new CrdPresence(Clock.systemUTC(), RECHECK);

  @Override
  public boolean isMet(
      DependentResource<HasMetadata, ExecutionWatchDemo> dependent,
      ExecutionWatchDemo demo,
      Context<ExecutionWatchDemo> context) {
    return crds.present(
        context.getClient(), HasMetadata.getFullResourceName(dependent.resourceType()));
  }
}
