package io.peaktrade.watch.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec;
import io.peaktrade.watch.operator.grafana.GrafanaDashboard;
import io.peaktrade.watch.operator.grafana.GrafanaFolder;
import io.peaktrade.watch.operator.validation.SpecValidator;
import io.peaktrade.watch.operator.validation.SpecValidator.Violation;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything one demo should consist of, built once per reconcile from the CR and the operator's
 * configuration: the one place that decides which parts are wanted. A refused spec gets only the
 * NetworkPolicy (it fences in anything left of an earlier spec); every other part is empty, so the
 * workflow removes it.
 */
public record DesiredDemo(
    List<Violation> violations,
    NetworkPolicy networkPolicy,
    Optional<Deployment> exporter,
    Optional<Service> exporterService,
    Optional<Deployment> shadowMvs,
    Optional<Service> shadowMvsService,
    List<ServiceMonitor> serviceMonitors,
    Optional<PrometheusRule> alertRules,
    Optional<ConfigMap> dashboard,
    Optional<GrafanaDashboard> grafanaDashboard,
    List<GrafanaFolder> grafanaFolders) {

  public static DesiredDemo of(ExecutionWatchDemo demo, WorkloadConfig config) {
    List<Violation> violations = SpecValidator.check(demo);
    NetworkPolicy policy = NoLiveNetworkPolicy.desired(demo, config);
    if (!violations.isEmpty()) {
      return new DesiredDemo(
          violations,
          policy,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of());
    }
    ExecutionWatchDemoSpec spec = demo.getSpec();
    boolean monitors = spec.serviceMonitor.enabled;
    return new DesiredDemo(
        violations,
        policy,
        Optional.of(ExporterWorkload.deployment(demo, config)),
        Optional.of(ExporterWorkload.service(demo)),
        Optional.of(ShadowMvsWorkload.deployment(demo, config)),
        Optional.of(ShadowMvsWorkload.service(demo)),
        monitors ? Monitors.forJobs(demo, spec.watchApi.enabled) : List.of(),
        when(monitors, () -> AlertRules.desired(demo)),
        when(spec.dashboard.enabled, () -> Dashboard.configMap(demo)),
        when(spec.dashboard.enabled, () -> Dashboard.grafanaDashboard(demo, config)),
        spec.dashboard.enabled
            ? GrafanaFolders.both(demo.getMetadata().getNamespace(), config)
            : List.of());
  }

  private static <T> Optional<T> when(boolean wanted, Supplier<T> build) {
    return wanted ? Optional.of(build.get()) : Optional.empty();
  }

  public boolean accepted() {
    return violations.isEmpty();
  }

  public boolean liveRefused() {
    return violations.stream().anyMatch(Violation::live);
  }
}
