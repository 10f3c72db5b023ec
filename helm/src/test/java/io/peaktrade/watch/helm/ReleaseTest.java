package io.peaktrade.watch.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.peaktrade.watch.operator.model.OperatorVersion;
import io.peaktrade.watch.operator.model.WorkloadConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release, as far as it runs without a registry: hack/release.sh's steps (the release workflow
 * runs the same), a dry run of stamping and packaging the chart, and the one version everything
 * agrees on.
 */
class ReleaseTest {

  private static final Path ROOT = Path.of("..");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path tmp;

  private record Result(int code, String out) {}

  private Result release(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("hack/release.sh"));
    cmd.addAll(List.of(args));
    Path log = tmp.resolve("release.log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), Files.readString(log));
  }

  /** CHANGELOG.md as it is on the day of the release: its Unreleased section named. */
  private Path changelogReleasing(String version) throws IOException {
    Path c = tmp.resolve("CHANGELOG.md");
    Files.writeString(
        c,
        Files.readString(ROOT.resolve("CHANGELOG.md"))
            .replace("## [Unreleased]", "## [" + version + "] - 2026-12-05"));
    return c;
  }

  private static JsonNode yaml(Path p) throws IOException {
    return YAML.readTree(p.toFile());
  }

  /** pom.xml, the chart's version and appVersion, both images and the operator's default. */
  @Test
  void oneVersionEverywhere() throws Exception {
    String version = release(Map.of(), "version").out().trim();
    assertThat(version).isEqualTo(OperatorVersion.VERSION);
    JsonNode chart = yaml(Chart.DIR.resolve("Chart.yaml"));
    assertThat(chart.path("version").asText()).isEqualTo(version);
    assertThat(chart.path("appVersion").asText()).isEqualTo(version);
    List<HasMetadata> objects = Chart.render(Map.of());
    Container operator = Chart.operator(objects);
    String exporter = Chart.operatorEnv(objects, "EXPORTER_IMAGE");
    assertThat(operator.getImage())
        .isEqualTo(OperatorVersion.REGISTRY + "/execution-watch-operator:" + version);
    assertThat(exporter)
        .as("the chart's exporter image is the operator's own default")
        .isEqualTo(WorkloadConfig.DEFAULT_EXPORTER_IMAGE);
    List<String> annotated = new ArrayList<>();
    YAML.readTree(chart.path("annotations").path("artifacthub.io/images").asText())
        .forEach(i -> annotated.add(i.path("image").asText()));
    assertThat(annotated)
        .as("Artifact Hub's images: the operator, and the exporter only the operator's pods show")
        .containsExactly(operator.getImage(), exporter);
  }

  @Test
  void aTagIsReleasedOnlyAsTheProjectVersionWithItsChangelogSection() throws Exception {
    String v = OperatorVersion.VERSION;
    Result wrongTag = release(Map.of(), "check-tag", "v9.9.9");
    assertThat(wrongTag.code()).isEqualTo(1);
    assertThat(wrongTag.out()).contains("the tag v9.9.9 is not v" + v);
    Result unnamed =
        release(
            Map.of("CHANGELOG", ROOT.resolve("CHANGELOG.md").toAbsolutePath().toString()),
            "check-tag",
            "v" + v);
    if (!Files.readString(ROOT.resolve("CHANGELOG.md")).contains("## [" + v + "]")) {
      assertThat(unnamed.code()).isEqualTo(1);
      assertThat(unnamed.out()).contains("rename \"## [Unreleased]\" to \"## [" + v + "]");
    }
    Path changelog = changelogReleasing(v);
    Result ok = release(Map.of("CHANGELOG", changelog.toString()), "check-tag", "v" + v);
    assertThat(ok.code()).as(ok.out()).isZero();
    Result notes = release(Map.of("CHANGELOG", changelog.toString()), "notes", v);
    assertThat(notes.out())
        .startsWith("### Added")
        .contains("### Changed")
        .doesNotContain("## [0.1.0]")
        .doesNotContain("## [" + v + "]");
  }

  @Test
  void theImagesLabelsAreTheOciAnnotations() throws Exception {
    String labels =
        release(
                Map.of(),
                "image-labels",
                "execution-watch-exporter",
                "1.2.3",
                "0123abc",
                "2026-12-05T10:00:00Z")
            .out();
    assertThat(labels.lines().toList())
        .contains(
            "org.opencontainers.image.title=execution-watch-exporter",
            "org.opencontainers.image.version=1.2.3",
            "org.opencontainers.image.revision=0123abc",
            "org.opencontainers.image.created=2026-12-05T10:00:00Z",
            "org.opencontainers.image.source=https://github.com/peak-trade/execution-watch",
            "org.opencontainers.image.licenses=MIT");
    assertThat(Files.readString(ROOT.resolve("LICENSE"))).startsWith("MIT License");
  }

  /**
   * The chart a tag publishes: stamped with the version and the owner's registry, packaged by the
   * real Helm engine, rendering both images of that release; and, stamped with this repository's
   * own version and registry, exactly the chart in the repository (its changes annotation the
   * changelog's).
   */
  @Test
  void theStampedChartPackagesAndInstallsThatReleasesImages() throws Exception {
    Path changelog = changelogReleasing("9.8.7");
    Files.writeString(
        changelog,
        Files.readString(changelog).replace("## [" + OperatorVersion.VERSION + "]", "## [9.8.7]"));
    Result stamped =
        release(
            Map.of("CHANGELOG", changelog.toString()),
            "stamp-chart",
            "9.8.7",
            "ghcr.io/someone",
            tmp.resolve("out").toString());
    assertThat(stamped.code()).as(stamped.out()).isZero();
    Path chart = tmp.resolve("out/execution-watch-operator");
    JsonNode meta = yaml(chart.resolve("Chart.yaml"));
    assertThat(meta.path("version").asText()).isEqualTo("9.8.7");
    assertThat(meta.path("appVersion").asText()).isEqualTo("9.8.7");
    assertThat(meta.path("annotations").path("artifacthub.io/images").asText())
        .contains("ghcr.io/someone/execution-watch-operator:9.8.7")
        .contains("ghcr.io/someone/execution-watch-exporter:9.8.7");
    JsonNode changes =
        YAML.readTree(meta.path("annotations").path("artifacthub.io/changes").asText());
    assertThat(changes).isNotEmpty();
    changes.forEach(
        c ->
            assertThat(c.path("kind").asText())
                .isIn("added", "changed", "deprecated", "removed", "fixed", "security"));
    Files.writeString(
        chart.resolve("Chart.yaml"),
        Files.readString(chart.resolve("Chart.yaml")).replaceAll("(?m)^kubeVersion:.*$", ""));
    new Helm(chart).packageIt().withDestination(tmp).call();
    assertThat(tmp.resolve("execution-watch-operator-9.8.7.tgz")).exists();
    String rendered =
        new Helm(chart).template().withName("execution-watch").withNamespace("peaktrade").call();
    assertThat(rendered)
        .contains("image: \"ghcr.io/someone/execution-watch-operator:9.8.7\"")
        .contains("value: \"ghcr.io/someone/execution-watch-exporter:9.8.7\"");

    // this repository's version and registry: the chart in the repository, byte for byte
    Path own = changelogReleasing(OperatorVersion.VERSION);
    Result same =
        release(
            Map.of("CHANGELOG", own.toString()),
            "stamp-chart",
            OperatorVersion.VERSION,
            OperatorVersion.REGISTRY,
            tmp.resolve("own").toString());
    assertThat(same.code()).as(same.out()).isZero();
    for (String file : List.of("Chart.yaml", "values.yaml")) {
      assertThat(tmp.resolve("own/execution-watch-operator/" + file))
          .as(
              "%s as the release stamps it (hack/release.sh stamp-chart ... and copy it back)",
              file)
          .hasSameTextualContentAs(Chart.DIR.resolve(file));
    }
  }
}
