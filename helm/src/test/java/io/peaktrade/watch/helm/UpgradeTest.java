package io.peaktrade.watch.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRuleBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `helm upgrade` from the previous release (the chart as 0.1.0 was: src/test/resources/releases) to
 * this chart: what Helm cannot change in place fails here. Helm's upgrade (pkg/kube/client.go
 * Update at v3.16.4) patches objects of the same kind and name, creates new ones and deletes the
 * ones the new chart no longer renders; a patch of an immutable field (a Deployment's selector, a
 * binding's roleRef) is refused by the API server and fails the upgrade. Hooks (the helm test pod)
 * are not release resources: a renamed one is never deleted. CRDs in crds/ are never upgraded by
 * Helm; the user applies them (chart README, "Upgrading").
 */
class UpgradeTest {

  static final Path PREVIOUS =
      Path.of("src/test/resources/releases/execution-watch-operator-0.1.0");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<Map<String, Object>> VALUE_SETS =
      List.of(
          Map.of(),
          Map.of("demo.enabled", true, "metrics.serviceMonitor.enabled", true),
          Map.of("watchNamespaces[0]", "team-a", "networkPolicy.denyEgressByDefault", true),
          Map.of("watchAllNamespaces", true, "operatorDashboard.enabled", true));

  @TempDir Path tmp;

  private static Map<String, HasMetadata> byKindAndName(List<HasMetadata> objects) {
    Map<String, HasMetadata> out = new LinkedHashMap<>();
    objects.forEach(
        o ->
            out.put(
                o.getKind()
                    + " "
                    + o.getMetadata().getNamespace()
                    + "/"
                    + o.getMetadata().getName(),
                o));
    return out;
  }

  private static String upgradingSection() throws IOException {
    String readme = Files.readString(Chart.DIR.resolve("README.md"));
    int at = readme.indexOf("## Upgrading");
    assertThat(at).as("the chart README's Upgrading section").isNotNegative();
    int next = readme.indexOf("\n## ", at + 1);
    return readme.substring(at, next < 0 ? readme.length() : next);
  }

  @Test
  void thePreviousReleaseIsOlder() throws Exception {
    String previous =
        YAML.readTree(PREVIOUS.resolve("Chart.yaml").toFile()).path("version").asText();
    String current =
        YAML.readTree(Chart.DIR.resolve("Chart.yaml").toFile()).path("version").asText();
    assertThat(previous).isEqualTo("0.1.0");
    assertThat(compare(current, previous)).as("%s after %s", current, previous).isPositive();
    assertThat(upgradingSection()).contains("### To " + current);
  }

  /** Objects of the same kind and name are patched: their immutable fields must not change. */
  @Test
  void noImmutableFieldChanges() {
    for (String release :
        List.of("execution-watch", "ewo", "peak-trade-execution-watch-operator")) {
      for (Map<String, Object> values : VALUE_SETS) {
        Map<String, HasMetadata> before =
            byKindAndName(Chart.renderChart(PREVIOUS, values, release));
        Map<String, HasMetadata> after = byKindAndName(Chart.render(values, release));
        before.forEach(
            (key, old) -> {
              HasMetadata now = after.get(key);
              if (now instanceof Deployment d) {
                assertThat(d.getSpec().getSelector())
                    .as("%s %s: the selector (immutable)", release, key)
                    .isEqualTo(((Deployment) old).getSpec().getSelector());
              }
              if (now instanceof RoleBinding b) {
                assertThat(b.getRoleRef())
                    .as("%s %s: roleRef (immutable)", release, key)
                    .isEqualTo(((RoleBinding) old).getRoleRef());
              }
              if (now instanceof ClusterRoleBinding b) {
                assertThat(b.getRoleRef())
                    .as("%s %s: roleRef (immutable)", release, key)
                    .isEqualTo(((ClusterRoleBinding) old).getRoleRef());
              }
            });
      }
    }
  }

  /**
   * The objects an upgrade renames are the ones the Upgrading section names, and the operator
   * instance stays the same (else the release's own demos would wait for the old name's heartbeat
   * to stop). A release whose name did not stutter keeps every name.
   */
  @Test
  void renamedObjectsAreTheOnesTheUpgradingSectionNames() throws Exception {
    String section = upgradingSection();
    TreeSet<String> unnamed = new TreeSet<>();
    for (Map<String, Object> values : VALUE_SETS) {
      Map<String, Object> withDemo = new LinkedHashMap<>(values);
      withDemo.put("demo.enabled", true);
      for (String release : List.of("execution-watch", "ewo")) {
        List<HasMetadata> old = Chart.renderChart(PREVIOUS, withDemo, release);
        List<HasMetadata> now = Chart.render(withDemo, release);
        TreeSet<String> gone = new TreeSet<>(byKindAndName(old).keySet());
        gone.removeAll(byKindAndName(now).keySet());
        if (release.equals("ewo")) {
          assertThat(gone).as("release ewo: no name changes").isEmpty();
        }
        for (String key : gone) {
          HasMetadata o = byKindAndName(old).get(key);
          if (!section.contains(o.getMetadata().getName())) {
            unnamed.add(key);
          }
          if (o.getMetadata().getAnnotations() != null
              && o.getMetadata().getAnnotations().containsKey("helm.sh/hook")
              && !section.contains(
                  "kubectl -n <namespace> delete "
                      + o.getKind().toLowerCase()
                      + " "
                      + o.getMetadata().getName())) {
            unnamed.add(key + " (a hook Helm leaves behind: say how to delete it)");
          }
        }
        assertThat(Chart.operatorEnv(now, "OPERATOR_INSTANCE"))
            .as("%s: the operator instance survives the upgrade", release)
            .isEqualTo(Chart.operatorEnv(old, "OPERATOR_INSTANCE"));
      }
    }
    assertThat(unnamed).as("renamed objects the Upgrading section does not name").isEmpty();
  }

  /**
   * A user's values for the previous release still pass this chart's schema (a plain `helm upgrade`
   * reuses them over the new defaults, pkg/action/upgrade.go reuseValues); `--reuse-values` instead
   * keeps the previous chart's defaults, without this chart's new keys, which the Upgrading section
   * says not to use.
   */
  @Test
  void theValuesOfThePreviousReleaseStillInstall() throws Exception {
    Path old = tmp.resolve("old-values.yaml");
    Files.copy(PREVIOUS.resolve("values.yaml"), old);
    List<HasMetadata> objects = Chart.renderWithValuesFile(old);
    assertThat(Chart.all(objects, Deployment.class)).hasSize(1);

    assertThatThrownBy(() -> Chart.renderWithDefaults(PREVIOUS.resolve("values.yaml")))
        .as("--reuse-values (the 0.1.0 defaults under these templates) fails: the README says so")
        .isInstanceOf(IllegalStateException.class);
    assertThat(upgradingSection()).contains("--reset-then-reuse-values").contains("--reuse-values");
  }

  @Test
  void theCrdIsBackwardCompatibleWithThePreviousReleases() throws Exception {
    CustomResourceDefinition before = crd(PREVIOUS);
    CustomResourceDefinition after = crd(Chart.DIR);
    assertThat(CrdCompatibility.problems(before, after)).isEmpty();
  }

  /** The compatibility check finds each kind of break (so an empty list above means something). */
  @Test
  void theCrdCheckFindsEachBreak() throws Exception {
    Map<String, Consumer<JSONSchemaProps>> breaks = new LinkedHashMap<>();
    breaks.put("removed", s -> spec(s).getProperties().remove("runId"));
    breaks.put("newly required", s -> spec(s).getRequired().add("emitter"));
    breaks.put("type", s -> spec(s).getProperties().get("runId").setType("integer"));
    breaks.put("maxLength", s -> spec(s).getProperties().get("component").setMaxLength(3L));
    breaks.put(
        "new CEL rule",
        s ->
            spec(s)
                .getXKubernetesValidations()
                .add(
                    new ValidationRuleBuilder()
                        .withRule("self.runId == 'x'")
                        .withMessage("no")
                        .build()));
    breaks.put("new pattern", s -> spec(s).getProperties().get("runId").setPattern("^x$"));
    for (Map.Entry<String, Consumer<JSONSchemaProps>> b : breaks.entrySet()) {
      CustomResourceDefinition after = crd(Chart.DIR);
      b.getValue().accept(after.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema());
      assertThat(CrdCompatibility.problems(crd(PREVIOUS), after))
          .as(b.getKey())
          .anyMatch(p -> p.contains(b.getKey()));
    }
    CustomResourceDefinition unserved = crd(Chart.DIR);
    unserved.getSpec().getVersions().get(0).setServed(false);
    assertThat(CrdCompatibility.problems(crd(PREVIOUS), unserved))
        .anyMatch(p -> p.contains("served"));
  }

  private static JSONSchemaProps spec(JSONSchemaProps root) {
    JSONSchemaProps spec = root.getProperties().get("spec");
    if (spec.getRequired() == null) {
      spec.setRequired(new ArrayList<>());
    }
    if (spec.getXKubernetesValidations() == null) {
      spec.setXKubernetesValidations(new ArrayList<>());
    }
    return spec;
  }

  private static CustomResourceDefinition crd(Path chart) throws IOException {
    try (var files = Files.list(chart.resolve("crds"))) {
      Path file = files.findFirst().orElseThrow();
      return Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
    }
  }

  private static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < 3; i++) {
      int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
