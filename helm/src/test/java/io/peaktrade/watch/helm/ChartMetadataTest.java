package io.peaktrade.watch.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What chart-testing's `ct lint` (v3.14.0, run by the workflow's chart-lint job with its default
 * rules) and Artifact Hub read, checked here as far as it runs without GitHub: Chart.yaml against
 * ct's yamale schema, yamllint with ct's lintconf on Chart.yaml, values.yaml and ci/*-values.yaml,
 * `helm lint --strict`, and a render with every ci/*-values.yaml (ct lints once per file). The
 * maintainer check (an HTTP HEAD to github.com/&lt;name&gt;) and the version increment against the
 * target branch run only in the workflow.
 */
class ChartMetadataTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path ROOT = Path.of("..");

  private static JsonNode chartYaml() throws IOException {
    return YAML.readTree(Chart.DIR.resolve("Chart.yaml").toFile());
  }

  /**
   * helm/chart-testing etc/chart_schema.yaml at v3.14.0, as yamale reads it: the keys it knows,
   * which are required, and their types (yamale rejects a key the schema does not name).
   */
  @Test
  void chartYamlPassesChartTestingsSchema() throws Exception {
    JsonNode chart = chartYaml();
    Set<String> known =
        Set.of(
            "name",
            "home",
            "version",
            "apiVersion",
            "appVersion",
            "description",
            "keywords",
            "sources",
            "maintainers",
            "dependencies",
            "icon",
            "engine",
            "condition",
            "tags",
            "deprecated",
            "kubeVersion",
            "annotations",
            "type");
    chart
        .fieldNames()
        .forEachRemaining(k -> assertThat(known).as("a key ct's schema knows").contains(k));
    for (String required : List.of("name", "version", "apiVersion")) {
      assertThat(chart.path(required).isTextual()).as(required + ": str()").isTrue();
    }
    for (String optional : List.of("home", "description", "icon", "kubeVersion", "type")) {
      assertThat(chart.path(optional).isTextual()).as(optional + ": str()").isTrue();
    }
    assertThat(chart.path("appVersion").isTextual())
        .as("appVersion quoted: a version like 1.10 would otherwise be the number 1.1")
        .isTrue();
    for (String list : List.of("keywords", "sources")) {
      chart.path(list).forEach(e -> assertThat(e.isTextual()).as(list + ": list(str())").isTrue());
    }
    assertThat(chart.path("maintainers")).isNotEmpty();
    chart
        .path("maintainers")
        .forEach(
            m -> {
              assertThat(m.path("name").isTextual()).as("maintainer.name: str()").isTrue();
              m.fieldNames().forEachRemaining(k -> assertThat(k).isIn("name", "email", "url"));
            });
    chart
        .path("annotations")
        .fields()
        .forEachRemaining(
            a ->
                assertThat(a.getValue().isTextual())
                    .as("annotations: map(str(), str()) - %s", a.getKey())
                    .isTrue());
    assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
    assertThat(chart.path("name").asText()).isEqualTo(Chart.DIR.getFileName().toString());
  }

  @Test
  void yamllintWithChartTestingsRulesIsClean() throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "yamllint",
                "--strict",
                "-c",
                Path.of("src/test/resources/chart-testing/lintconf.yaml").toString(),
                Chart.DIR.resolve("Chart.yaml").toString(),
                Chart.DIR.resolve("values.yaml").toString()));
    ciValuesFiles().forEach(f -> cmd.add(f.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue())
        .as("yamllint (scripts/test.sh installs it) with ct's lintconf.yaml:%n%s", out)
        .isZero();
  }

  @Test
  void helmLintStrictIsClean() {
    LintResult lint = new Helm(Chart.DIR).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    assertThat(lint.getMessages())
        .as("no [WARNING] or [ERROR] line")
        .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  /** ct lint and ct install render the chart once per ci/*-values.yaml: each must render. */
  @Test
  void everyCiValuesFileRenders() throws Exception {
    List<Path> files = ciValuesFiles();
    assertThat(files.stream().map(f -> f.getFileName().toString()))
        .contains("default-values.yaml", "all-values.yaml");
    for (Path f : files) {
      List<HasMetadata> objects = Chart.renderWithValuesFile(f);
      assertThat(Chart.all(objects, Deployment.class)).as(f.toString()).hasSize(1);
    }
  }

  /**
   * Artifact Hub's annotations say what the chart holds: the CRD (its kind, version and name), an
   * example that the CRD accepts (the repository's own examples/demo.yaml), links that exist.
   */
  @Test
  void artifactHubAnnotationsDescribeTheChart() throws Exception {
    JsonNode annotations = chartYaml().path("annotations");
    CustomResourceDefinition crd =
        Serialization.unmarshal(
            Files.readString(Chart.DIR.resolve("crds/executionwatchdemos.peaktrade.io-v1.yml")),
            CustomResourceDefinition.class);
    JsonNode crds = YAML.readTree(annotations.path("artifacthub.io/crds").asText());
    assertThat(crds).hasSize(1);
    assertThat(crds.get(0).path("name").asText()).isEqualTo(crd.getMetadata().getName());
    assertThat(crds.get(0).path("kind").asText()).isEqualTo(crd.getSpec().getNames().getKind());
    assertThat(crds.get(0).path("version").asText())
        .isEqualTo(crd.getSpec().getVersions().get(0).getName());
    JsonNode examples = YAML.readTree(annotations.path("artifacthub.io/crdsExamples").asText());
    JsonNode demo = YAML.readTree(ROOT.resolve("examples/demo.yaml").toFile());
    assertThat(examples).containsExactly(demo);
    assertThat(annotations.path("artifacthub.io/license").asText()).isEqualTo("MIT");
    assertThat(Files.readString(ROOT.resolve("LICENSE"))).startsWith("MIT License");
    assertThat(annotations.path("artifacthub.io/operator").asText()).isEqualTo("true");
    JsonNode links = YAML.readTree(annotations.path("artifacthub.io/links").asText());
    String home = chartYaml().path("home").asText();
    for (JsonNode link : links) {
      String url = link.path("url").asText();
      assertThat(url).startsWith(home);
      String blob = home + "/blob/main/";
      if (url.startsWith(blob)) {
        assertThat(ROOT.resolve(url.substring(blob.length())))
            .as("the file a link points at")
            .exists();
      }
    }
    String icon = chartYaml().path("icon").asText();
    assertThat(ROOT.resolve(icon.substring(icon.indexOf("/main/") + "/main/".length())))
        .as("the icon the chart names")
        .exists();
  }

  /**
   * kubeVersion says what the chart needs: the CRD's CEL rules (x-kubernetes-validations, on by
   * default from 1.25), and the pinned kind node is at least that. helm install refuses an older
   * cluster (pkg/action/action.go renderResources at v3.16.4: chartutil.IsCompatibleRange on
   * Chart.yaml's kubeVersion, for install, upgrade and template alike).
   */
  @Test
  void kubeVersionIsWhatTheCrdNeeds() throws Exception {
    assertThat(chartYaml().path("kubeVersion").asText())
        .as("the -0 lets pre-release and vendor versions (v1.29.3-eks-...) match")
        .isEqualTo(">=1.25.0-0");
    assertThat(Files.readString(Chart.DIR.resolve("crds/executionwatchdemos.peaktrade.io-v1.yml")))
        .contains("x-kubernetes-validations");
    String pinned =
        Files.readString(ROOT.resolve("hack/toolchains.env"))
            .lines()
            .filter(l -> l.startsWith("pinned_NODE_IMAGE="))
            .findFirst()
            .orElseThrow();
    String[] v = pinned.replaceAll(".*:v(\\d+)\\.(\\d+)\\..*", "$1 $2").split(" ");
    assertThat(Integer.parseInt(v[0]) * 100 + Integer.parseInt(v[1])).isGreaterThanOrEqualTo(125);
  }

  private static List<Path> ciValuesFiles() throws IOException {
    try (Stream<Path> files = Files.list(Chart.DIR.resolve("ci"))) {
      return files.filter(f -> f.toString().endsWith("-values.yaml")).sorted().toList();
    }
  }
}
