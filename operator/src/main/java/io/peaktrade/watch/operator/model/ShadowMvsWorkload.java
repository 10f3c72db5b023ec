package io.peaktrade.watch.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.peaktrade.watch.contracts.ScrapeTarget;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import java.util.ArrayList;
import java.util.List;

/** Desired state of the mock shadow_mvs exporter: deterministic counters, no market connection. */
public final class ShadowMvsWorkload {

  private ShadowMvsWorkload() {}

  public static Deployment deployment(ExecutionWatchDemo demo, WorkloadConfig config) {
    List<String> args =
        new ArrayList<>(ExporterWorkload.serverArgs("shadow-mvs", ScrapeTarget.SHADOW_MVS));
    args.addAll(List.of("--seed", Long.toString(demo.getSpec().emitter.seed)));
    Container shadowMvs =
        DemoPods.serving(
            DemoPods.container(demo, config, "shadow-mvs", args), ScrapeTarget.SHADOW_MVS);
    return DemoPods.deployment(demo, config, Component.SHADOW_MVS, List.of(), List.of(shadowMvs));
  }

  public static Service service(ExecutionWatchDemo demo) {
    return new ServiceBuilder()
        .withMetadata(DemoObjects.metadata(demo, Component.SHADOW_MVS))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(DemoObjects.selector(demo, Component.SHADOW_MVS))
        .withPorts(ExporterWorkload.port(ScrapeTarget.SHADOW_MVS))
        .endSpec()
        .build();
  }
}
