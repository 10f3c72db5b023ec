package io.peaktrade.watch.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.peaktrade.watch.contracts.EnvironmentVariable;
import io.peaktrade.watch.contracts.ScrapeTarget;
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

  public static Deployment deployment(ExecutionWatchDemo demo, WorkloadConfig config) {
    ExecutionWatchDemoSpec spec = demo.getSpec();
    // The runbook's three sample decisions first (every mode), then the steady stream in follow
    // mode; both write the CR's run id and component into every event.
    List<String> identity = List.of("--run-id", spec.runId, "--component", spec.component);
    List<Container> init =
        List.of(
            eventsContainer(demo, config, "emit-sample", args("emit-events", identity)).build());
    List<Container> containers = new ArrayList<>();
    if (spec.emitter.mode == EmitterMode.follow) {
      List<String> follow = new ArrayList<>(args("emit-events", identity));
      follow.addAll(
          List.of(
              "--follow",
              "--rate",
              Double.toString(spec.emitter.rate),
              "--seed",
              Long.toString(spec.emitter.seed)));
      containers.add(eventsContainer(demo, config, "emitter", follow).build());
    }
    containers.add(
        DemoPods.serving(
            eventsContainer(demo, config, "ai-live", serverArgs("ai-live", ScrapeTarget.AI_LIVE))
                .addToEnv(DemoPods.var(EnvironmentVariable.PEAK_TRADE_AI_RUN_ID.name(), spec.runId))
                .addToEnv(
                    DemoPods.var(
                        EnvironmentVariable.PEAK_TRADE_AI_COMPONENT.name(), spec.component)),
            ScrapeTarget.AI_LIVE));
    if (spec.watchApi.enabled) {
      containers.add(
          DemoPods.serving(
              eventsContainer(
                  demo, config, "watch-api", serverArgs("watch-api", ScrapeTarget.WATCH_API)),
              ScrapeTarget.WATCH_API));
    }
    return DemoPods.deployment(demo, config, Component.EXPORTER, init, containers, EVENTS_VOLUME);
  }

  private static List<String> args(String subcommand, List<String> more) {
    List<String> a = new ArrayList<>();
    a.add(subcommand);
    a.addAll(more);
    return a;
  }

  /**
   * A server subcommand on its contract port, reachable from outside the pod (stand-alone, the CLI
   * listens on 127.0.0.1 only); the NetworkPolicy admits only Prometheus' namespaces.
   */
  static List<String> serverArgs(String subcommand, ScrapeTarget port) {
    return List.of(subcommand, "--port", Integer.toString(port.port()), "--bind", "0.0.0.0");
  }

  private static ContainerBuilder eventsContainer(
      ExecutionWatchDemo demo, WorkloadConfig config, String name, List<String> args) {
    return DemoPods.container(demo, config, name, args)
        .addToEnv(DemoPods.var(EnvironmentVariable.PEAK_TRADE_AI_EVENTS_JSONL.name(), EVENTS_FILE))
        .addToVolumeMounts(DemoPods.mount(EVENTS_VOLUME, EVENTS_DIR));
  }

  public static Service service(ExecutionWatchDemo demo) {
    List<ServicePort> ports = new ArrayList<>();
    ports.add(port(ScrapeTarget.AI_LIVE));
    if (demo.getSpec().watchApi.enabled) {
      ports.add(port(ScrapeTarget.WATCH_API));
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

  static ServicePort port(ScrapeTarget p) {
    return new ServicePortBuilder()
        .withName(p.portName())
        .withPort(p.port())
        .withTargetPort(new IntOrString(p.portName()))
        .withProtocol("TCP")
        .build();
  }
}
