package io.peaktrade.watch.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.peaktrade.watch.contracts.Jobs;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.model.Dashboard;
import io.peaktrade.watch.operator.model.OperatorVersion;
import io.peaktrade.watch.operator.model.WorkloadConfig;
import io.peaktrade.watch.operator.runtime.OperatorPermissions;
import io.peaktrade.watch.operator.runtime.OperatorPermissions.Scope;
import io.peaktrade.watch.operator.runtime.OperatorSettings;
import io.peaktrade.watch.operator.validation.SpecValidator;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tier 3: the chart through a real Helm engine (helm-java). */
class ChartTest {

  /** Every documented values combination. */
  static Stream<Arguments> combinations() {
    return Stream.of(
        Arguments.of("defaults", Map.of()),
        Arguments.of("demo", Map.of("demo.enabled", "true")),
        Arguments.of(
            "demo without watch API, once",
            Map.of(
                "demo.enabled",
                "true",
                "demo.watchApi.enabled",
                "false",
                "demo.emitter.mode",
                "once")),
        Arguments.of(
            "watched namespaces",
            Map.of("watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b")),
        Arguments.of("all namespaces", Map.of("watchAllNamespaces", "true")),
        Arguments.of(
            "pinned exporter image, default-deny egress",
            Map.of(
                "demo.enabled",
                "true",
                "exporterImage.digest",
                "sha256:" + "a".repeat(64),
                "networkPolicy.denyEgressByDefault",
                "true")),
        Arguments.of("operator ServiceMonitor", Map.of("metrics.serviceMonitor.enabled", "true")),
        Arguments.of("no leader election", Map.of("leaderElection.enabled", "false")),
        Arguments.of(
            "existing service account",
            Map.of("serviceAccount.create", "false", "serviceAccount.name", "ops")),
        Arguments.of(
            "other Prometheus release",
            Map.of(
                "demo.enabled",
                "true",
                "demo.serviceMonitor.labels.release",
                "monitoring",
                "metrics.serviceMonitor.enabled",
                "true",
                "metrics.serviceMonitor.labels.release",
                "monitoring")));
  }

  @Test
  void lintStrictPasses() {
    LintResult lint = new Helm(Chart.DIR).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void everyCombinationRendersValidTypedObjects(String name, Map<String, Object> values) {
    List<HasMetadata> objects = Chart.render(values);
    assertThat(objects).isNotEmpty();
    for (HasMetadata o : objects) {
      String what = o.getKind() + " " + o.getMetadata().getName();
      assertThat(unknownFields(o)).as(what + " has fields its model does not know").isEmpty();
      Map<String, String> labels = o.getMetadata().getLabels();
      assertThat(labels)
          .as(what)
          .containsKeys(
              "app.kubernetes.io/name",
              "app.kubernetes.io/instance",
              "app.kubernetes.io/version",
              "app.kubernetes.io/component",
              "app.kubernetes.io/managed-by");
    }
    Deployment d = Chart.one(objects, Deployment.class);
    Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getResources().getLimits()).containsKey("memory");
    // the published operator image of this version, from the registry the build names
    assertThat(c.getImage())
        .isEqualTo(
            OperatorVersion.REGISTRY + "/execution-watch-operator:" + OperatorVersion.VERSION);
  }

  /** Names of fields that landed in additionalProperties anywhere in the object graph. */
  static List<String> unknownFields(Object root) {
    List<String> found = new ArrayList<>();
    walk(root, "", found, Collections.newSetFromMap(new IdentityHashMap<>()));
    return found;
  }

  private static void walk(Object o, String path, List<String> found, Set<Object> seen) {
    if (o == null || !seen.add(o)) {
      return;
    }
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> walk(v, path + "." + k, found, seen));
      return;
    }
    if (o instanceof Collection<?> col) {
      col.forEach(v -> walk(v, path + "[]", found, seen));
      return;
    }
    String pkg = o.getClass().getPackageName();
    if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.peaktrade")) {
      return;
    }
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0
          || !m.getName().startsWith("get")
          || m.getName().equals("getClass")) {
        continue;
      }
      try {
        Object v = m.invoke(o);
        if (m.getName().equals("getAdditionalProperties")) {
          if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
            found.add(path + " " + extra.keySet());
          }
        } else {
          walk(v, path + "." + m.getName().substring(3), found, seen);
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // computed getters of CRD types (e.g. getPlural) may throw: not data
      }
    }
  }

  private static boolean covers(List<PolicyRule> rules, OperatorPermissions.Rule needed) {
    for (String resource : needed.resources()) {
      for (String verb : needed.verbs()) {
        boolean ok =
            rules.stream()
                .anyMatch(
                    r ->
                        r.getApiGroups().contains(needed.apiGroup())
                            && r.getResources().contains(resource)
                            && r.getVerbs().contains(verb));
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void rbacByDefaultIsTheReleaseNamespaceOnly() {
    List<HasMetadata> objects = Chart.render(Map.of());
    ClusterRole cluster = Chart.one(objects, ClusterRole.class);
    List<Role> roles = Chart.all(objects, Role.class);
    assertThat(roles).allMatch(r -> r.getMetadata().getNamespace().equals(Chart.NAMESPACE));
    for (OperatorPermissions.Rule r : OperatorPermissions.RULES) {
      boolean clusterWide = covers(cluster.getRules(), r);
      assertThat(clusterWide).as("cluster-wide only " + r).isEqualTo(r.scope() == Scope.CLUSTER);
      if (r.scope() != Scope.CLUSTER) {
        assertThat(roles).as(r.toString()).anyMatch(x -> covers(x.getRules(), r));
      }
    }
    assertThat(cluster.getRules())
        .as("cluster-wide the operator only reads")
        .allMatch(r -> List.of("get", "list", "watch").containsAll(r.getVerbs()));
    assertThat(Chart.operatorEnv(objects, "WATCH_NAMESPACES")).isEqualTo(Chart.NAMESPACE);
    assertThat(Chart.notes(Map.of())).doesNotContain("WARNING");
  }

  @Test
  void watchingAllNamespacesIsAnOptInWithAWarning() {
    List<HasMetadata> objects = Chart.render(Map.of("watchAllNamespaces", "true"));
    ClusterRole cluster = Chart.one(objects, ClusterRole.class);
    Role leases = Chart.one(objects, Role.class);
    for (OperatorPermissions.Rule r : OperatorPermissions.RULES) {
      List<PolicyRule> where =
          r.scope() == Scope.OPERATOR_NAMESPACE ? leases.getRules() : cluster.getRules();
      assertThat(covers(where, r)).as(r.toString()).isTrue();
    }
    assertThat(cluster.getRules())
        .noneMatch(r -> r.getVerbs().contains("*") || r.getResources().contains("*"));
    assertThat(Chart.operatorEnv(objects, "WATCH_NAMESPACES")).isEmpty();
    assertThat(Chart.notes(Map.of("watchAllNamespaces", "true")))
        .contains("WARNING")
        .contains("EVERY namespace");
  }

  @Test
  void theOwnerReferencesBlockOwnerDeletionIsAllowed() {
    // kube-apiserver's OwnerReferencesPermissionEnforcement: update on the owner's finalizers
    assertThat(
            covers(
                Chart.all(Chart.render(Map.of()), Role.class).stream()
                    .flatMap(r -> r.getRules().stream())
                    .toList(),
                new OperatorPermissions.Rule(
                    Scope.WATCHED_NAMESPACES,
                    "peaktrade.io",
                    List.of("executionwatchdemos/finalizers"),
                    List.of("update"))))
        .isTrue();
  }

  @Test
  void theOperatorGetsTheExporterImageAndPrometheusNamespacesFromValues() {
    List<HasMetadata> objects =
        Chart.render(
            Map.of(
                "exporterImage.repository",
                "ew",
                "exporterImage.registry",
                "registry.local",
                "exporterImage.tag",
                "1.2.3",
                "exporterImage.digest",
                "sha256:" + "b".repeat(64),
                "networkPolicy.prometheusNamespaces[0]",
                "observability"));
    assertThat(Chart.operatorEnv(objects, "EXPORTER_IMAGE"))
        .isEqualTo("registry.local/ew:1.2.3@sha256:" + "b".repeat(64));
    assertThat(Chart.operatorEnv(objects, "PROMETHEUS_NAMESPACES")).isEqualTo("observability");
    // the operator accepts exactly this configuration
    assertThat(
            OperatorSettings.fromEnvironment(
                    Map.of(
                        "EXPORTER_IMAGE", Chart.operatorEnv(objects, "EXPORTER_IMAGE"),
                        "PROMETHEUS_NAMESPACES",
                            Chart.operatorEnv(objects, "PROMETHEUS_NAMESPACES")))
                .workloads()
                .exporterImage())
        .isEqualTo(Chart.operatorEnv(objects, "EXPORTER_IMAGE"));
  }

  /**
   * Each release is its own operator instance on the demos it reconciles (release namespace and a
   * name from the release alone), so two releases whose watched namespaces overlap never both
   * reconcile a demo; and renaming the release's objects (the 0.2.0 names, an override) keeps the
   * instance, so the release never becomes a stranger to its own demos.
   */
  @Test
  void eachReleaseNamesItsOperatorInstanceAndTheOperatorAcceptsIt() {
    String instance = Chart.operatorEnv(Chart.render(Map.of()), "OPERATOR_INSTANCE");
    assertThat(instance)
        .as("release execution-watch: the name chart 0.1.0 gave it")
        .isEqualTo(Chart.NAMESPACE + "/execution-watch-execution-watch-operator");
    assertThat(
            Chart.operatorEnv(
                Chart.render(Map.of("fullnameOverride", "other", "nameOverride", "x")),
                "OPERATOR_INSTANCE"))
        .as("object names do not rename the instance")
        .isEqualTo(instance);
    assertThat(
            Chart.operatorEnv(
                Chart.render(Map.of(), "peak-execution-watch-operator"), "OPERATOR_INSTANCE"))
        .isEqualTo(Chart.NAMESPACE + "/peak-execution-watch-operator");
    assertThat(OperatorSettings.fromEnvironment(Map.of("OPERATOR_INSTANCE", instance)).instance())
        .isEqualTo(instance);
    assertThat(Chart.notes(Map.of("watchAllNamespaces", true)))
        .contains("Operator instance: " + instance)
        .contains("also watches these namespaces")
        .contains("kubectl annotate ewd <name> -n <namespace> execution-watch.peaktrade.io/owner-");
  }

  @Test
  void theOperatorGetsTheGrafanaInstanceSelectorFromValues() {
    assertThat(Chart.operatorEnv(Chart.render(Map.of()), "GRAFANA_INSTANCE_LABELS"))
        .isEqualTo("dashboards=grafana");
    List<HasMetadata> objects =
        Chart.render(Map.of("grafanaOperator.instanceSelector.matchLabels.team", "peak-trade"));
    String labels = Chart.operatorEnv(objects, "GRAFANA_INSTANCE_LABELS");
    assertThat(labels).isEqualTo("dashboards=grafana,team=peak-trade");
    assertThat(
            OperatorSettings.fromEnvironment(Map.of("GRAFANA_INSTANCE_LABELS", labels))
                .workloads()
                .grafanaInstanceLabels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("dashboards", "grafana", "team", "peak-trade"));
  }

  @Test
  void theOperatorsLogLevelAndFormatComeFromValuesAndTheOperatorAcceptsThem() {
    List<HasMetadata> objects = Chart.render(Map.of("logLevel", "DEBUG", "logFormat", "json"));
    assertThat(Chart.operatorEnv(objects, "LOG_LEVEL")).isEqualTo("DEBUG");
    assertThat(Chart.operatorEnv(objects, "LOG_FORMAT")).isEqualTo("json");
    OperatorSettings.fromEnvironment(
        Map.of(
            "LOG_LEVEL",
            Chart.operatorEnv(objects, "LOG_LEVEL"),
            "LOG_FORMAT",
            Chart.operatorEnv(objects, "LOG_FORMAT")));
    assertThat(Chart.operatorEnv(Chart.render(Map.of()), "LOG_FORMAT")).isEqualTo("text");
    assertThatThrownBy(() -> Chart.template(Map.of("logFormat", "xml")))
        .hasMessageContaining("logFormat");
  }

  @Test
  void theDefaultDenyEgressFencesTheNamespaceButTheOperatorAndTheTest() {
    List<HasMetadata> objects =
        Chart.render(Map.of("demo.enabled", "true", "networkPolicy.denyEgressByDefault", "true"));
    List<NetworkPolicy> policies = Chart.all(objects, NetworkPolicy.class);
    assertThat(policies).hasSize(3);
    var deny = named(policies, "default-deny-egress");
    assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
    assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Egress");
    assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
    Pod test = Chart.one(objects, Pod.class);
    var testPolicy = named(policies, "test-egress");
    assertThat(test.getMetadata().getLabels())
        .containsAllEntriesOf(testPolicy.getSpec().getPodSelector().getMatchLabels());
    Deployment operator = Chart.one(objects, Deployment.class);
    var operatorPolicy = named(policies, "operator-egress");
    assertThat(operator.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(operatorPolicy.getSpec().getPodSelector().getMatchLabels());
    assertThat(
            test.getMetadata()
                .getLabels()
                .entrySet()
                .containsAll(operatorPolicy.getSpec().getPodSelector().getMatchLabels().entrySet()))
        .as("the test pod gets no allow-all egress")
        .isFalse();
    assertThat(Chart.all(Chart.render(Map.of()), NetworkPolicy.class))
        .as("off by default")
        .isEmpty();
  }

  private static <T extends HasMetadata> T named(List<T> objects, String suffix) {
    return objects.stream()
        .filter(o -> o.getMetadata().getName().endsWith(suffix))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void rbacForGivenNamespacesUsesRolesThere() {
    List<HasMetadata> objects =
        Chart.render(Map.of("watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b"));
    ClusterRole cluster = Chart.one(objects, ClusterRole.class);
    List<Role> roles = Chart.all(objects, Role.class);
    assertThat(roles)
        .extracting(r -> r.getMetadata().getNamespace())
        .as("watched: the release namespace and the listed ones; and the release's lease Role")
        .containsExactlyInAnyOrder("team-a", "team-b", Chart.NAMESPACE, Chart.NAMESPACE);
    for (OperatorPermissions.Rule r : OperatorPermissions.RULES) {
      switch (r.scope()) {
        case CLUSTER -> assertThat(covers(cluster.getRules(), r)).as(r.toString()).isTrue();
        case WATCHED_NAMESPACES -> {
          assertThat(covers(cluster.getRules(), r))
              .as("least privilege: not cluster-wide " + r)
              .isFalse();
          roles.stream()
              .filter(x -> x.getMetadata().getNamespace().startsWith("team-"))
              .forEach(
                  x ->
                      assertThat(covers(x.getRules(), r))
                          .as(r + " in " + x.getMetadata().getNamespace())
                          .isTrue());
        }
        case OPERATOR_NAMESPACE ->
            assertThat(
                    roles.stream()
                        .filter(x -> x.getMetadata().getNamespace().equals(Chart.NAMESPACE))
                        .anyMatch(x -> covers(x.getRules(), r)))
                .isTrue();
      }
    }
    assertThat(Chart.operatorEnv(objects, "WATCH_NAMESPACES"))
        .isEqualTo(Chart.NAMESPACE + ",team-a,team-b");
  }

  /**
   * The CRD sits in the chart's crds/ folder: Helm installs it before rendering the templates (so
   * the demo can be a plain release resource), never deletes it on uninstall, skips it when it
   * exists already (a second release) or with --skip-crds. It is the top-level file, byte for byte.
   */
  @Test
  void theChartShipsTheTopLevelCrdInItsCrdsFolder() throws Exception {
    Path top = Path.of("../crds/" + ExecutionWatchDemo.CRD_NAME + "-v1.yml");
    assertThat(
            Files.readString(Chart.DIR.resolve("crds/" + ExecutionWatchDemo.CRD_NAME + "-v1.yml")))
        .as("chart CRD copy is stale: cp crds/*.yml helm/execution-watch-operator/crds/")
        .isEqualTo(Files.readString(top));
    assertThat(Chart.all(Chart.render(Map.of()), CustomResourceDefinition.class))
        .as("not a template: Helm would own it, upgrade it into a second release's conflict, and")
        .isEmpty();
  }

  /**
   * The demo is an ordinary resource of the release, not a hook: real `helm template` (which drops
   * hooks) renders it, so install creates it once, upgrade patches its spec in place (no
   * delete-and-recreate), and uninstall deletes it; its owned objects follow by garbage collection.
   */
  @Test
  void theDemoIsAPlainReleaseResourceWithTheValues() {
    String manifest =
        Chart.template(
            Map.of(
                "demo.enabled",
                "true",
                "demo.emitter.rate",
                "5",
                "demo.serviceMonitor.labels.release",
                "monitoring"));
    assertThat(manifest).contains("kind: ExecutionWatchDemo");
    ExecutionWatchDemo demo =
        Chart.one(
            Chart.render(
                Map.of(
                    "demo.enabled",
                    "true",
                    "demo.emitter.rate",
                    "5",
                    "demo.serviceMonitor.labels.release",
                    "monitoring")),
            ExecutionWatchDemo.class);
    assertThat(demo.getMetadata().getAnnotations()).doesNotContainKey("helm.sh/hook");
    assertThat(demo.getSpec().emitter.rate).isEqualTo(5.0);
    assertThat(demo.getSpec().serviceMonitor.labels)
        .singleElement()
        .satisfies(l -> assertThat(l.name + "=" + l.value).isEqualTo("release=monitoring"));
    assertThat(demo.getSpec().noLive).isTrue();
    assertThat(SpecValidator.check(demo)).isEmpty();
    assertThat(Chart.all(Chart.render(Map.of()), ExecutionWatchDemo.class)).isEmpty();
  }

  /**
   * Helm 4 creates and updates with strict field validation (pkg/kube/client.go at v4.2.4), so the
   * API server refuses a demo with any field its CRD does not name; Helm 3 would let it be pruned.
   * Every field the chart renders into the demo, with every value set, is in the CRD's schema.
   */
  @Test
  void theRenderedDemoHasOnlyFieldsTheCrdNamesAsHelm4Requires() throws Exception {
    String manifest = Chart.template(Map.of("demo.enabled", "true"));
    String doc =
        Stream.of(manifest.split("(?m)^---\\s*$"))
            .filter(d -> d.contains("kind: ExecutionWatchDemo"))
            .findFirst()
            .orElseThrow();
    var yaml = new ObjectMapper(new YAMLFactory());
    var demo = yaml.readTree(doc);
    var crd =
        yaml.readTree(
            Chart.DIR.resolve("crds/" + ExecutionWatchDemo.CRD_NAME + "-v1.yml").toFile());
    var schema = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    List<String> unknown = new ArrayList<>();
    unknownFields("spec", demo.path("spec"), schema.path("properties").path("spec"), unknown);
    assertThat(demo.path("spec").size()).isPositive();
    assertThat(unknown).as("fields the CRD does not name").isEmpty();
  }

  private static void unknownFields(
      String path, JsonNode value, JsonNode schema, List<String> unknown) {
    if (value.isObject()) {
      value
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (schema.path("properties").has(name)) {
                  unknownFields(
                      path + "." + name,
                      value.get(name),
                      schema.path("properties").get(name),
                      unknown);
                } else if (!schema.path("additionalProperties").isObject()) {
                  unknown.add(path + "." + name);
                }
              });
    } else if (value.isArray()) {
      for (var item : value) {
        unknownFields(path + "[]", item, schema.path("items"), unknown);
      }
    }
  }

  /** The chart's copies of the operator's rules and dashboard are the repository's files. */
  @Test
  void theOperatorsAlertsAndDashboardInTheChartAreTheRepositorysFiles() throws Exception {
    for (String[] pair :
        new String[][] {
          {
            "../alerts/execution-watch-operator.rules.yaml",
            "files/execution-watch-operator.rules.yaml"
          },
          {"../dashboards/execution-watch-operator.json", "files/execution-watch-operator.json"}
        }) {
      assertThat(Files.readString(Chart.DIR.resolve(pair[1])))
          .as("%s is a copy of %s (cp them again)", pair[1], pair[0])
          .isEqualTo(Files.readString(Path.of(pair[0])));
    }
  }

  @Test
  void theOperatorsAlertsAreAPrometheusRuleOfTheSameRulesWithRunbookLinks() throws Exception {
    assertThat(Chart.all(Chart.render(Map.of()), PrometheusRule.class)).isEmpty();
    Map<String, Object> values = new java.util.HashMap<>();
    values.put("operatorAlerts.enabled", "true");
    values.put("metrics.serviceMonitor.enabled", "true");
    values.put("operatorAlerts.runbookBaseUrl", "https://git.example.com/peaktrade/ew/blob/main/");
    List<HasMetadata> objects = Chart.render(values);
    PrometheusRule rule = Chart.one(objects, PrometheusRule.class);
    assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    JsonNode file =
        new ObjectMapper(new YAMLFactory())
            .readTree(Path.of("../alerts/execution-watch-operator.rules.yaml").toFile());
    var rules = rule.getSpec().getGroups().get(0).getRules();
    assertThat(rules).hasSize(file.path("groups").get(0).path("rules").size());
    for (int i = 0; i < rules.size(); i++) {
      JsonNode expected = file.path("groups").get(0).path("rules").get(i);
      assertThat(rules.get(i).getAlert()).isEqualTo(expected.path("alert").asText());
      assertThat(rules.get(i).getExpr().getStrVal().trim())
          .isEqualTo(expected.path("expr").asText().trim());
      assertThat(rules.get(i).getAnnotations().get("runbook_url"))
          .isEqualTo(
              "https://git.example.com/peaktrade/ew/blob/main/"
                  + expected.path("annotations").path("runbook_url").asText());
    }
    ServiceMonitor monitor = Chart.one(objects, ServiceMonitor.class);
    assertThat(monitor.getSpec().getEndpoints().get(0).getRelabelings())
        .anySatisfy(
            r -> {
              assertThat(r.getTargetLabel()).isEqualTo("job");
              assertThat(r.getReplacement()).isEqualTo(Jobs.OPERATOR);
            });
    assertThat(file.toString()).contains("job=\\\"" + Jobs.OPERATOR + "\\\"");
    assertThatThrownBy(() -> Chart.template(Map.of("operatorAlerts.enabled", "true")))
        .hasMessageContaining("needs metrics.serviceMonitor.enabled=true");
  }

  @Test
  void theOperatorsDashboardIsASidecarConfigMapAndAGrafanaDashboardWhereGrafanaOperatorIs()
      throws Exception {
    Map<String, Object> values = Map.of("operatorDashboard.enabled", "true");
    String json = Files.readString(Path.of("../dashboards/execution-watch-operator.json"));
    List<HasMetadata> plain = Chart.render(values);
    assertThat(plain)
        .as("helm template knows no grafana-operator API")
        .noneMatch(o -> o.getKind().equals("GrafanaDashboard"));
    ConfigMap sidecar =
        Chart.all(plain, ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getName().endsWith("-dashboard"))
            .findFirst()
            .orElseThrow();
    assertThat(sidecar.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(sidecar.getMetadata().getAnnotations())
        .containsEntry("grafana_folder", "Peak_Trade/execution");
    assertThat(sidecar.getData()).containsEntry("execution-watch-operator.json", json);
    GenericKubernetesResource forOperator =
        Chart.renderWithApi("grafana.integreatly.org/v1beta1/GrafanaDashboard", values).stream()
            .filter(o -> o.getKind().equals("GrafanaDashboard"))
            .map(GenericKubernetesResource.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(forOperator.<String>get("spec", "json")).isEqualTo(json);
    assertThat(forOperator.<String>get("spec", "folder")).isEqualTo("execution");
    assertThat(forOperator.<Boolean>get("spec", "allowCrossNamespaceImport")).isTrue();
    assertThat(forOperator.<String>get("spec", "instanceSelector", "matchLabels", "dashboards"))
        .isEqualTo("grafana");
  }

  @Test
  void aParentChartsGlobalValuesAreAccepted() {
    assertThat(Chart.template(Map.of("global.imageRegistry", "registry.local")))
        .contains("kind: Deployment");
  }

  @Test
  void helmTestRunsTheRunbookCheckAgainstTheConfiguredPrometheus() {
    Pod test =
        Chart.one(
            Chart.render(
                Map.of(
                    "test.prometheusUrl",
                    "http://prom.monitoring.svc:9090",
                    "demo.enabled",
                    "true",
                    "demo.watchApi.enabled",
                    "false")),
            Pod.class);
    assertThat(test.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "test");
    Container c = test.getSpec().getContainers().get(0);
    assertThat(c.getImage()).isEqualTo(WorkloadConfig.DEFAULT_EXPORTER_IMAGE);
    assertThat(c.getArgs())
        .containsSubsequence("check", "--prometheus", "http://prom.monitoring.svc:9090")
        .contains("--no-watch-api");
    assertThat(test.getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(Chart.all(Chart.render(Map.of()), Pod.class))
        .as("no helm test without a demo to test")
        .isEmpty();
  }

  @Test
  void theOperatorServiceMonitorSelectsTheMetricsPort() {
    List<HasMetadata> objects = Chart.render(Map.of("metrics.serviceMonitor.enabled", "true"));
    ServiceMonitor sm = Chart.one(objects, ServiceMonitor.class);
    var svc = Chart.one(objects, Service.class);
    assertThat(svc.getSpec().getPorts())
        .extracting(p -> p.getName())
        .contains(sm.getSpec().getEndpoints().get(0).getPort());
    assertThat(svc.getMetadata().getLabels())
        .containsAllEntriesOf(sm.getSpec().getSelector().getMatchLabels());
    assertThat(sm.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
  }

  @Test
  void notesTellTheNextSteps() {
    String out = Chart.dryRunInstall(Map.of("demo.enabled", "true"));
    assertThat(out)
        .contains("kubectl -n peaktrade wait ewd/demo --for=condition=Ready")
        .contains("release=<its release name>")
        .contains("searchNamespace=ALL")
        .contains("http://localhost:9092")
        .contains("http://localhost:3000")
        .contains("helm test execution-watch -n peaktrade");
  }

  /**
   * A user of the packaged chart has none of the repository's files: NOTES show the demo's manifest
   * (the repository's examples/demo.yaml) instead of pointing at it, and say every sidecar value
   * the folder needs: without provider.foldersFromFilesStructure the grafana chart sets the
   * provider's fixed folder (templates/_config.tpl) and the dashboard lands in General.
   */
  @Test
  void notesNeedNothingButTheChart() throws Exception {
    String notes = Chart.notes(Map.of());
    assertThat(notes)
        .doesNotContain("examples/")
        .doesNotContain("hack/")
        .doesNotContain("kind-config")
        .contains("grafana.sidecar.dashboards.searchNamespace=ALL")
        .contains("grafana.sidecar.dashboards.folderAnnotation=" + Dashboard.FOLDER_ANNOTATION)
        .contains("grafana.sidecar.dashboards.provider.foldersFromFilesStructure=true");
    int heredoc = notes.indexOf("<<'EOF'\n") + "<<'EOF'\n".length();
    String manifest = notes.substring(heredoc, notes.indexOf("\nEOF\n", heredoc));
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    assertThat(yaml.readTree(manifest))
        .as("the manifest NOTES show is examples/demo.yaml")
        .isEqualTo(yaml.readTree(Path.of("../examples/demo.yaml").toFile()));
    for (Path doc :
        List.of(Chart.DIR.resolve("README.md"), Path.of("../docs/RUNBOOK-execution-watch.md"))) {
      assertThat(Files.readString(doc))
          .as("%s: wherever the sidecar is mentioned, the folder setting too", doc)
          .contains("foldersFromFilesStructure: true");
    }
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(Map.of("replicaCount", "two"), "replicaCount"),
        Arguments.of(Map.of("leaderElection.enabled", "yes"), "enabled"),
        Arguments.of(Map.of("demo.emitter.mode", "live"), "mode"),
        Arguments.of(Map.of("demo.runId", "Bad Id"), "runId"),
        Arguments.of(Map.of("image.pullPolicy", "Sometimes"), "pullPolicy"),
        Arguments.of(Map.of("tradingMode", "live"), "tradingMode"),
        Arguments.of(Map.of("demo.brokerUrl", "wss://x"), "brokerUrl"),
        Arguments.of(Map.of("test.prometheusUrl", "prometheus:9090"), "prometheusUrl"),
        Arguments.of(Map.of("demo.exporter.image", "trading-bot:latest"), "exporter"),
        Arguments.of(Map.of("exporterImage.digest", "latest"), "digest"),
        Arguments.of(
            Map.of("demo.name", "a-very-long-demo-name-that-cannot-fit-in-a-dns-label-x"), "name"),
        Arguments.of(
            Map.of("networkPolicy.prometheusNamespaces[0]", "Bad NS"), "prometheusNamespaces"));
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void theValuesSchemaRejectsBadValuesWithAClearMessage(
      Map<String, Object> values, String mentioned) {
    assertThatThrownBy(() -> Chart.template(values))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(mentioned);
  }
}
