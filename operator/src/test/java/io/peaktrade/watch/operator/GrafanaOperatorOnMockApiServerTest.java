package io.peaktrade.watch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.crd.CrdValidator;
import io.peaktrade.watch.operator.grafana.GrafanaDashboard;
import io.peaktrade.watch.operator.grafana.GrafanaFolder;
import io.peaktrade.watch.operator.model.Dashboard;
import io.peaktrade.watch.operator.model.WorkloadConfig;
import io.peaktrade.watch.operator.reconciler.StatusBuilder;
import io.peaktrade.watch.operator.runtime.OperatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tier 2, grafana-operator: with its CRDs installed the operator delivers each demo's dashboard as
 * a GrafanaDashboard in the folder Peak_Trade → execution (two GrafanaFolders per namespace, shared
 * by its demos); without them it writes nothing of grafana-operator's.
 */
class GrafanaOperatorOnMockApiServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GRAFANA_API = "/apis/grafana.integreatly.org/";
  private MockCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private <T extends HasMetadata> T awaitObject(Class<T> type, String ns, String name) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> cluster.client.resources(type).inNamespace(ns).withName(name).get(),
            o -> o != null);
  }

  private GrafanaDashboard dashboard(String ns, String demo) {
    return awaitObject(GrafanaDashboard.class, ns, demo + "-dashboard");
  }

  private GrafanaFolder folder(String ns, String name) {
    return awaitObject(GrafanaFolder.class, ns, name);
  }

  private static List<String> invalid(String plural, HasMetadata object) {
    return new CrdValidator(MockCluster.grafanaCrd(plural)).validate(JSON.valueToTree(object));
  }

  /** What the demo's status says of its dashboard. */
  private String dashboardCondition(String ns, String name) {
    ExecutionWatchDemo d =
        cluster.client.resources(ExecutionWatchDemo.class).inNamespace(ns).withName(name).get();
    if (d == null || d.getStatus() == null) {
      return "";
    }
    return d.getStatus().conditions.stream()
        .filter(c -> c.getType().equals(StatusBuilder.DASHBOARD))
        .map(c -> c.getStatus() + " " + c.getMessage())
        .findFirst()
        .orElse("");
  }

  private List<String> grafanaWrites() {
    return cluster.requests.mutating().stream().filter(r -> r.contains(GRAFANA_API)).toList();
  }

  @Test
  void withoutGrafanaOperatorNothingOfItIsWritten() {
    cluster = new MockCluster(true).startOperator();
    cluster.client.resource(Demos.demo("ns1", "demo")).create();
    cluster.markDemoAvailable("ns1", "demo");
    await().atMost(Duration.ofSeconds(20)).until(() -> cluster.isReady("ns1", "demo"));
    cluster.awaitQuiet();
    assertThat(cluster.requests.all()).noneMatch(r -> r.contains(GRAFANA_API));
    assertThat(dashboardCondition("ns1", "demo"))
        .startsWith("True Dashboard ConfigMap created")
        .doesNotContain("GrafanaDashboard");
  }

  /**
   * Demos of a namespace are reconciled in parallel and each creates the shared folders; the one
   * that loses the race (409 from the API server) has what it wanted and is not failed for it.
   */
  @Test
  void aDemoThatLosesTheRaceToCreateASharedFolderIsNotFailed() {
    cluster = new MockCluster(true);
    cluster.installGrafanaOperatorCrds();
    cluster.requests.loseRaceOnce("POST " + GRAFANA_API + "v1beta1/namespaces/ns1/grafanafolders");
    cluster.startOperator();
    cluster.client.resource(Demos.demo("ns1", "demo")).create();
    cluster.markDemoAvailable("ns1", "demo");
    dashboard("ns1", "demo");
    folder("ns1", "peak-trade");
    folder("ns1", "peak-trade-execution");
    await().atMost(Duration.ofSeconds(20)).until(() -> cluster.isReady("ns1", "demo"));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(dashboardCondition("ns1", "demo"))
                    .as("the status says what was delivered, and where")
                    .contains(
                        "GrafanaDashboard for grafana-operator (folder Peak_Trade → execution)"));
    assertThat(cluster.requests.racesNotRun()).as("the race was run").isEmpty();
    assertThat(cluster.client.v1().events().inNamespace("ns1").list().getItems())
        .filteredOn(e -> "Warning".equals(e.getType()))
        .extracting(e -> e.getReason() + ": " + e.getMessage())
        .isEmpty();

    // the same for a repair: another demo's update wins, this one's gets 409
    cluster.awaitQuiet();
    cluster.requests.loseRaceOnce(
        "PUT " + GRAFANA_API + "v1beta1/namespaces/ns1/grafanafolders/peak-trade");
    GrafanaFolder edited = folder("ns1", "peak-trade");
    edited.getSpec().title = "renamed by hand";
    cluster.client.resource(edited).update();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "Peak_Trade".equals(folder("ns1", "peak-trade").getSpec().title));
    cluster.awaitQuiet();
    assertThat(cluster.requests.racesNotRun()).as("the race was run").isEmpty();
    assertThat(cluster.client.v1().events().inNamespace("ns1").list().getItems())
        .filteredOn(e -> "Warning".equals(e.getType()))
        .extracting(e -> e.getReason() + ": " + e.getMessage())
        .isEmpty();
  }

  @Test
  void everyDemoGetsItsOwnDashboardInTheSharedFolderPeakTradeExecution() {
    cluster = new MockCluster(true);
    cluster.installGrafanaOperatorCrds();
    cluster.startOperator();
    for (String[] d :
        List.of(new String[] {"ns1", "a"}, new String[] {"ns1", "b"}, new String[] {"ns2", "c"})) {
      cluster.client.resource(Demos.demo(d[0], d[1])).create();
    }

    for (String ns : List.of("ns1", "ns2")) {
      GrafanaFolder parent = folder(ns, "peak-trade");
      GrafanaFolder execution = folder(ns, "peak-trade-execution");
      assertThat(parent.getSpec().title).isEqualTo("Peak_Trade");
      assertThat(parent.getSpec().parentFolderRef).isNull();
      assertThat(execution.getSpec().title).isEqualTo("execution");
      assertThat(execution.getSpec().parentFolderRef).isEqualTo("peak-trade");
      // the same Grafana folders from every namespace, owned by no demo, naming none
      assertThat(parent.getSpec().uid).isEqualTo("peak-trade");
      assertThat(execution.getSpec().uid).isEqualTo("peak-trade-execution");
      for (GrafanaFolder f : List.of(parent, execution)) {
        assertThat(f.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(f.getMetadata().getAnnotations())
            .doesNotContainKeys(
                Mappers.DEFAULT_ANNOTATION_FOR_NAME, Mappers.DEFAULT_ANNOTATION_FOR_NAMESPACE);
        assertThat(f.getSpec().instanceSelector.getMatchLabels())
            .isEqualTo(WorkloadConfig.DEFAULT_GRAFANA_INSTANCE_LABELS);
        assertThat(f.getSpec().allowCrossNamespaceImport).isTrue();
        assertThat(invalid("grafanafolders", f)).as(f.getMetadata().getName()).isEmpty();
      }
    }

    Set<String> uids = new HashSet<>();
    for (String[] d :
        List.of(new String[] {"ns1", "a"}, new String[] {"ns1", "b"}, new String[] {"ns2", "c"})) {
      GrafanaDashboard g = dashboard(d[0], d[1]);
      ExecutionWatchDemo demo =
          cluster.client.resources(ExecutionWatchDemo.class).inNamespace(d[0]).withName(d[1]).get();
      assertThat(g.getSpec().folderRef).isEqualTo("peak-trade-execution");
      assertThat(g.getSpec().json).isEqualTo(Dashboard.json(demo));
      assertThat(g.getMetadata().getOwnerReferences())
          .extracting(OwnerReference::getName, OwnerReference::getController)
          .containsExactly(Tuple.tuple(d[1], true));
      assertThat(invalid("grafanadashboards", g)).isEmpty();
      uids.add(readUid(g));
    }
    assertThat(uids).as("one Grafana uid per demo").hasSize(3);

    // demos of one namespace agree on the shared folders: once settled, nobody rewrites them
    cluster.awaitQuiet();
    cluster.requests.reset();
    cluster
        .client
        .resources(ExecutionWatchDemo.class)
        .inNamespace("ns1")
        .withName("a")
        .edit(
            x -> {
              x.getSpec().runId = "other";
              return x;
            });
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> readJson(dashboard("ns1", "a")).contains("other"));
    cluster.awaitQuiet();
    assertThat(grafanaWrites()).allMatch(r -> r.contains("/grafanadashboards/a-dashboard"));

    // a demo's deletion removes no folder (the others' dashboards are in it)
    cluster.requests.reset();
    cluster.client.resources(ExecutionWatchDemo.class).inNamespace("ns1").withName("a").delete();
    cluster.awaitQuiet();
    assertThat(grafanaWrites()).noneMatch(r -> r.contains("grafanafolders"));
    assertThat(cluster.client.resources(GrafanaFolder.class).inNamespace("ns1").list().getItems())
        .hasSize(2);
  }

  @Test
  void aDeletedFolderIsPutBack() {
    cluster = new MockCluster(true);
    cluster.installGrafanaOperatorCrds();
    cluster.startOperator();
    cluster.client.resource(Demos.demo("ns1", "demo")).create();
    folder("ns1", "peak-trade-execution");
    cluster
        .client
        .resources(GrafanaFolder.class)
        .inNamespace("ns1")
        .withName("peak-trade-execution")
        .delete();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                cluster
                        .client
                        .resources(GrafanaFolder.class)
                        .inNamespace("ns1")
                        .withName("peak-trade-execution")
                        .get()
                    != null);
  }

  @Test
  void grafanaOperatorInstalledLaterIsPickedUp() {
    cluster = new MockCluster(true).startOperator();
    cluster.client.resource(Demos.demo("ns1", "demo")).create();
    cluster.markDemoAvailable("ns1", "demo");
    await().atMost(Duration.ofSeconds(20)).until(() -> cluster.isReady("ns1", "demo"));
    cluster.installGrafanaOperatorCrds();
    // reconciles come with every spec change (and at least once a minute); the CRD is asked for
    // again at most every ten seconds
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              cluster
                  .client
                  .resources(ExecutionWatchDemo.class)
                  .inNamespace("ns1")
                  .withName("demo")
                  .edit(
                      x -> {
                        x.getSpec().emitter.rate = x.getSpec().emitter.rate == 2.0 ? 3.0 : 2.0;
                        return x;
                      });
              return cluster
                      .client
                      .resources(GrafanaDashboard.class)
                      .inNamespace("ns1")
                      .withName("demo-dashboard")
                      .get()
                  != null;
            });
    folder("ns1", "peak-trade-execution");
  }

  /**
   * grafana-operator lets instanceSelector change only by re-creation. The demo's own
   * GrafanaDashboard is replaced; a shared folder is not (deleting it deletes the Grafana folder
   * with every dashboard in it, hand-made ones too): it is reported with the command an admin would
   * run, and after that command the folders come back for the new instances.
   */
  @Test
  void anotherGrafanaSelectorReplacesTheDemosDashboardButNeverASharedFolder() {
    cluster = new MockCluster(true);
    cluster.installGrafanaOperatorCrds();
    cluster.startOperator();
    cluster.client.resource(Demos.demo("ns1", "demo")).create();
    cluster.markDemoAvailable("ns1", "demo");
    String before = dashboard("ns1", "demo").getMetadata().getUid();
    String folderUid = folder("ns1", "peak-trade-execution").getMetadata().getUid();
    cluster.awaitQuiet();
    cluster.stopOperator();

    cluster.requests.reset();
    WorkloadConfig w = MockCluster.WORKLOADS;
    cluster.startOperator(
        new OperatorSettings(
            Set.of(),
            false,
            "default",
            0,
            new WorkloadConfig(
                w.exporterImage(),
                w.imagePullPolicy(),
                w.prometheusNamespaces(),
                Map.of("grafana", "team-a"),
                w.podUid())));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                Map.of("grafana", "team-a")
                    .equals(dashboard("ns1", "demo").getSpec().instanceSelector.getMatchLabels()));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(dashboardCondition("ns1", "demo"))
                    .startsWith("False GrafanaFolder peak-trade")
                    .contains("targets the Grafana instances {dashboards=grafana}")
                    .contains("set to {grafana=team-a}")
                    .contains(
                        "kubectl delete grafanafolder peak-trade-execution peak-trade -n ns1"));
    cluster.awaitQuiet();
    assertThat(cluster.requests.mutating())
        .as("the demo's own dashboard is replaced")
        .anyMatch(r -> r.startsWith("DELETE ") && r.contains("/grafanadashboards/demo-dashboard"))
        .as("no shared folder is deleted or rewritten")
        .noneMatch(r -> !r.startsWith("GET ") && r.contains("/grafanafolders"));
    assertThat(dashboard("ns1", "demo").getMetadata().getUid()).isNotEqualTo(before);
    GrafanaFolder kept = folder("ns1", "peak-trade-execution");
    assertThat(kept.getMetadata().getUid()).isEqualTo(folderUid);
    assertThat(kept.getSpec().instanceSelector.getMatchLabels())
        .isEqualTo(Map.of("dashboards", "grafana"));
    assertThat(cluster.client.v1().events().inNamespace("ns1").list().getItems())
        .anySatisfy(
            e -> {
              assertThat(e.getReason()).isEqualTo("GrafanaFolderNotUsable");
              assertThat(e.getMessage()).contains("kubectl delete grafanafolder");
            });

    // the admin runs the command: the folders come back for the new instances
    cluster.client.resources(GrafanaFolder.class).inNamespace("ns1").delete();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(folder("ns1", "peak-trade-execution"))
                    .isNotNull()
                    .extracting(f -> f.getSpec().instanceSelector.getMatchLabels())
                    .isEqualTo(Map.of("grafana", "team-a")));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(dashboardCondition("ns1", "demo")).startsWith("True "));
  }

  /** A folder of the same name someone made by hand is never changed, deleted, or claimed. */
  @Test
  void aFolderExecutionWatchDidNotCreateIsLeftAloneAndSaidSo() {
    cluster = new MockCluster(true);
    cluster.installGrafanaOperatorCrds();
    GrafanaFolder mine = new GrafanaFolder();
    mine.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("peak-trade-execution")
            .withNamespace("ns1")
            .build());
    mine.setSpec(new GrafanaFolder.Spec());
    mine.getSpec().title = "my own";
    mine.getSpec().targetInstances(Map.of("dashboards", "grafana"));
    GrafanaFolder created = cluster.client.resource(mine).create();
    cluster.startOperator();
    cluster.client.resource(Demos.demo("ns1", "demo")).create();
    cluster.markDemoAvailable("ns1", "demo");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(dashboardCondition("ns1", "demo"))
                    .startsWith(
                        "False GrafanaFolder peak-trade-execution exists but was not"
                            + " created by Execution Watch"));
    cluster.awaitQuiet();
    GrafanaFolder after =
        cluster
            .client
            .resources(GrafanaFolder.class)
            .inNamespace("ns1")
            .withName("peak-trade-execution")
            .get();
    assertThat(after.getMetadata().getResourceVersion())
        .as("never written")
        .isEqualTo(created.getMetadata().getResourceVersion());
    assertThat(after.getSpec().title).isEqualTo("my own");
    assertThat(cluster.requests.mutating())
        .noneMatch(r -> r.contains("/grafanafolders/peak-trade-execution"));
  }

  private static String readJson(GrafanaDashboard g) {
    return g.getSpec().json;
  }

  private static String readUid(GrafanaDashboard g) {
    try {
      JsonNode model = JSON.readTree(g.getSpec().json);
      return model.path("uid").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
