package io.peaktrade.watch.operator.model;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;
import io.peaktrade.watch.contracts.ScrapeTarget;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ServiceMonitors, one per Prometheus job. Service names cannot contain '_', so each endpoint
 * relabels {@code job} to the runbook's exact job name; the endpoint selects the Service port by
 * the same name the Service gives it.
 */
public final class Monitors {

  private Monitors() {}

  /** One job: its ServiceMonitor's own component (its name) and the Service it scrapes. */
  private enum Job {
    AI_LIVE(Component.AI_LIVE_MONITOR, Component.EXPORTER, ScrapeTarget.AI_LIVE),
    SHADOW_MVS(Component.SHADOW_MVS, Component.SHADOW_MVS, ScrapeTarget.SHADOW_MVS),
    WATCH_API(Component.WATCH_API_MONITOR, Component.EXPORTER, ScrapeTarget.WATCH_API);

    final Component self;
    final Component target;
    final ScrapeTarget port;

    Job(Component self, Component target, ScrapeTarget port) {
      this.self = self;
      this.target = target;
      this.port = port;
    }
  }

  /** The ServiceMonitors of every job the demo runs: the watch API's only when it is enabled. */
  public static List<ServiceMonitor> forJobs(ExecutionWatchDemo demo, boolean watchApi) {
    return Arrays.stream(Job.values())
        .filter(j -> watchApi || j != Job.WATCH_API)
        .map(j -> monitor(demo, j.self, j.target, j.port))
        .toList();
  }

  /** The names of every ServiceMonitor the demo may own, wanted now or not. */
  public static Set<String> names(ExecutionWatchDemo demo) {
    return Arrays.stream(Job.values())
        .map(j -> DemoObjects.name(demo, j.self))
        .collect(Collectors.toUnmodifiableSet());
  }

  private static ServiceMonitor monitor(
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
