package io.peaktrade.watch.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.model.DemoObjects;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import io.peaktrade.watch.operator.model.DemoPods;
import io.peaktrade.watch.operator.model.DesiredDemo;
import io.peaktrade.watch.operator.model.Monitors;
import io.peaktrade.watch.operator.model.ObservedMatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dependent resource per owned Kubernetes object, each naming its part of the {@link
 * DesiredDemo}. Informers see only objects labelled as managed by this operator; the Deployments
 * and Services share one informer per kind (the reconciler's); the ServiceMonitors are one bulk
 * dependent with one informer.
 *
 * <p>No-live layer 3 lives here: the NetworkPolicy is compared exactly and put back on any
 * difference; the Deployments are compared exactly on every security-relevant field of their pods,
 * and run one replica only while the policy is in the cluster exactly as desired (zero otherwise).
 */
public final class OwnedDependents {

  private static final Logger LOG = LoggerFactory.getLogger(OwnedDependents.class);

  /** Context key under which a failed write of the NetworkPolicy is kept for {@link NoLiveGate}. */
  static final String POLICY_WRITE_FAILED = "network-policy-write-failed";

  private OwnedDependents() {}

  /**
   * One owned object as the operator's caches have it now (including this reconcile's writes).
   * Found by name: the informers of one kind each see all of a demo's objects of that kind.
   */
  public static <R extends HasMetadata> Optional<R> observed(
      ExecutionWatchDemo demo,
      Component component,
      Class<R> type,
      Context<ExecutionWatchDemo> context) {
    String name = DemoObjects.name(demo, component);
    return context
        .getSecondaryResourcesAsStream(type)
        .filter(r -> r.getMetadata().getName().equals(name))
        .findFirst();
  }

  /** A bulk dependent's desired objects by their id. */
  static <R extends HasMetadata> Map<ResourceID, R> byId(List<R> objects) {
    Map<ResourceID, R> byId = new LinkedHashMap<>();
    for (R r : objects) {
      byId.put(ResourceID.fromResource(r), r);
    }
    return byId;
  }

  /**
   * What a bulk dependent's own informer holds in the demo's namespace under one of these names, by
   * id: the objects the dependent compares, creates, updates and deletes for this demo.
   */
  static <R extends HasMetadata> Map<ResourceID, R> observedByName(
      Optional<InformerEventSource<R, ExecutionWatchDemo>> informer,
      ExecutionWatchDemo demo,
      Set<String> names) {
    return informer
        .map(
            source ->
                source
                    .list(
                        demo.getMetadata().getNamespace(),
                        r -> names.contains(r.getMetadata().getName()))
                    .collect(Collectors.toMap(ResourceID::fromResource, r -> r)))
        .orElse(Map.of());
  }

  @KubernetesDependent(informer = @Informer(labelSelector = DemoObjects.OWNED_SELECTOR))
  public static class NetworkPolicyDependent extends OwnedDependent<NetworkPolicy> {
    public NetworkPolicyDependent() {
      super(NetworkPolicy.class, Component.NETWORK_POLICY, d -> Optional.of(d.networkPolicy()));
    }

    @Override
    public Result<NetworkPolicy> match(
        NetworkPolicy actual,
        NetworkPolicy desired,
        ExecutionWatchDemo demo,
        Context<ExecutionWatchDemo> context) {
      boolean generic = super.match(actual, desired, demo, context).matched();
      return Result.computed(generic && ObservedMatch.networkPolicyExact(desired, actual), desired);
    }

    /**
     * A failed write is kept for the status instead of failing the workflow: the Deployments after
     * it must still be reconciled, to zero replicas, when the policy cannot be put in place.
     */
    @Override
    public ReconcileResult<NetworkPolicy> reconcile(
        ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      try {
        return super.reconcile(demo, context);
      } catch (KubernetesClientException e) {
        String why =
            "writing NetworkPolicy "
                + DemoObjects.name(demo, Component.NETWORK_POLICY)
                + " failed ("
                + e.getCode()
                + "): "
                + e.getMessage();
        LOG.error(
            "{}/{}: {}. The demo's workloads are scaled to zero until the policy is in place;"
                + " check the operator's RBAC for networkpolicies and any admission webhook.",
            demo.getMetadata().getNamespace(),
            demo.getMetadata().getName(),
            why);
        context.managedWorkflowAndDependentResourceContext().put(POLICY_WRITE_FAILED, why);
        return ReconcileResult.noOperation(getSecondaryResource(demo, context).orElse(null));
      }
    }
  }

  /** A demo workload: exact on its pods, one replica only behind the no-live NetworkPolicy. */
  abstract static class Workload extends OwnedDependent<Deployment> {
    Workload(Component component, Function<DesiredDemo, Optional<Deployment>> part) {
      super(Deployment.class, component, part);
    }

    @Override
    protected Deployment desired(ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      return DemoPods.withReplicas(
          super.desired(demo, context), NoLiveGate.of(demo, context).replicas());
    }

    @Override
    public Result<Deployment> match(
        Deployment actual,
        Deployment desired,
        ExecutionWatchDemo demo,
        Context<ExecutionWatchDemo> context) {
      boolean generic = super.match(actual, desired, demo, context).matched();
      return Result.computed(generic && ObservedMatch.workloadExact(desired, actual), desired);
    }
  }

  /** Uses the reconciler's shared informer of its kind. */
  public static class ExporterDeployment extends Workload {
    public ExporterDeployment() {
      super(Component.EXPORTER, DesiredDemo::exporter);
    }
  }

  /** Uses the reconciler's shared informer of its kind. */
  public static class ShadowMvsDeployment extends Workload {
    public ShadowMvsDeployment() {
      super(Component.SHADOW_MVS, DesiredDemo::shadowMvs);
    }
  }

  /** Uses the reconciler's shared informer of its kind. */
  public static class ExporterService extends OwnedDependent<Service> {
    public ExporterService() {
      super(Service.class, Component.EXPORTER, DesiredDemo::exporterService);
    }
  }

  /** Uses the reconciler's shared informer of its kind. */
  public static class ShadowMvsService extends OwnedDependent<Service> {
    public ShadowMvsService() {
      super(Service.class, Component.SHADOW_MVS, DesiredDemo::shadowMvsService);
    }
  }

  /**
   * The demo's ServiceMonitors, one per Prometheus job, as one bulk dependent: one informer for the
   * kind, started when prometheus-operator's CRD appears. A job no longer wanted (the watch API
   * switched off, monitoring disabled) has its ServiceMonitor deleted.
   */
  @KubernetesDependent(informer = @Informer(labelSelector = DemoObjects.OWNED_SELECTOR))
  public static class ServiceMonitors
      extends KubernetesDependentResource<ServiceMonitor, ExecutionWatchDemo>
      implements CRUDKubernetesBulkDependentResource<ServiceMonitor, ExecutionWatchDemo>,
          GarbageCollected<ExecutionWatchDemo> {

    public ServiceMonitors() {
      super(ServiceMonitor.class);
    }

    @Override
    public Map<ResourceID, ServiceMonitor> desiredResources(
        ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      return byId(OwnedDependent.desiredDemo(context).serviceMonitors());
    }

    /** Every ServiceMonitor the demo may own, wanted now or not (so an unwanted one is deleted). */
    @Override
    public Map<ResourceID, ServiceMonitor> getSecondaryResources(
        ExecutionWatchDemo demo, Context<ExecutionWatchDemo> context) {
      return observedByName(eventSource(), demo, Monitors.names(demo));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = DemoObjects.OWNED_SELECTOR))
  public static class AlertRulesDependent extends OwnedDependent<PrometheusRule> {
    public AlertRulesDependent() {
      super(PrometheusRule.class, Component.ALERTS, DesiredDemo::alertRules);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = DemoObjects.OWNED_SELECTOR))
  public static class DashboardConfigMap extends OwnedDependent<ConfigMap> {
    public DashboardConfigMap() {
      super(ConfigMap.class, Component.DASHBOARD, DesiredDemo::dashboard);
    }
  }
}
