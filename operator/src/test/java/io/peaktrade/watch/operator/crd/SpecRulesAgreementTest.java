package io.peaktrade.watch.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.peaktrade.watch.operator.MockCluster;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.validation.SpecValidator;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No-live layers 1 and 2 refuse exactly the same specs: every fixture goes through the CRD (schema
 * with kube-apiserver's regular-expression semantics, and the CEL rules) and through the operator's
 * own check, on the resource as the API server would store it, and both must give the fixture's
 * verdict. The fixtures include every line terminator, case, spelling and $(VAR) variant that once
 * got past one layer but not the other.
 */
public class SpecRulesAgreementTest {

  private static final CrdValidator CRD = new CrdValidator(MockCluster.ourCrd());
  private static final KubernetesSerialization K8S = new KubernetesSerialization();

  /** The fixtures, each with its verdict; the real kube-apiserver tier runs them too. */
  public static List<JsonNode> fixtures() throws IOException {
    try (InputStream in =
        SpecRulesAgreementTest.class.getResourceAsStream("/specs/fixtures.json")) {
      List<JsonNode> all = new ArrayList<>();
      new ObjectMapper().readTree(in).forEach(all::add);
      return all;
    }
  }

  static Stream<Arguments> cases() throws IOException {
    return fixtures().stream()
        .map(f -> Arguments.of(f.path("fixture").asText(), f.path("valid").asBoolean(), f));
  }

  @ParameterizedTest(name = "{0} valid={1}")
  @MethodSource("cases")
  void theCrdAndTheOperatorGiveTheSameVerdict(String fixture, boolean valid, JsonNode f) {
    JsonNode resource = f.path("resource");
    List<String> crdErrors = CRD.validate(resource);
    ExecutionWatchDemo stored = K8S.convertValue(CRD.defaulted(resource), ExecutionWatchDemo.class);
    List<SpecValidator.Violation> operator = SpecValidator.check(stored);

    assertThat(crdErrors.isEmpty()).as("the CRD accepts %s", fixture).isEqualTo(valid);
    assertThat(operator.isEmpty())
        .as("the operator accepts %s: %s", fixture, operator)
        .isEqualTo(valid);
    if (!valid) {
      String why = f.path("why").asText();
      assertThat(String.join("\n", crdErrors)).as("CRD says why").containsIgnoringCase(why);
      assertThat(operator.toString()).as("operator says why").containsIgnoringCase(why);
    }
  }

  @Test
  void theFixturesCoverBothVerdictsAndEveryTopLevelField() throws IOException {
    List<JsonNode> all = fixtures();
    assertThat(all).anyMatch(f -> f.path("valid").asBoolean());
    assertThat(
            all.stream().filter(f -> !f.path("valid").asBoolean()).map(f -> f.path("why").asText()))
        .contains(
            "noLive",
            "metadata.name",
            "runId",
            "component",
            "rate",
            "seed",
            "mode",
            "interval",
            "labels",
            "labelKey",
            "labelValue",
            "folder",
            "resources");
  }

  @Test
  void everyPatternIsAnAnchoredCharacterClassPattern() {
    // '.' outside a class and unanchored patterns mean different things in RE2, ECMA and Java.
    List<String> patterns = new ArrayList<>();
    collectPatterns(
        K8S.convertValue(
            MockCluster.ourCrd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema(),
            JsonNode.class),
        patterns);
    assertThat(patterns).isNotEmpty();
    for (String p : patterns) {
      assertThat(p).as(p).startsWith("^").endsWith("$");
      assertThat(p.replaceAll("\\[[^\\]]*\\]", ""))
          .as("a '.' outside a class in %s", p)
          .doesNotContain(".");
    }
  }

  private static void collectPatterns(JsonNode schema, List<String> out) {
    if (schema.has("pattern")) {
      out.add(schema.get("pattern").asText());
    }
    schema.path("properties").forEach(p -> collectPatterns(p, out));
    if (schema.has("items")) {
      collectPatterns(schema.get("items"), out);
    }
  }
}
