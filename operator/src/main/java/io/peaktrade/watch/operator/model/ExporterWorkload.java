package io.peaktrade.watch.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec.EmitterMode;
import io.peaktrade.watch.operator.model.DemoObjects.Component;
import java.util.ArrayList;
import java.util.List;

/**
 * Desired state of the exporter pod: the emitter writes the JSONL file on a shared emptyDir, the
 * ai_live exporter and (optionally) the watch API read it. One file path for all three, set once
 * here: the runbook's troubleshooting case 1 cannot happen.
 */
public final class ExporterWorkload {

  public static final String EVENTS_VOLUME = "events";
  public static final String EVENTS_DIR = "/var/run/peaktrade/events";
  public static final String EVENTS_FILE = EVENTS_DIR + "/ai_events.jsonl";

  private ExporterWorkload() {}

  public static Deployment deployment(ExecutionWatchDemo demo) {
    ExecutionWatchDemoSpec spec = demo.getSpec();
    // The runbook's three sample decisions first (every mode), then the steady stream in follow
    // mode.
    List<Container> init =
        List.of(eventsContainer(demo, "emit-sample", List.of("emit-events")).build());
    List<Container> containers = new ArrayList<>();
    if (spec.emitter.mode == EmitterMode.follow) {
      containers.add(
          eventsContainer(
                  demo,
                  "emitter",
                  List.of(
                      "emit-events",
                      "--follow",
                      "--rate",
                      Double.toString(spec.emitter.rate),
                      "--seed",
                      Long.toString(spec.emitter.seed)))
              .build());
    }
    containers.add(
        PodHardening.withProbes(
            eventsContainer(
                    demo,
                    "ai-live",
                    List.of("ai-live", "--port", Integer.toString(Ports.AI_LIVE.number())))
                .addToEnv(PodHardening.var("PEAK_TRADE_AI_RUN_ID", spec.runId))
                .addToEnv(PodHardening.var("PEAK_TRADE_AI_COMPONENT", spec.component))
                .withPorts(
                    new ContainerPortBuilder()
                        .withName(Ports.AI_LIVE.portName())
                        .withContainerPort(Ports.AI_LIVE.number())
                        .withProtocol("TCP")
                        .build())
                .build(),
            Ports.AI_LIVE));
    if (spec.watchApi.enabled) {
      containers.add(
          PodHardening.withProbes(
              eventsContainer(
                      demo,
                      "watch-api",
                      List.of("watch-api", "--port", Integer.toString(Ports.WATCH_API.number())))
                  .withPorts(
                      new ContainerPortBuilder()
                          .withName(Ports.WATCH_API.portName())
                          .withContainerPort(Ports.WATCH_API.number())
                          .withProtocol("TCP")
                          .build())
                  .build(),
              Ports.WATCH_API));
    }
    // Recreate: the new pod starts on a fresh event file, never next to the old one
    return PodHardening.deployment(demo, Component.EXPORTER, init, containers, EVENTS_VOLUME)
        .editSpec()
        .withNewStrategy()
        .withType("Recreate")
        .endStrategy()
        .endSpec()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.ContainerBuilder eventsContainer(
      ExecutionWatchDemo demo, String name, List<String> args) {
    return PodHardening.container(demo, name, args)
        .addToEnv(PodHardening.var("PEAK_TRADE_AI_EVENTS_JSONL", EVENTS_FILE))
        .addToVolumeMounts(PodHardening.mount(EVENTS_VOLUME, EVENTS_DIR));
  }

  public static Service service(ExecutionWatchDemo demo) {
    List<ServicePort> ports = new ArrayList<>();
    ports.add(port(Ports.AI_LIVE));
    if (demo.getSpec().watchApi.enabled) {
      ports.add(port(Ports.WATCH_API));
    }
    return new ServiceBuilder()
        .withMetadata(DemoObjects.metadata(demo, Component.EXPORTER))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(DemoObjects.selector(demo, Component.EXPORTER))
        .withPorts(ports)
        .endSpec()
        .build();
  }

  static ServicePort port(Ports p) {
    return new ServicePortBuilder()
        .withName(p.portName())
        .withPort(p.number())
        .withTargetPort(new IntOrString(p.portName()))
        .withProtocol("TCP")
        .build();
  }
}
