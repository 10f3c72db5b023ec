package io.peaktrade.watch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.peaktrade.watch.operator.Demos;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec.EmitterMode;
import io.peaktrade.watch.operator.validation.SpecValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pure desired-state builders: contract fields and no-live layers 3 and 4. */
class BuildersTest {

  static final WorkloadConfig CONFIG =
      new WorkloadConfig(
          "registry.local/execution-watch-exporter:1.2.3", "IfNotPresent", List.of("monitoring"));
  private final ExecutionWatchDemo demo = Demos.demo("peaktrade", "demo");

  private static List<Container> allContainers(PodSpec pod) {
    List<Container> all = new ArrayList<>(pod.getInitContainers());
    all.addAll(pod.getContainers());
    return all;
  }

  @Test
  void theExporterPodSharesOneEventFileBetweenEmitterExporterAndApi() {
    PodSpec pod = ExporterWorkload.deployment(demo, CONFIG).getSpec().getTemplate().getSpec();
    assertThat(pod.getInitContainers())
        .extracting(Container::getName)
        .containsExactly("emit-sample");
    assertThat(pod.getContainers())
        .extracting(Container::getName)
        .containsExactly("emitter", "ai-live", "watch-api");
    for (Container c : allContainers(pod)) {
      assertThat(c.getEnv())
          .as(c.getName())
          .anySatisfy(
              e -> {
                assertThat(e.getName()).isEqualTo("PEAK_TRADE_AI_EVENTS_JSONL");
                assertThat(e.getValue()).isEqualTo(ExporterWorkload.EVENTS_FILE);
              });
      assertThat(c.getVolumeMounts())
          .as(c.getName())
          .anyMatch(m -> m.getMountPath().equals(ExporterWorkload.EVENTS_DIR));
      assertThat(c.getArgs().get(0)).isIn("emit-events", "ai-live", "watch-api");
    }
    assertThat(pod.getContainers().get(0).getArgs())
        .containsSubsequence("--follow", "--rate", "2.0", "--seed", "42");
    for (Container emitter : List.of(pod.getInitContainers().get(0), pod.getContainers().get(0))) {
      assertThat(emitter.getArgs())
          .as("%s writes the CR's run id and component", emitter.getName())
          .containsSubsequence("--run-id", "demo")
          .containsSubsequence("--component", "execution_watch");
    }
    Container aiLive = pod.getContainers().get(1);
    assertThat(aiLive.getEnv())
        .anyMatch(e -> e.getName().equals("PEAK_TRADE_AI_RUN_ID") && e.getValue().equals("demo"));
    assertThat(aiLive.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    for (Container server : List.of(aiLive, pod.getContainers().get(2))) {
      assertThat(server.getArgs())
          .as("in the pod %s listens beyond 127.0.0.1, the CLI's default", server.getName())
          .containsSubsequence("--bind", "0.0.0.0");
    }
  }

  @Test
  void onceModeWritesTheSampleAndRunsNoEmitter() {
    demo.getSpec().emitter.mode = EmitterMode.once;
    demo.getSpec().watchApi.enabled = false;
    PodSpec pod = ExporterWorkload.deployment(demo, CONFIG).getSpec().getTemplate().getSpec();
    assertThat(pod.getInitContainers())
        .extracting(Container::getName)
        .containsExactly("emit-sample");
    assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("ai-live");
    assertThat(ExporterWorkload.service(demo).getSpec().getPorts())
        .extracting(p -> p.getName())
        .containsExactly("ai-live");
  }

  @Test
  void everyPodIsHardened() {
    for (Deployment d :
        List.of(
            ExporterWorkload.deployment(demo, CONFIG),
            ShadowMvsWorkload.deployment(demo, CONFIG))) {
      PodSpec pod = d.getSpec().getTemplate().getSpec();
      assertThat(pod.getAutomountServiceAccountToken()).isFalse();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(WorkloadConfig.DEFAULT_POD_UID);
      assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(WorkloadConfig.DEFAULT_POD_UID);
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .isEqualTo("RuntimeDefault");
      for (Container c : allContainers(pod)) {
        var sc = c.getSecurityContext();
        assertThat(sc.getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
        assertThat(sc.getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
        assertThat(sc.getRunAsNonRoot()).as(c.getName()).isTrue();
        assertThat(sc.getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
        assertThat(sc.getCapabilities().getAdd()).as(c.getName()).isNullOrEmpty();
        assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(c.getImage()).as(c.getName()).isEqualTo(CONFIG.exporterImage());
        assertThat(c.getResources().getLimits()).as(c.getName()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("cpu", "memory");
        assertThat(c.getEnv())
            .anyMatch(e -> e.getName().equals("PEAK_TRADE_NO_LIVE") && e.getValue().equals("true"));
        assertThat(c.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));
      }
    }
  }

  /** Where the platform assigns UIDs (OpenShift), the pods fix none and still run non-root. */
  @Test
  void withAPlatformAssignedUidNoPodFixesOne() {
    WorkloadConfig assigned = CONFIG.withPlatformAssignedUid();
    for (Deployment d :
        List.of(
            ExporterWorkload.deployment(demo, assigned),
            ShadowMvsWorkload.deployment(demo, assigned))) {
      var sc = d.getSpec().getTemplate().getSpec().getSecurityContext();
      assertThat(sc.getRunAsNonRoot()).isTrue();
      assertThat(sc.getRunAsUser()).isNull();
      assertThat(sc.getRunAsGroup()).isNull();
      assertThat(sc.getFsGroup()).isNull();
      for (Container c : allContainers(d.getSpec().getTemplate().getSpec())) {
        assertThat(c.getSecurityContext().getRunAsUser()).as(c.getName()).isNull();
        assertThat(c.getSecurityContext().getRunAsNonRoot()).as(c.getName()).isTrue();
      }
    }
  }

  @Test
  void serviceMonitorsSetTheRunbookJobsAndSelectTheServicePortsByName() {
    Service exporter = ExporterWorkload.service(demo);
    Service shadow = ShadowMvsWorkload.service(demo);
    Map<String, Service> scraped =
        Map.of("demo-ai-live", exporter, "demo-watch-api", exporter, "demo-shadow-mvs", shadow);
    Map<ServiceMonitor, Service> monitors = new HashMap<>();
    for (ServiceMonitor sm : Monitors.forJobs(demo, true)) {
      monitors.put(sm, scraped.get(sm.getMetadata().getName()));
    }
    assertThat(monitors.values()).doesNotContainNull().hasSize(3);
    Map<String, String> jobs = new HashMap<>();
    monitors.forEach(
        (sm, svc) -> {
          var ep = sm.getSpec().getEndpoints().get(0);
          assertThat(svc.getSpec().getPorts()).extracting(p -> p.getName()).contains(ep.getPort());
          assertThat(svc.getMetadata().getLabels())
              .containsAllEntriesOf(sm.getSpec().getSelector().getMatchLabels());
          assertThat(sm.getSpec().getNamespaceSelector().getMatchNames())
              .containsExactly("peaktrade");
          assertThat(sm.getMetadata().getLabels())
              .containsEntry("release", "kube-prometheus-stack");
          var relabel = ep.getRelabelings().get(0);
          assertThat(relabel.getTargetLabel()).isEqualTo("job");
          assertThat(relabel.getAction()).isEqualTo("replace");
          jobs.put(ep.getPort(), relabel.getReplacement());
        });
    assertThat(jobs)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "ai-live",
                "ai_live",
                "watch-api",
                "execution_watch_api",
                "shadow-mvs",
                "shadow_mvs"));
    // the Service's targetPort names must exist on the pod's containers
    List<String> containerPorts =
        Stream.concat(
                ExporterWorkload.deployment(demo, CONFIG)
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .stream(),
                ShadowMvsWorkload.deployment(demo, CONFIG)
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .stream())
            .flatMap(c -> c.getPorts().stream())
            .map(p -> p.getName())
            .toList();
    Stream.of(exporter, shadow)
        .flatMap(s -> s.getSpec().getPorts().stream())
        .forEach(p -> assertThat(containerPorts).contains(p.getTargetPort().getStrVal()));
  }

  @Test
  void theNetworkPolicyDeniesAllEgressAndAdmitsOnlyTheMetricsPorts() {
    NetworkPolicy np = NoLiveNetworkPolicy.desired(demo, CONFIG);
    assertThat(np.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(np.getSpec().getEgress()).isEmpty();
    assertThat(np.getSpec().getIngress())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getPorts())
                  .extracting(p -> p.getPort().getIntVal())
                  .containsExactlyInAnyOrder(9109, 9110, 9111);
              assertThat(rule.getPorts()).allMatch(p -> p.getProtocol().equals("TCP"));
              assertThat(rule.getFrom())
                  .as("only from the Prometheus namespaces, never from the whole cluster")
                  .singleElement()
                  .satisfies(
                      peer -> {
                        assertThat(peer.getPodSelector()).isNull();
                        assertThat(peer.getIpBlock()).isNull();
                        var expr = peer.getNamespaceSelector().getMatchExpressions().get(0);
                        assertThat(expr.getKey()).isEqualTo("kubernetes.io/metadata.name");
                        assertThat(expr.getOperator()).isEqualTo("In");
                        assertThat(expr.getValues()).containsExactly("monitoring");
                      });
            });
    for (Deployment d :
        List.of(
            ExporterWorkload.deployment(demo, CONFIG),
            ShadowMvsWorkload.deployment(demo, CONFIG))) {
      assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
          .containsAllEntriesOf(np.getSpec().getPodSelector().getMatchLabels());
    }
  }

  @Test
  void ownedObjectsNameTheDemoAsController() {
    var ref = ExporterWorkload.deployment(demo, CONFIG).getMetadata().getOwnerReferences().get(0);
    assertThat(ref.getController()).isTrue();
    assertThat(ref.getBlockOwnerDeletion()).isTrue();
    assertThat(ref.getApiVersion()).isEqualTo("peaktrade.io/v1alpha1");
    assertThat(ref.getUid()).isEqualTo(demo.getMetadata().getUid());
  }

  /**
   * The CRD refuses labels under the operator's prefixes; if such a spec gets in anyway, every
   * operator label still wins on every object that carries user labels: the informers select owned
   * objects by them, and a lost managed-by label would hide the object from its informer.
   */
  @Test
  void operatorLabelsWinOverUserLabelsOnEveryObject() {
    Map<String, String> ours = DemoObjects.labels(demo, DemoObjects.Component.AI_LIVE_MONITOR);
    demo.getSpec().serviceMonitor.labels =
        ours.keySet().stream().map(k -> new ExecutionWatchDemoSpec.LabelSpec(k, "x")).toList();
    assertThat(SpecValidator.check(demo))
        .as("refused by the operator's check")
        .hasSize(ours.size());
    for (String key : ours.keySet()) {
      demo.getSpec().dashboard.labelKey = key;
      demo.getSpec().dashboard.labelValue = "x";
      List<HasMetadata> built = new ArrayList<>(Monitors.forJobs(demo, true));
      built.add(AlertRules.desired(demo));
      built.add(Dashboard.configMap(demo));
      for (var o : built) {
        assertThat(o.getMetadata().getLabels().get(key))
            .as("%s keeps the operator's %s", o.getMetadata().getName(), key)
            .isNotNull()
            .isNotEqualTo("x");
      }
    }
  }
}
