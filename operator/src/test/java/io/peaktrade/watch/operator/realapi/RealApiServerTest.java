package io.peaktrade.watch.operator.realapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfig;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.peaktrade.watch.operator.Demos;
import io.peaktrade.watch.operator.ExecutionWatchOperator;
import io.peaktrade.watch.operator.MockCluster;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.crd.CrdTest;
import io.peaktrade.watch.operator.crd.SpecRulesAgreementTest;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tier 2b: a real kube-apiserver and etcd (fabric8's kube-api-test, with the envtest binaries
 * Kubernetes' controller-tools publishes), for what the mock API server cannot show: the committed
 * CRD through the real structural-schema checks and CEL (including its cost estimator, which
 * refuses a CRD whose rules could cost too much), the examples accepted and every hostile fixture
 * refused by the API server itself, and the operator, exactly as shipped, reconciling a demo to
 * Ready, writing nothing in the steady state and putting drift back. No controller manager runs (no
 * garbage collector, no Deployment controller): Deployment status is written by the test.
 *
 * <p>It needs the binaries: where they are not under ~/.kubeapitest (or KUBE_API_TEST_DIR) and
 * {@code -Dkubeapi.download=true} is not given it skips, in one line. The workflow's api-server job
 * runs it with downloads on; our machines cannot reach the download (GitHub).
 */
class RealApiServerTest {

  /** The kind cluster's minor version (kind-config.yaml, hack/toolchains.env "pinned"). */
  private static final String VERSION = System.getProperty("kubeapi.version", "1.31.*");

  private static final String NS = "peaktrade";
  private static final Duration RESYNC = Duration.ofSeconds(2);

  private static KubeAPIServer api;
  private static KubernetesClient client;

  /** Why the tier cannot run here, or null. */
  private static String skipped;

  private static void assumeServer() {
    Assumptions.assumeTrue(skipped == null, skipped);
  }

  @BeforeAll
  static void start() throws IOException {
    boolean download = Boolean.getBoolean("kubeapi.download");
    KubeAPIServerConfig config =
        KubeAPIServerConfigBuilder.anAPIServerConfig()
            .withApiServerVersion(VERSION)
            .withOfflineMode(!download)
            .withUpdateKubeConfig(false)
            .build();
    Path binaries = Path.of(config.getKubeAPITestDir(), "k8s");
    if (!download && !hasBinaries(binaries)) {
      skipped =
          "Real kube-apiserver tier skipped: no envtest binaries (kube-apiserver, etcd, kubectl)"
              + " under "
              + binaries
              + "; -Dkubeapi.download=true fetches Kubernetes "
              + VERSION
              + " from GitHub (the kind-e2e workflow's api-server job does).";
      System.err.println(skipped);
      return;
    }
    api = new KubeAPIServer(config);
    api.start();
    client = clientFor(List.of());
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    install(committedCrd());
    for (String[] crd :
        new String[][] {
          {"prometheus-operator", "servicemonitors"}, {"prometheus-operator", "prometheusrules"},
          {"grafana-operator", "grafanafolders"}, {"grafana-operator", "grafanadashboards"}
        }) {
      install(testCrd(crd[0], crd[1]));
    }
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (api != null) {
      api.stop();
    }
  }

  private static boolean hasBinaries(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> versions = Files.list(dir)) {
      return versions.anyMatch(
          v ->
              Stream.of("kube-apiserver", "etcd", "kubectl")
                  .allMatch(b -> Files.isExecutable(v.resolve(b))));
    }
  }

  /** A client of the test's API server; its write requests (not GET) land in {@code writes}. */
  private static KubernetesClient clientFor(List<String> writes) {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(api.getKubeConfigYaml()))
        .withHttpClientBuilderConsumer(
            b ->
                b.addOrReplaceInterceptor(
                    "count-writes",
                    new Interceptor() {
                      @Override
                      public void before(
                          BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        if (!request.method().equals("GET")) {
                          writes.add(request.method() + " " + request.uri().getPath());
                        }
                      }
                    }))
        .build();
  }

  /** The CRD as committed (what users apply), not the one in the build's output. */
  private static CustomResourceDefinition committedCrd() throws IOException {
    try (InputStream in = Files.newInputStream(CrdTest.COMMITTED)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    }
  }

  private static CustomResourceDefinition testCrd(String operator, String plural)
      throws IOException {
    try (InputStream in =
        RealApiServerTest.class.getResourceAsStream("/" + operator + "/" + plural + ".yaml")) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    }
  }

  private static void install(CustomResourceDefinition crd) {
    client.resource(crd).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(crd.getMetadata().getName())
                    .get()
                    .getStatus()
                    .getConditions()
                    .stream()
                    .anyMatch(
                        c -> c.getType().equals("Established") && c.getStatus().equals("True")));
  }

  @Test
  void theCommittedCrdPassesTheApiServersSchemaAndCelChecks() {
    assumeServer();
    CustomResourceDefinition stored =
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(ExecutionWatchDemo.CRD_NAME)
            .get();
    assertThat(stored.getStatus().getConditions())
        .as("Established, names accepted, no NonStructuralSchema")
        .anySatisfy(c -> assertThat(c.getType()).isEqualTo("NamesAccepted"))
        .noneSatisfy(c -> assertThat(c.getType()).isEqualTo("NonStructuralSchema"));
  }

  @Test
  void theExamplesAreAcceptedAndEveryFixtureGetsItsVerdict() throws IOException {
    assumeServer();
    try (Stream<Path> examples = Files.list(Path.of("..", "examples"))) {
      for (Path example : examples.sorted().toList()) {
        GenericKubernetesResource demo =
            Serialization.unmarshal(Files.readString(example), GenericKubernetesResource.class);
        demo.getMetadata().setNamespace(NS);
        client.resource(demo).dryRun().create();
      }
    }
    for (JsonNode f : SpecRulesAgreementTest.fixtures()) {
      GenericKubernetesResource demo =
          Serialization.unmarshal(f.path("resource").toString(), GenericKubernetesResource.class);
      demo.getMetadata().setNamespace(NS);
      String fixture = f.path("fixture").asText();
      if (f.path("valid").asBoolean()) {
        client.resource(demo).dryRun().create();
      } else {
        assertThatThrownBy(() -> client.resource(demo).dryRun().create())
            .as(fixture)
            .isInstanceOfSatisfying(
                KubernetesClientException.class,
                e -> {
                  assertThat(e.getCode()).as(fixture).isEqualTo(422);
                  assertThat(e.getMessage())
                      .as(fixture)
                      .containsIgnoringCase(f.path("why").asText());
                });
      }
    }
    for (Path invalid : invalidFixtures()) {
      GenericKubernetesResource demo =
          Serialization.unmarshal(Files.readString(invalid), GenericKubernetesResource.class);
      demo.getMetadata().setNamespace(NS);
      assertThatThrownBy(() -> client.resource(demo).dryRun().create())
          .as(invalid.getFileName().toString())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    }
  }

  private static List<Path> invalidFixtures() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src", "test", "resources", "invalid"))) {
      return files.sorted().toList();
    }
  }

  @Test
  void theOperatorReconcilesADemoWritesNothingInTheSteadyStateAndPutsDriftBack() {
    assumeServer();
    List<String> writes = new CopyOnWriteArrayList<>();
    KubernetesClient operatorClient = clientFor(writes);
    PrometheusRegistry registry = new PrometheusRegistry();
    ExecutionWatchOperator operator =
        new ExecutionWatchOperator(
            operatorClient, MockCluster.DEFAULT_SETTINGS.withResyncInterval(RESYNC), registry);
    operator.start();
    try {
      ExecutionWatchDemo demo = Demos.demo(NS, "demo");
      demo.getMetadata().setUid(null);
      demo.getMetadata().setGeneration(null);
      client.resource(demo).create();
      for (String name : List.of("demo-exporter", "demo-shadow-mvs")) {
        await().atMost(Duration.ofSeconds(30)).until(() -> deployment(name) != null);
        markAvailable(name);
      }
      await().atMost(Duration.ofSeconds(30)).until(this::ready);

      // Steady state: three more reconciles, at least two by the resync, and nothing written.
      List<String> versions = ownedVersions();
      writes.clear();
      double before = MockCluster.reconciliations(registry);
      await()
          .atMost(RESYNC.multipliedBy(10))
          .until(() -> MockCluster.reconciliations(registry) >= before + 3);
      assertThat(writes).as("the operator's writes in the steady state").isEmpty();
      assertThat(ownedVersions()).as("resourceVersions of the owned objects").isEqualTo(versions);

      // Drift on a pod template is put back.
      client
          .apps()
          .deployments()
          .inNamespace(NS)
          .withName("demo-exporter")
          .edit(
              d -> {
                d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("other:1");
                return d;
              });
      await()
          .atMost(RESYNC.multipliedBy(10))
          .until(
              () ->
                  deployment("demo-exporter")
                      .getSpec()
                      .getTemplate()
                      .getSpec()
                      .getContainers()
                      .get(0)
                      .getImage()
                      .equals(MockCluster.WORKLOADS.exporterImage()));
    } finally {
      operator.stop();
      operatorClient.close();
    }
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  /** No kubelet or Deployment controller here: the status a cluster would write. */
  private void markAvailable(String name) {
    Deployment d = deployment(name);
    d.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(d.getMetadata().getGeneration())
            .withReplicas(1)
            .withReadyReplicas(1)
            .withAvailableReplicas(1)
            .build());
    client.resource(d).updateStatus();
  }

  private boolean ready() {
    ExecutionWatchDemo d =
        client.resources(ExecutionWatchDemo.class).inNamespace(NS).withName("demo").get();
    return d.getStatus() != null
        && d.getStatus().conditions.stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  private List<String> ownedVersions() {
    List<HasMetadata> owned = new ArrayList<>();
    owned.addAll(client.apps().deployments().inNamespace(NS).list().getItems());
    owned.addAll(client.services().inNamespace(NS).list().getItems());
    owned.addAll(
        client
            .configMaps()
            .inNamespace(NS)
            .withLabel("app.kubernetes.io/managed-by")
            .list()
            .getItems());
    owned.addAll(client.network().v1().networkPolicies().inNamespace(NS).list().getItems());
    return owned.stream()
        .map(
            o ->
                o.getKind()
                    + "/"
                    + o.getMetadata().getName()
                    + "@"
                    + o.getMetadata().getResourceVersion())
        .sorted()
        .toList();
  }
}
