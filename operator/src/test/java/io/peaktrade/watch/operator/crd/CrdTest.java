package io.peaktrade.watch.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.peaktrade.watch.operator.MockCluster;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.validation.SpecValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CRD is the generated one, and it accepts every example and rejects every invalid
 * resource the way kube-apiserver would (no-live layer 1).
 */
public class CrdTest {

  public static final Path COMMITTED =
      Path.of("../crds/" + ExecutionWatchDemo.CRD_NAME + "-v1.yml");
  static final Path GENERATED =
      Path.of("target/classes/META-INF/fabric8/" + ExecutionWatchDemo.CRD_NAME + "-v1.yml");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final CrdValidator VALIDATOR = new CrdValidator(MockCluster.ourCrd());

  @Test
  void theCommittedCrdIsTheGeneratedOne() throws IOException {
    assertThat(Files.readString(COMMITTED))
        .as(
            "crds/ is stale: run ./mvnw -pl operator process-classes and copy %s to crds/",
            GENERATED)
        .isEqualTo(Files.readString(GENERATED));
  }

  @Test
  void theCrdHasTheContractShape() {
    CustomResourceDefinition crd = MockCluster.ourCrd();
    assertThat(crd.getSpec().getGroup()).isEqualTo("peaktrade.io");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("ewd");
    assertThat(crd.getSpec().getNames().getPlural()).isEqualTo("executionwatchdemos");
    var version = crd.getSpec().getVersions().get(0);
    assertThat(version.getName()).isEqualTo("v1alpha1");
    assertThat(version.getSubresources().getStatus()).isNotNull();
    assertThat(version.getAdditionalPrinterColumns())
        .extracting(c -> c.getName())
        .as("Age last, as kubectl shows every built-in kind")
        .containsExactly("Run ID", "NoLive", "Ready", "Owner", "Age");
    assertThat(crd.getSpec().getNames().getCategories())
        .as("kubectl get peaktrade lists every demo")
        .containsExactly("peaktrade");
    assertThat(VALIDATOR.compileAllRules()).isEmpty();
  }

  /**
   * kubectl explain has text for every field: the root, spec, status, status.conditions and each of
   * its fields included (the generator leaves those without; CrdWriter adds them).
   */
  @Test
  void kubectlExplainHasTextEverywhere() {
    JsonNode root =
        Serialization.jsonMapper()
            .valueToTree(
                MockCluster.ourCrd()
                    .getSpec()
                    .getVersions()
                    .get(0)
                    .getSchema()
                    .getOpenAPIV3Schema());
    List<String> silent = new java.util.ArrayList<>();
    undescribed(root, "", silent);
    assertThat(silent).as("schema nodes without a description").isEmpty();
  }

  private static void undescribed(JsonNode schema, String path, List<String> out) {
    if (schema.path("description").asText().isBlank()) {
      out.add(path.isEmpty() ? "<root>" : path);
    }
    schema
        .path("properties")
        .fields()
        .forEachRemaining(p -> undescribed(p.getValue(), path + "." + p.getKey(), out));
    if (schema.has("items")) {
      undescribed(schema.path("items"), path + "[]", out);
    }
  }

  static Stream<Path> examples() throws IOException {
    return Files.list(Path.of("../examples")).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  static Stream<Path> invalid() throws IOException {
    return Files.list(Path.of("src/test/resources/invalid")).sorted();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsAccepted(Path example) throws IOException {
    JsonNode cr = YAML.readTree(example.toFile());
    assertThat(VALIDATOR.validate(cr)).as(example.toString()).isEmpty();
    ExecutionWatchDemo typed =
        Serialization.unmarshal(Files.readString(example), ExecutionWatchDemo.class);
    assertThat(SpecValidator.check(typed)).as("the operator accepts it too").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void everyInvalidResourceIsRejectedWithItsReason(Path file) throws IOException {
    String text = Files.readString(file);
    String expected =
        text.lines()
            .filter(l -> l.startsWith("# expect: "))
            .findFirst()
            .orElseThrow()
            .substring(10);
    List<String> errors = VALIDATOR.validate(YAML.readTree(text));
    assertThat(errors).as(file.toString()).isNotEmpty();
    assertThat(String.join("\n", errors)).as(file.toString()).containsIgnoringCase(expected);
  }
}
