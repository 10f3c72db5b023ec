package io.peaktrade.watch.operator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mock API server with {@link ApiServerDispatcher} answers as kube-apiserver v1.31 does, rule
 * by rule (each rule's source is named in {@link KubeApiServerRules}, {@link BuiltInDefaults} and
 * {@link StructuralSchema}): what the operator's tests rely on when they count its writes.
 */
class KubeApiServerRulesTest {

  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new ApiServerDispatcher(), false);
    server.init();
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  private static Deployment deployment() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("d")
        .withNamespace("ns")
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .addToMatchLabels("app", "d")
        .endSelector()
        .withNewStrategy()
        .withType("Recreate")
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", "d")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("c")
        .withImage("registry.local/x:1.0")
        .addNewPort()
        .withContainerPort(9110)
        .endPort()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withNewPort(9110)
        .endHttpGet()
        .endReadinessProbe()
        .withNewResources()
        .addToLimits("cpu", new Quantity("1000m"))
        .addToLimits("memory", new Quantity("1024Mi"))
        .addToRequests("cpu", new Quantity("0.5"))
        .addToRequests("memory", new Quantity("100.5u"))
        .endResources()
        .endContainer()
        .addNewVolume()
        .withName("v")
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  @Test
  void aDeploymentIsStoredWithItsDefaultsAndCanonicalQuantities() {
    Deployment created = client.resource(deployment()).create();
    Deployment stored = client.apps().deployments().inNamespace("ns").withName("d").get();
    assertThat(created).as("the answer to the create is what was stored").isEqualTo(stored);
    var spec = stored.getSpec();
    assertThat(spec.getReplicas()).isEqualTo(1);
    assertThat(spec.getRevisionHistoryLimit()).isEqualTo(10);
    assertThat(spec.getProgressDeadlineSeconds()).isEqualTo(600);
    assertThat(spec.getStrategy().getType()).isEqualTo("Recreate");
    assertThat(spec.getStrategy().getRollingUpdate()).as("only RollingUpdate gets one").isNull();
    var pod = spec.getTemplate().getSpec();
    assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirst");
    assertThat(pod.getRestartPolicy()).isEqualTo("Always");
    assertThat(pod.getSchedulerName()).isEqualTo("default-scheduler");
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
    assertThat(pod.getSecurityContext()).isNotNull();
    assertThat(pod.getEnableServiceLinks()).as("SetDefaults_Pod only, not a template").isNull();
    assertThat(pod.getVolumes().get(0).getEmptyDir()).as("a volume without source").isNotNull();
    var c = pod.getContainers().get(0);
    assertThat(c.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(c.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
    assertThat(c.getTerminationMessagePolicy()).isEqualTo("File");
    assertThat(c.getPorts().get(0).getProtocol()).isEqualTo("TCP");
    var probe = c.getReadinessProbe();
    assertThat(List.of(probe.getTimeoutSeconds(), probe.getPeriodSeconds())).containsExactly(1, 10);
    assertThat(List.of(probe.getSuccessThreshold(), probe.getFailureThreshold()))
        .containsExactly(1, 3);
    assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTP");
    assertThat(probe.getHttpGet().getPath()).isEqualTo("/");
    Map<String, String> limits = new HashMap<>();
    c.getResources().getLimits().forEach((k, v) -> limits.put(k, v.toString()));
    Map<String, String> requests = new HashMap<>();
    c.getResources().getRequests().forEach((k, v) -> requests.put(k, v.toString()));
    assertThat(limits).containsEntry("cpu", "1").containsEntry("memory", "1Gi");
    assertThat(requests)
        .as("0.5 is 500m; 100.5u rounds up to a milli-unit")
        .containsEntry("cpu", "500m")
        .containsEntry("memory", "1m");
    assertThat(stored.getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  void imagePullPolicyFollowsTheTag() {
    assertThat(BuiltInDefaults.tagIsLatest("busybox")).isTrue();
    assertThat(BuiltInDefaults.tagIsLatest("busybox:latest")).isTrue();
    assertThat(BuiltInDefaults.tagIsLatest("registry.local:5000/busybox")).isTrue();
    assertThat(BuiltInDefaults.tagIsLatest("registry.local:5000/busybox:1.36")).isFalse();
    assertThat(BuiltInDefaults.tagIsLatest("busybox@sha256:" + "ab".repeat(32))).isFalse();
  }

  @Test
  void generationMovesWithTheSpecAndAnnotationsNotWithStatusOrLabels() {
    client.resource(deployment()).create();
    var deployments = client.apps().deployments().inNamespace("ns").withName("d");
    deployments.edit(d -> withLabel(d, "extra", "label"));
    assertThat(deployments.get().getMetadata().getGeneration()).isEqualTo(1L);
    Deployment withStatus = deployments.get();
    withStatus.setStatus(new DeploymentStatusBuilder().withReplicas(1).build());
    client.resource(withStatus).updateStatus();
    assertThat(deployments.get().getMetadata().getGeneration()).isEqualTo(1L);
    deployments.edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(0).endSpec().build());
    assertThat(deployments.get().getMetadata().getGeneration()).isEqualTo(2L);
    deployments.edit(
        d ->
            new DeploymentBuilder(d)
                .editMetadata()
                .addToAnnotations("a", "b")
                .endMetadata()
                .build());
    assertThat(deployments.get().getMetadata().getGeneration())
        .as("a Deployment's annotations count (deployment/strategy.go)")
        .isEqualTo(3L);
  }

  private static Deployment withLabel(Deployment d, String key, String value) {
    return new DeploymentBuilder(d).editMetadata().addToLabels(key, value).endMetadata().build();
  }

  @Test
  void statusChangesOnlyThroughItsSubresource() {
    client.resource(deployment()).create();
    var deployments = client.apps().deployments().inNamespace("ns").withName("d");
    Deployment d = deployments.get();
    d.setStatus(new DeploymentStatusBuilder().withAvailableReplicas(1).build());
    client.resource(d).update();
    assertThat(deployments.get().getStatus().getAvailableReplicas())
        .as("an update of the main resource keeps the stored status")
        .isNull();
    d = deployments.get();
    d.setStatus(new DeploymentStatusBuilder().withAvailableReplicas(1).build());
    d.getSpec().setReplicas(5);
    client.resource(d).updateStatus();
    Deployment stored = deployments.get();
    assertThat(stored.getStatus().getAvailableReplicas()).isEqualTo(1);
    assertThat(stored.getSpec().getReplicas())
        .as("an update of /status keeps the stored spec")
        .isEqualTo(1);
  }

  @Test
  void anUpdateWithAStaleResourceVersionIsAConflict() {
    client.resource(deployment()).create();
    var deployments = client.apps().deployments().inNamespace("ns").withName("d");
    Deployment cached = deployments.get();
    deployments.edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(0).endSpec().build());
    cached.getSpec().setReplicas(3);
    assertThatThrownBy(() -> client.resource(cached).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }

  @Test
  void anUpdateThatChangesNothingIsNoWriteAndNoEvent() throws Exception {
    client.resource(deployment()).create();
    var deployments = client.apps().deployments().inNamespace("ns").withName("d");
    String version = deployments.get().getMetadata().getResourceVersion();
    List<Watcher.Action> events = new CopyOnWriteArrayList<>();
    try (Watch ignored =
        deployments.watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, Deployment resource) {
                events.add(action);
              }

              @Override
              public void onClose(WatcherException cause) {}
            })) {
      // The same object again, without the defaults the server added: nothing changes.
      Deployment again = deployment();
      again.getMetadata().setResourceVersion(version);
      Deployment answer = client.resource(again).update();
      assertThat(answer.getMetadata().getResourceVersion()).isEqualTo(version);
      deployments.edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(2).endSpec().build());
      org.awaitility.Awaitility.await().until(() -> events.contains(Watcher.Action.MODIFIED));
    }
    assertThat(events).as("only the real change").containsOnlyOnce(Watcher.Action.MODIFIED);
  }

  @Test
  void aServiceGetsAndKeepsItsClusterIpAndDefaults() {
    Service svc =
        new ServiceBuilder()
            .withNewMetadata()
            .withName("s")
            .withNamespace("ns")
            .endMetadata()
            .withNewSpec()
            .addToSelector("app", "d")
            .addNewPort()
            .withName("ai-live")
            .withPort(9110)
            .endPort()
            .endSpec()
            .build();
    client.resource(svc).create();
    var services = client.services().inNamespace("ns").withName("s");
    Service stored = services.get();
    assertThat(stored.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(stored.getSpec().getSessionAffinity()).isEqualTo("None");
    assertThat(stored.getSpec().getInternalTrafficPolicy()).isEqualTo("Cluster");
    assertThat(stored.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
    assertThat(stored.getSpec().getPorts().get(0).getProtocol()).isEqualTo("TCP");
    assertThat(stored.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(9110);
    String ip = stored.getSpec().getClusterIP();
    assertThat(ip).isNotBlank();
    assertThat(stored.getSpec().getClusterIPs()).containsExactly(ip);
    // An update as the operator sends it: its own spec, without the allocated addresses.
    svc.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
    svc.getSpec().getPorts().get(0).setName("renamed");
    client.resource(svc).update();
    assertThat(services.get().getSpec().getClusterIP()).isEqualTo(ip);
  }

  @Test
  void aNetworkPolicyGetsItsPolicyTypesAndPortProtocols() {
    NetworkPolicy np =
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withName("p")
            .withNamespace("ns")
            .endMetadata()
            .withNewSpec()
            .withNewPodSelector()
            .addToMatchLabels("app", "d")
            .endPodSelector()
            .addNewIngress()
            .addNewPort()
            .withNewPort(9110)
            .endPort()
            .endIngress()
            .endSpec()
            .build();
    client.resource(np).create();
    NetworkPolicy stored =
        client.network().v1().networkPolicies().inNamespace("ns").withName("p").get();
    assertThat(stored.getSpec().getPolicyTypes())
        .as("no egress rules: Ingress only")
        .containsExactly("Ingress");
    assertThat(stored.getSpec().getIngress().get(0).getPorts().get(0).getProtocol())
        .isEqualTo("TCP");
  }

  @Test
  void aConfigMapIsStoredAsGiven() {
    ConfigMap cm =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("c")
            .withNamespace("ns")
            .endMetadata()
            .addToData("k", "v")
            .build();
    client.resource(cm).create();
    ConfigMap stored = client.configMaps().inNamespace("ns").withName("c").get();
    assertThat(stored.getData()).isEqualTo(Map.of("k", "v"));
  }

  @Test
  void aCustomResourceIsPrunedAndDefaultedByItsSchema() throws IOException {
    CustomResourceDefinition crd;
    try (InputStream in =
        getClass().getResourceAsStream("/prometheus-operator/servicemonitors.yaml")) {
      crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
    }
    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    GenericKubernetesResource monitor =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("monitoring.coreos.com/v1")
            .withKind("ServiceMonitor")
            .withNewMetadata()
            .withName("m")
            .withNamespace("ns")
            .endMetadata()
            .addToAdditionalProperties(
                "spec",
                Map.of(
                    "selector",
                    Map.of("matchLabels", Map.of("app", "d")),
                    "unknownField",
                    "dropped",
                    "endpoints",
                    List.of(
                        Map.of(
                            "port",
                            "ai-live",
                            "relabelings",
                            List.of(Map.of("targetLabel", "job", "replacement", "ai_live"))))))
            .build();
    client.resource(monitor).create();
    GenericKubernetesResource stored =
        client
            .genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor")
            .inNamespace("ns")
            .withName("m")
            .get();
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) stored.getAdditionalProperties().get("spec");
    assertThat(spec).doesNotContainKey("unknownField");
    assertThat(spec.toString()).contains("action=replace");
    assertThat(stored.getMetadata().getGeneration()).isEqualTo(1L);
  }
}
