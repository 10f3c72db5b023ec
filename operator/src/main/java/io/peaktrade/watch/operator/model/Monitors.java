package io.peaktrade.watch.operator.model;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;
import io.peaktrade.watch.contracts.ScrapeTarget;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.model.DemoObjects.Component;

/**
 * ServiceMonitors, one per Prometheus job. Service names cannot contain '_', so each endpoint
 * relabels {@code job} to the runbook's exact job name; the endpoint selects the Service port by
 * the same name the Service gives it.
 */
public final class Monitors {

  private Monitors() {}

  public static ServiceMonitor aiLive(ExecutionWatchDemo demo) {
    return monitor(demo, Component.AI_LIVE_MONITOR, Component.EXPORTER, ScrapeTarget.AI_LIVE);
  }

  public static ServiceMonitor watchApi(ExecutionWatchDemo demo) {
    return monitor(demo, Component.WATCH_API_MONITOR, Component.EXPORTER, ScrapeTarget.WATCH_API);
  }

  public static ServiceMonitor shadowMvs(ExecutionWatchDemo demo) {
    return monitor(demo, Component.SHADOW_MVS, Component.SHADOW_MVS, ScrapeTarget.SHADOW_MVS);
  }

  static ServiceMonitor monitor(
      ExecutionWatchDemo demo, Component self, Component target, ScrapeTarget port) {
    return new ServiceMonitorBuilder()
        .withMetadata(DemoObjects.metadata(demo, self, DemoObjects.monitorLabels(demo)))
        .withNewSpec()
        .withSelector(
            new LabelSelectorBuilder().withMatchLabels(DemoObjects.selector(demo, target)).build())
        .withNewNamespaceSelector()
        .withMatchNames(demo.getMetadata().getNamespace())
        .endNamespaceSelector()
        .addNewEndpoint()
        .withPort(port.portName())
        .withPath("/metrics")
        .withInterval(demo.getSpec().serviceMonitor.interval)
        .addNewRelabeling()
        .withAction("replace")
        .withTargetLabel("job")
        .withReplacement(port.job())
        .endRelabeling()
        .endEndpoint()
        .endSpec()
        .build();
  }
}
