package io.peaktrade.watch.operator.observer;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.dependent.DependentNames;
import io.peaktrade.watch.operator.dependent.GrafanaOperatorDependents;
import io.peaktrade.watch.operator.dependent.NoLiveGate;
import io.peaktrade.watch.operator.dependent.OwnedDependents;
import io.peaktrade.watch.operator.grafana.GrafanaDashboard;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import io.peaktrade.watch.operator.model.DemoPods;
import io.peaktrade.watch.operator.model.DesiredDemo;
import io.peaktrade.watch.operator.model.ObservedMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one reconcile finds in the cluster after its workflow ran, from the operator's caches: the
 * no-live gate, the workloads (exact, available, running), the ServiceMonitors, dashboards, alert
 * rules and Grafana folders, and the writes that failed. Observing is kept apart from deciding (the
 * workflow) and from saying (StatusBuilder), as the Flink operator keeps its observers.
 */
public final class DemoObserver {

  private DemoObserver() {}

  /** The demo as observed after the workflow ran. */
  public static Observed observe(
      ExecutionWatchDemo demo,
      DesiredDemo desired,
      WorkflowReconcileResult result,
      Context<ExecutionWatchDemo> context,
      String instance) {
    NoLiveGate gate = NoLiveGate.of(demo, context);
    int replicas = gate.replicas();
    Optional<Deployment> exporter =
        OwnedDependents.observed(demo, Component.EXPORTER, Deployment.class, context);
    Optional<Deployment> shadowMvs =
        OwnedDependents.observed(demo, Component.SHADOW_MVS, Deployment.class, context);
    boolean workloadsExact =
        exact(desired.exporter(), exporter, replicas)
            && exact(desired.shadowMvs(), shadowMvs, replicas);
    Observed.Monitoring monitoring;
    if (desired.serviceMonitors().isEmpty()) {
      monitoring = Observed.Monitoring.DISABLED;
    } else if (!active(result, DependentNames.SERVICE_MONITORS)) {
      monitoring = Observed.Monitoring.CRD_ABSENT;
    } else {
      Set<String> there =
          observedAll(ServiceMonitor.class, context)
              .filter(m -> m.getMetadata().getNamespace().equals(demo.getMetadata().getNamespace()))
              .map(m -> m.getMetadata().getName())
              .collect(Collectors.toSet());
      monitoring =
          desired.serviceMonitors().stream()
                  .allMatch(m -> there.contains(m.getMetadata().getName()))
              ? Observed.Monitoring.CREATED
              : Observed.Monitoring.MISSING;
    }
    List<String> running = new ArrayList<>();
    exporter
        .filter(DemoObserver::hasReplicas)
        .ifPresent(d -> running.add(d.getMetadata().getName()));
    shadowMvs
        .filter(DemoObserver::hasReplicas)
        .ifPresent(d -> running.add(d.getMetadata().getName()));
    List<String> errors =
        result.getErroredDependents().entrySet().stream()
            .map(e -> e.getKey().name() + ": " + rootMessage(e.getValue()))
            .sorted()
            .toList();
    return new Observed(
        desired.violations(),
        gate,
        workloadsExact,
        desired.accepted() && available(exporter),
        desired.accepted() && available(shadowMvs),
        monitoring,
        desired.dashboard().isPresent(),
        desired.dashboard().isPresent()
            && OwnedDependents.observed(demo, Component.DASHBOARD, ConfigMap.class, context)
                .isPresent(),
        desired.grafanaDashboard().isPresent()
            && active(result, DependentNames.GRAFANA_DASHBOARD)
            && OwnedDependents.observed(demo, Component.DASHBOARD, GrafanaDashboard.class, context)
                .isPresent(),
        desired.alertRules().isPresent()
            && active(result, DependentNames.ALERTS)
            && OwnedDependents.observed(demo, Component.ALERTS, PrometheusRule.class, context)
                .isPresent(),
        errors,
        instance,
        running,
        desired.grafanaDashboard().isPresent() && active(result, DependentNames.GRAFANA_FOLDERS)
            ? GrafanaOperatorDependents.folderProblems(demo, context)
            : List.of());
  }

  /**
   * A wanted workload is in the cluster exactly as built. An unwanted one is being deleted by the
   * workflow (the cache may still hold it for a moment): no drift to report.
   */
  private static boolean exact(
      Optional<Deployment> desired, Optional<Deployment> actual, int replicas) {
    if (desired.isEmpty()) {
      return true;
    }
    return ObservedMatch.workloadExact(
        DemoPods.withReplicas(desired.get(), replicas), actual.orElse(null));
  }

  private static boolean available(Optional<Deployment> d) {
    return d.map(
            dep ->
                dep.getSpec().getReplicas() != null
                    && dep.getSpec().getReplicas() >= 1
                    && dep.getStatus() != null
                    && dep.getStatus().getAvailableReplicas() != null
                    && dep.getStatus().getAvailableReplicas() >= 1)
        .orElse(false);
  }

  /** Whether a dependent took part in this reconcile (its CRD installed): reconciled or failed. */
  private static boolean active(WorkflowReconcileResult result, String dependent) {
    return result.getReconciledDependents().stream().anyMatch(d -> named(d, dependent))
        || result.getErroredDependents().keySet().stream().anyMatch(d -> named(d, dependent));
  }

  /** Every object of a kind in the operator's caches; none when its informer does not run. */
  private static <R extends HasMetadata> Stream<R> observedAll(
      Class<R> type, Context<ExecutionWatchDemo> context) {
    try {
      return context.getSecondaryResourcesAsStream(type);
    } catch (RuntimeException noEventSource) {
      return Stream.empty();
    }
  }

  private static boolean hasReplicas(Deployment d) {
    return d.getSpec() != null
        && d.getSpec().getReplicas() != null
        && d.getSpec().getReplicas() > 0;
  }

  private static boolean named(DependentResource<?, ?> d, String name) {
    return name.equals(d.name());
  }

  /** The innermost cause's message: what the API server answered. */
  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
