package io.peaktrade.watch.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.model.AlertRules;
import io.peaktrade.watch.operator.model.Dashboard;
import io.peaktrade.watch.operator.model.DemoObjects;
import io.peaktrade.watch.operator.model.ExporterWorkload;
import io.peaktrade.watch.operator.model.Monitors;
import io.peaktrade.watch.operator.model.NoLiveNetworkPolicy;
import io.peaktrade.watch.operator.model.ShadowMvsWorkload;

/**
 * One dependent resource per owned Kubernetes object. Each only names its desired state (built by
 * the pure functions in {@code model/}); JOSDK creates, compares, updates and sets the owner
 * reference. Informers see only objects labelled as managed by this operator.
 */
public final class OwnedDependents {

  private OwnedDependents() {}

  @KubernetesDependent(informer = @Informer(labelSelector = DemoObjects.OWNED_SELECTOR))
  public static class ExporterDeployment
      extends CRUDKubernetesDependentResource<Deployment, ExecutionWatchDemo> {
    public ExporterDeployment() {
      super(Deployment.class);
    }

    @Override
    protected Deployment desired(ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      return ExporterWorkload.deployment(demo);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = DemoObjects.OWNED_SELECTOR))
  public static class ExporterService
      extends CRUDKubernetesDependentResource<Service, ExecutionWatchDemo> {
    public ExporterService() {
      super(Service.class);
    }

    @Override
    protected Service desired(ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      return ExporterWorkload.service(demo);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = DemoObjects.OWNED_SELECTOR))
  public static class ShadowMvsDeployment
      extends CRUDKubernetesDependentResource<Deployment, ExecutionWatchDemo> {
    public ShadowMvsDeployment() {
      super(Deployment.class);
    }

    @Override
    protected Deployment desired(ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      return ShadowMvsWorkload.deployment(demo);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = DemoObjects.OWNED_SELECTOR))
  public static class ShadowMvsService
      extends CRUDKubernetesDependentResource<Service, ExecutionWatchDemo> {
    public ShadowMvsService() {
      super(Service.class);
    }

    @Override
    protected Service desired(ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      return ShadowMvsWorkload.service(demo);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = DemoObjects.OWNED_SELECTOR))
  public static class AiLiveMonitor
      extends CRUDKubernetesDependentResource<ServiceMonitor, ExecutionWatchDemo> {
    public AiLiveMonitor() {
      super(ServiceMonitor.class);
    }

    @Override
    protected ServiceMonitor desired(ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      return Monitors.aiLive(demo);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = DemoObjects.OWNED_SELECTOR))
  public static class ShadowMvsMonitor
      extends CRUDKubernetesDependentResource<ServiceMonitor, ExecutionWatchDemo> {
    public ShadowMvsMonitor() {
      super(ServiceMonitor.class);
    }

    @Override
    protected ServiceMonitor desired(ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      return Monitors.shadowMvs(demo);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = DemoObjects.OWNED_SELECTOR))
  public static class WatchApiMonitor
      extends CRUDKubernetesDependentResource<ServiceMonitor, ExecutionWatchDemo> {
    public WatchApiMonitor() {
      super(ServiceMonitor.class);
    }

    @Override
    protected ServiceMonitor desired(ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      return Monitors.watchApi(demo);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = DemoObjects.OWNED_SELECTOR))
  public static class AlertRulesDependent
      extends CRUDKubernetesDependentResource<PrometheusRule, ExecutionWatchDemo> {
    public AlertRulesDependent() {
      super(PrometheusRule.class);
    }

    @Override
    protected PrometheusRule desired(ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      return AlertRules.desired(demo);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = DemoObjects.OWNED_SELECTOR))
  public static class DashboardConfigMap
      extends CRUDKubernetesDependentResource<ConfigMap, ExecutionWatchDemo> {
    public DashboardConfigMap() {
      super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      return Dashboard.configMap(demo);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = DemoObjects.OWNED_SELECTOR))
  public static class NetworkPolicyDependent
      extends CRUDKubernetesDependentResource<NetworkPolicy, ExecutionWatchDemo> {
    public NetworkPolicyDependent() {
      super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      return NoLiveNetworkPolicy.desired(demo);
    }
  }
}
