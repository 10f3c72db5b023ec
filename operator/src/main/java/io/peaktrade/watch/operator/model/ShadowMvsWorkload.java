package io.peaktrade.watch.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import java.util.List;

/** Desired state of the mock shadow_mvs exporter: deterministic counters, no market connection. */
public final class ShadowMvsWorkload {

  private ShadowMvsWorkload() {}

  public static Deployment deployment(ExecutionWatchDemo demo) {
    Container shadowMvs =
        PodHardening.withProbes(
            PodHardening.container(
                    demo,
                    "shadow-mvs",
                    List.of(
                        "shadow-mvs",
                        "--port",
                        Integer.toString(Ports.SHADOW_MVS.number()),
                        "--seed",
                        Long.toString(demo.getSpec().emitter.seed)))
                .withPorts(
                    new ContainerPortBuilder()
                        .withName(Ports.SHADOW_MVS.portName())
                        .withContainerPort(Ports.SHADOW_MVS.number())
                        .withProtocol("TCP")
                        .build())
                .build(),
            Ports.SHADOW_MVS);
    return PodHardening.deployment(demo, Component.SHADOW_MVS, List.of(), List.of(shadowMvs))
        .build();
  }

  public static Service service(ExecutionWatchDemo demo) {
    return new ServiceBuilder()
        .withMetadata(DemoObjects.metadata(demo, Component.SHADOW_MVS))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(DemoObjects.selector(demo, Component.SHADOW_MVS))
        .withPorts(ExporterWorkload.port(Ports.SHADOW_MVS))
        .endSpec()
        .build();
  }
}
