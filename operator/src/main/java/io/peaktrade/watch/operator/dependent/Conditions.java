package io.peaktrade.watch.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.policy.NoLivePolicy;

/** The workflow's conditions: which owned objects a spec asks for, and when a workload is ready. */
public final class Conditions {

  private Conditions() {}

  static boolean accepted(ExecutionWatchDemo demo) {
    return NoLivePolicy.check(demo.getSpec()).isEmpty();
  }

  /** Workloads exist only for specs the no-live policy accepts; a refused spec removes them. */
  public static class SpecAccepted implements Condition<HasMetadata, ExecutionWatchDemo> {
    @Override
    public boolean isMet(
        DependentResource<HasMetadata, ExecutionWatchDemo> d,
        ExecutionWatchDemo demo,
        Context<ExecutionWatchDemo> context) {
      return accepted(demo);
    }
  }

  public static class MonitorsWanted implements Condition<HasMetadata, ExecutionWatchDemo> {
    @Override
    public boolean isMet(
        DependentResource<HasMetadata, ExecutionWatchDemo> d,
        ExecutionWatchDemo demo,
        Context<ExecutionWatchDemo> context) {
      return accepted(demo) && Boolean.TRUE.equals(demo.getSpec().serviceMonitor.enabled);
    }
  }

  public static class WatchApiMonitorWanted implements Condition<HasMetadata, ExecutionWatchDemo> {
    @Override
    public boolean isMet(
        DependentResource<HasMetadata, ExecutionWatchDemo> d,
        ExecutionWatchDemo demo,
        Context<ExecutionWatchDemo> context) {
      return accepted(demo)
          && Boolean.TRUE.equals(demo.getSpec().serviceMonitor.enabled)
          && Boolean.TRUE.equals(demo.getSpec().watchApi.enabled);
    }
  }

  public static class DashboardWanted implements Condition<HasMetadata, ExecutionWatchDemo> {
    @Override
    public boolean isMet(
        DependentResource<HasMetadata, ExecutionWatchDemo> d,
        ExecutionWatchDemo demo,
        Context<ExecutionWatchDemo> context) {
      return accepted(demo) && Boolean.TRUE.equals(demo.getSpec().dashboard.enabled);
    }
  }

  /**
   * ServiceMonitors and the PrometheusRule only where prometheus-operator's CRD for them is
   * installed (the CRD is found from the dependent's resource type); a CRD installed later is
   * noticed on a later reconcile.
   */
  public static class MonitoringCrdPresent
      extends CRDPresentActivationCondition<HasMetadata, ExecutionWatchDemo> {}

  /** A Deployment is ready when at least one replica is available. */
  public static class DeploymentAvailable implements Condition<Deployment, ExecutionWatchDemo> {
    @Override
    public boolean isMet(
        DependentResource<Deployment, ExecutionWatchDemo> d,
        ExecutionWatchDemo demo,
        Context<ExecutionWatchDemo> context) {
      return d.getSecondaryResource(demo, context)
          .map(
              dep ->
                  dep.getStatus() != null
                      && dep.getStatus().getAvailableReplicas() != null
                      && dep.getStatus().getAvailableReplicas() >= 1)
          .orElse(false);
    }
  }
}
