package io.peaktrade.watch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.model.ExporterWorkload;
import io.peaktrade.watch.operator.model.NoLiveNetworkPolicy;
import io.peaktrade.watch.operator.model.ObservedMatch;
import io.peaktrade.watch.operator.model.ShadowMvsWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No-live layer 3 on the mock API server, tried the way an attacker or a careless user would: every
 * kind of drift on the NetworkPolicy and on the demo's pod templates is put back, the workloads run
 * only while the policy is in place exactly, and the status says so from what it observed. A CR
 * carrying fields of an earlier schema (image, environment, free resources) gets pods that run
 * nothing but the configured image with the operator's own flags.
 */
class NoLiveOnMockApiServerTest {

  private static final String NS = "peaktrade";
  private static final Duration WITHIN_ONE_RESYNC = Duration.ofSeconds(60);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private MockCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private ExecutionWatchDemo startWithDemo() {
    cluster = new MockCluster(false).startOperator();
    cluster.client.resource(Demos.demo(NS, "demo")).create();
    cluster.markDemoAvailable(NS, "demo");
    await().atMost(Duration.ofSeconds(20)).until(() -> cluster.isReady(NS, "demo"));
    return demo();
  }

  private ExecutionWatchDemo demo() {
    return cluster
        .client
        .resources(ExecutionWatchDemo.class)
        .inNamespace(NS)
        .withName("demo")
        .get();
  }

  private NetworkPolicy policy() {
    return cluster.networkPolicy(NS, "demo-no-live");
  }

  private Deployment deployment(String name) {
    return cluster.deployment(NS, name);
  }

  /** The condition's status (or reason), "" while the operator has not written a status yet. */
  private String condition(String type, boolean reason) {
    ExecutionWatchDemo d = demo();
    if (d == null || d.getStatus() == null) {
      return "";
    }
    return d.getStatus().conditions.stream()
        .filter(c -> c.getType().equals(type))
        .map(c -> reason ? c.getReason() : c.getStatus())
        .findFirst()
        .orElse("");
  }

  /** Changes the demo's NetworkPolicy as a user with kubectl edit would. */
  private void editPolicy(Consumer<NetworkPolicy> change) {
    cluster
        .client
        .resources(NetworkPolicy.class)
        .inNamespace(NS)
        .withName("demo-no-live")
        .edit(
            p -> {
              change.accept(p);
              return p;
            });
  }

  /** Changes one of the demo's Deployments as a user with kubectl edit would. */
  private void editDeployment(String name, Consumer<Deployment> change) {
    cluster
        .client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName(name)
        .edit(
            d -> {
              change.accept(d);
              return d;
            });
  }

  private static NetworkPolicy desiredPolicy(ExecutionWatchDemo d) {
    return NoLiveNetworkPolicy.desired(d, MockCluster.WORKLOADS);
  }

  private static Deployment desiredWorkload(ExecutionWatchDemo d, String name) {
    return name.endsWith("-exporter")
        ? ExporterWorkload.deployment(d, MockCluster.WORKLOADS)
        : ShadowMvsWorkload.deployment(d, MockCluster.WORKLOADS);
  }

  static Stream<Arguments> policyDrift() {
    return Stream.of(
        Arguments.of(
            "an allow-all egress rule",
            (Consumer<NetworkPolicy>)
                p ->
                    p.getSpec().setEgress(new ArrayList<>(List.of(new NetworkPolicyEgressRule())))),
        Arguments.of(
            "ingress from every namespace",
            (Consumer<NetworkPolicy>)
                p ->
                    p.getSpec()
                        .getIngress()
                        .add(
                            new NetworkPolicyIngressRuleBuilder()
                                .addNewFrom()
                                .withNamespaceSelector(new LabelSelectorBuilder().build())
                                .endFrom()
                                .build())),
        Arguments.of(
            "a pod selector that selects other pods",
            (Consumer<NetworkPolicy>)
                p ->
                    p.getSpec()
                        .setPodSelector(
                            new LabelSelectorBuilder().withMatchLabels(Map.of("x", "y")).build())),
        Arguments.of(
            "Egress dropped from the policy types",
            (Consumer<NetworkPolicy>)
                p -> p.getSpec().setPolicyTypes(new ArrayList<>(List.of("Ingress")))),
        Arguments.of(
            "the ingress source removed",
            (Consumer<NetworkPolicy>) p -> p.getSpec().getIngress().get(0).setFrom(null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policyDrift")
  void driftOnTheNetworkPolicyIsPutBack(String what, Consumer<NetworkPolicy> drift) {
    ExecutionWatchDemo d = startWithDemo();
    editPolicy(p -> drift.accept(p));
    await()
        .atMost(WITHIN_ONE_RESYNC)
        .until(() -> ObservedMatch.networkPolicyExact(desiredPolicy(d), policy()));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> condition("NoLiveEnforced", false).equals("True"));
  }

  @Test
  void aDeletedNetworkPolicyIsPutBack() {
    ExecutionWatchDemo d = startWithDemo();
    cluster.client.resources(NetworkPolicy.class).inNamespace(NS).withName("demo-no-live").delete();
    await()
        .atMost(WITHIN_ONE_RESYNC)
        .until(() -> ObservedMatch.networkPolicyExact(desiredPolicy(d), policy()));
  }

  static Stream<Arguments> podDrift() {
    return Stream.of(
        Arguments.of("hostNetwork", (Consumer<PodSpec>) p -> p.setHostNetwork(true)),
        Arguments.of("hostPID", (Consumer<PodSpec>) p -> p.setHostPID(true)),
        Arguments.of(
            "an extra container",
            (Consumer<PodSpec>)
                p ->
                    p.getContainers()
                        .add(
                            new ContainerBuilder()
                                .withName("sidecar")
                                .withImage("busybox")
                                .build())),
        Arguments.of(
            "an extra init container",
            (Consumer<PodSpec>)
                p ->
                    p.getInitContainers()
                        .add(
                            new ContainerBuilder().withName("setup").withImage("busybox").build())),
        Arguments.of(
            "envFrom a Secret",
            (Consumer<PodSpec>)
                p ->
                    first(p)
                        .getEnvFrom()
                        .add(
                            new EnvFromSourceBuilder()
                                .withNewSecretRef()
                                .withName("broker-credentials")
                                .endSecretRef()
                                .build())),
        Arguments.of(
            "JAVA_TOOL_OPTIONS replaced",
            (Consumer<PodSpec>)
                p ->
                    first(p)
                        .getEnv()
                        .add(
                            new EnvVarBuilder()
                                .withName("JAVA_TOOL_OPTIONS")
                                .withValue("-XX:OnOutOfMemoryError=wget")
                                .build())),
        Arguments.of(
            "a foreign image", (Consumer<PodSpec>) p -> first(p).setImage("trading-bot:1")),
        Arguments.of("other args", (Consumer<PodSpec>) p -> first(p).setArgs(List.of("--live"))),
        Arguments.of("a command", (Consumer<PodSpec>) p -> first(p).setCommand(List.of("/bin/sh"))),
        Arguments.of(
            "a hostPath volume",
            (Consumer<PodSpec>)
                p ->
                    p.getVolumes()
                        .add(
                            new VolumeBuilder()
                                .withName("host")
                                .withNewHostPath()
                                .withPath("/")
                                .endHostPath()
                                .build())),
        Arguments.of(
            "a service account with its token",
            (Consumer<PodSpec>)
                p -> {
                  p.setServiceAccountName("default");
                  p.setAutomountServiceAccountToken(true);
                }),
        Arguments.of(
            "a privileged container",
            (Consumer<PodSpec>) p -> first(p).getSecurityContext().setPrivileged(true)),
        Arguments.of(
            "root", (Consumer<PodSpec>) p -> p.getSecurityContext().setRunAsNonRoot(false)),
        Arguments.of("no resource limits", (Consumer<PodSpec>) p -> first(p).setResources(null)));
  }

  private static Container first(PodSpec p) {
    return p.getContainers().get(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("podDrift")
  void driftOnAPodTemplateIsPutBack(String what, Consumer<PodSpec> drift) {
    ExecutionWatchDemo d = startWithDemo();
    for (String name : List.of("demo-exporter", "demo-shadow-mvs")) {
      editDeployment(name, dep -> drift.accept(dep.getSpec().getTemplate().getSpec()));
    }
    for (String name : List.of("demo-exporter", "demo-shadow-mvs")) {
      await()
          .atMost(WITHIN_ONE_RESYNC)
          .until(() -> ObservedMatch.workloadExact(desiredWorkload(d, name), deployment(name)));
    }
  }

  @Test
  void podLabelsTheNetworkPolicySelectsByArePutBack() {
    ExecutionWatchDemo d = startWithDemo();
    editDeployment(
        "demo-exporter",
        dep ->
            dep.getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels()
                .remove("app.kubernetes.io/instance"));
    await()
        .atMost(WITHIN_ONE_RESYNC)
        .until(
            () ->
                ObservedMatch.workloadExact(
                    desiredWorkload(d, "demo-exporter"), deployment("demo-exporter")));
  }

  @Test
  void whileThePolicyCannotBePutBackTheWorkloadsRunNoPodAndTheStatusSaysWhy() {
    startWithDemo();
    cluster.requests.refuse("PUT /apis/networking.k8s.io/v1/namespaces/" + NS + "/networkpolicies");
    cluster.requests.refuse(
        "POST /apis/networking.k8s.io/v1/namespaces/" + NS + "/networkpolicies");
    editPolicy(p -> p.getSpec().setEgress(new ArrayList<>(List.of(new NetworkPolicyEgressRule()))));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(condition("NoLiveEnforced", false)).isEqualTo("False");
              assertThat(condition("NoLiveEnforced", true)).isEqualTo("NetworkPolicyWriteFailed");
              assertThat(condition("Ready", true)).isEqualTo("WorkloadsStopped");
              assertThat(deployment("demo-exporter").getSpec().getReplicas()).isZero();
              assertThat(deployment("demo-shadow-mvs").getSpec().getReplicas()).isZero();
            });
    assertThat(cluster.client.v1().events().inNamespace(NS).list().getItems())
        .anyMatch(e -> e.getReason().equals("NetworkPolicyWriteFailed"));

    cluster.requests.allowAll();
    await()
        .atMost(WITHIN_ONE_RESYNC)
        .untilAsserted(
            () -> {
              assertThat(condition("NoLiveEnforced", false)).isEqualTo("True");
              assertThat(deployment("demo-exporter").getSpec().getReplicas()).isOne();
            });
  }

  @Test
  void aMissingPolicyThatCannotBeCreatedKeepsEveryPodAway() {
    cluster = new MockCluster(false).startOperator();
    cluster.requests.refuse(
        "POST /apis/networking.k8s.io/v1/namespaces/" + NS + "/networkpolicies");
    cluster.client.resource(Demos.demo(NS, "demo")).create();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(condition("NoLiveEnforced", true)).isEqualTo("NetworkPolicyWriteFailed");
              for (String name : List.of("demo-exporter", "demo-shadow-mvs")) {
                Deployment dep = deployment(name);
                assertThat(dep == null || dep.getSpec().getReplicas() == 0).as(name).isTrue();
              }
            });
  }

  @Test
  void thePolicyIsWrittenBeforeAnyWorkload() {
    startWithDemo();
    List<String> writes = cluster.requests.mutating();
    int policy =
        indexOf(writes, "POST /apis/networking.k8s.io/v1/namespaces/" + NS + "/networkpolicies");
    int firstDeployment = indexOf(writes, "POST /apis/apps/v1/namespaces/" + NS + "/deployments");
    assertThat(policy).as("policy created").isNotNegative();
    assertThat(firstDeployment).as("deployment created").isGreaterThan(policy);
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A CR in the shape of the old schema (or written where the API server did not prune): image,
   * environment, JVM flags, $(VAR) expansion and free resources are there in the stored object, and
   * none of them reaches a pod.
   */
  @Test
  void fieldsOfAnOlderSchemaReachNoContainer() throws Exception {
    cluster = new MockCluster(false).startOperator();
    GenericKubernetesResource hostile =
        JSON.unmarshal(
            """
            apiVersion: peaktrade.io/v1alpha1
            kind: ExecutionWatchDemo
            metadata: {name: demo, namespace: peaktrade}
            spec:
              exporter: {image: "registry.example.com/trading-bot:latest", imagePullPolicy: Always}
              extraEnv:
                - {name: KRAKEN_PRIVATE_KEY, value: secret}
                - {name: JAVA_TOOL_OPTIONS, value: "-XX:OnOutOfMemoryError=wget"}
                - {name: P, value: ht}
                - {name: FEED, value: "$(P)tps://api.kraken.com:443"}
              resources: {limits: {}, requests: {}}
            """,
            GenericKubernetesResource.class);
    cluster.client.resource(hostile).create();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> deployment("demo-exporter") != null && deployment("demo-shadow-mvs") != null);
    for (String name : List.of("demo-exporter", "demo-shadow-mvs")) {
      PodSpec pod = deployment(name).getSpec().getTemplate().getSpec();
      List<Container> all = new ArrayList<>(pod.getInitContainers());
      all.addAll(pod.getContainers());
      for (Container c : all) {
        assertThat(c.getImage()).as(c.getName()).isEqualTo(MockCluster.WORKLOADS.exporterImage());
        assertThat(c.getCommand()).as(c.getName()).isNullOrEmpty();
        assertThat(c.getEnvFrom()).as(c.getName()).isNullOrEmpty();
        assertThat(c.getEnv())
            .as(c.getName())
            .allSatisfy(
                e -> {
                  assertThat(e.getName())
                      .isIn(
                          "PEAK_TRADE_NO_LIVE",
                          "PEAK_TRADE_AI_EVENTS_JSONL",
                          "PEAK_TRADE_AI_RUN_ID",
                          "PEAK_TRADE_AI_COMPONENT");
                  assertThat(e.getValueFrom()).isNull();
                  assertThat(e.getValue()).doesNotContain("$(");
                });
        assertThat(c.getEnv())
            .as("the JVM options are the image's: no variable can carry others")
            .noneMatch(e -> e.getName().equals("JAVA_TOOL_OPTIONS"));
        assertThat(c.getArgs()).as(c.getName()).noneMatch(a -> a.contains("$("));
        assertThat(c.getResources().getLimits()).as(c.getName()).containsKeys("cpu", "memory");
      }
    }
  }

  /** Every example reaches the emitters and the exporter with its own run id and component. */
  @Test
  void everyExampleReachesThePodsWithItsRunIdAndComponent() throws Exception {
    cluster = new MockCluster(false).startOperator();
    List<Path> examples;
    try (Stream<Path> files = Files.list(Path.of("../examples"))) {
      examples = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
    for (Path example : examples) {
      ExecutionWatchDemo d = JSON.unmarshal(Files.readString(example), ExecutionWatchDemo.class);
      d.getMetadata().setNamespace(NS);
      cluster.client.resource(d).create();
      String name = d.getMetadata().getName() + "-exporter";
      await().atMost(Duration.ofSeconds(20)).until(() -> deployment(name) != null);
      PodSpec pod = deployment(name).getSpec().getTemplate().getSpec();
      List<Container> emitters = new ArrayList<>(pod.getInitContainers());
      pod.getContainers().stream()
          .filter(c -> c.getName().equals("emitter"))
          .forEach(emitters::add);
      for (Container c : emitters) {
        assertThat(c.getArgs())
            .as("%s %s", example, c.getName())
            .containsSubsequence("--run-id", d.getSpec().runId)
            .containsSubsequence("--component", d.getSpec().component);
      }
      Container aiLive =
          pod.getContainers().stream()
              .filter(c -> c.getName().equals("ai-live"))
              .findFirst()
              .orElseThrow();
      assertThat(aiLive.getEnv())
          .anyMatch(
              e ->
                  e.getName().equals("PEAK_TRADE_AI_RUN_ID")
                      && e.getValue().equals(d.getSpec().runId));
    }
  }
}
