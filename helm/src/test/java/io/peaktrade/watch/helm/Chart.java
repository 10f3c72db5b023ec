package io.peaktrade.watch.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.peaktrade.watch.operator.api.ExecutionWatchDemo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The chart rendered by a real Helm engine, as typed Kubernetes objects. */
final class Chart {

  static final Path DIR = Path.of("execution-watch-operator");
  static final String RELEASE = "execution-watch";
  static final String NAMESPACE = "peaktrade";

  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.ofEntries(
          Map.entry("Deployment", Deployment.class),
          Map.entry("Service", Service.class),
          Map.entry("ServiceAccount", ServiceAccount.class),
          Map.entry("ClusterRole", ClusterRole.class),
          Map.entry("ClusterRoleBinding", ClusterRoleBinding.class),
          Map.entry("Role", Role.class),
          Map.entry("RoleBinding", RoleBinding.class),
          Map.entry("CustomResourceDefinition", CustomResourceDefinition.class),
          Map.entry("ServiceMonitor", ServiceMonitor.class),
          Map.entry("ExecutionWatchDemo", ExecutionWatchDemo.class),
          Map.entry("Pod", Pod.class),
          Map.entry("ConfigMap", ConfigMap.class),
          Map.entry("PrometheusRule", PrometheusRule.class),
          // the operator's own model knows only the fields it writes itself
          Map.entry("GrafanaDashboard", GenericKubernetesResource.class),
          Map.entry("NetworkPolicy", NetworkPolicy.class));

  private Chart() {}

  /**
   * What `helm install --dry-run` (client only) prints: hooks (the demo CR, the test pod), the
   * manifest and NOTES. helm-java's template leaves the hooks out, so the tests use this.
   */
  static String dryRunInstall(Map<String, Object> values) {
    InstallCommand install =
        new Helm(asOnACluster())
            .install()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .dryRun()
            .clientOnly();
    values.forEach(install::set);
    return install.call().getOutput();
  }

  static String template(Map<String, Object> values) {
    TemplateCommand t =
        new Helm(asOnACluster()).template().withName(RELEASE).withNamespace(NAMESPACE);
    values.forEach(t::set);
    return t.call();
  }

  /** The NOTES.txt the release prints. */
  static String notes(Map<String, Object> values) {
    String out = dryRunInstall(values);
    return out.substring(out.indexOf("NOTES:") + "NOTES:".length());
  }

  /**
   * Every document the release creates, hooks included (the demo CR, the test pod), as its fabric8
   * model type (unknown kinds fail). helm-java's template leaves hooks out, so the chart is
   * rendered from a copy whose hook annotation key is renamed, and the key is restored on the
   * parsed objects.
   */
  static List<HasMetadata> render(Map<String, Object> values) {
    return render(values, RELEASE);
  }

  /** The same, for a release of another name. */
  static List<HasMetadata> render(Map<String, Object> values, String release) {
    return render(hooksAsManifests(), values, release);
  }

  /**
   * The same, as on a cluster that serves this API ({@code group/version/Kind}): helm-java's
   * template has no --api-versions, so the chart is rendered from a copy whose {@code
   * .Capabilities.APIVersions.Has} check of it is true.
   */
  static List<HasMetadata> renderWithApi(String apiVersionKind, Map<String, Object> values) {
    Path copy =
        copy(
            text ->
                text.replace(HOOK, RENAMED_HOOK)
                    .replace(".Capabilities.APIVersions.Has \"" + apiVersionKind + "\"", "true"));
    return render(copy, values, RELEASE);
  }

  /** The same, with a values file (as chart-testing renders ci/*-values.yaml). */
  static List<HasMetadata> renderWithValuesFile(Path valuesFile) {
    return parse(
        new Helm(hooksAsManifests())
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withValuesFile(valuesFile.toAbsolutePath())
            .call());
  }

  private static List<HasMetadata> render(Path chart, Map<String, Object> values, String release) {
    TemplateCommand t = new Helm(chart).template().withName(release).withNamespace(NAMESPACE);
    values.forEach(t::set);
    return parse(t.call());
  }

  private static List<HasMetadata> parse(String manifests) {
    List<HasMetadata> out = new ArrayList<>();
    for (String doc : manifests.split("(?m)^---\\s*$")) {
      if (doc.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
        continue;
      }
      String kind = Serialization.unmarshal(doc, GenericKubernetesResource.class).getKind();
      Class<? extends HasMetadata> type = KINDS.get(kind);
      if (type == null) {
        throw new AssertionError("the chart renders a kind the tests do not know: " + kind);
      }
      HasMetadata o = Serialization.unmarshal(doc, type);
      Map<String, String> annotations = o.getMetadata().getAnnotations();
      if (annotations != null) {
        Map<String, String> restored = new LinkedHashMap<>();
        annotations.forEach((k, v) -> restored.put(k.replace(RENAMED_HOOK, HOOK), v));
        o.getMetadata().setAnnotations(restored);
      }
      out.add(o);
    }
    return out;
  }

  private static final String HOOK = "helm.sh/hook";
  private static final String RENAMED_HOOK = "rendered-as-manifest.test/hook";
  private static Path hooksCopy;
  private static Path clusterCopy;

  /**
   * The chart as rendered against a cluster: helm-java's client-only engine assumes Kubernetes
   * v1.20.0 and has no --kube-version, so the copy leaves out Chart.yaml's kubeVersion (a real
   * install checks it against the cluster's version; ChartMetadataTest checks the constraint).
   */
  private static synchronized Path asOnACluster() {
    if (clusterCopy == null) {
      clusterCopy = copy(text -> text);
    }
    return clusterCopy;
  }

  private static synchronized Path hooksAsManifests() {
    if (hooksCopy == null) {
      hooksCopy = copy(text -> text.replace(HOOK, RENAMED_HOOK));
    }
    return hooksCopy;
  }

  /** A copy of the chart with its templates rewritten. */
  private static Path copy(java.util.function.UnaryOperator<String> templates) {
    return copy(DIR, templates);
  }

  /**
   * Another chart (a previous release's), rendered as {@link #render(Map)} renders this one: hooks
   * included.
   */
  static List<HasMetadata> renderChart(Path chart, Map<String, Object> values, String release) {
    return render(copy(chart, text -> text.replace(HOOK, RENAMED_HOOK)), values, release);
  }

  private static Path copy(Path chart, java.util.function.UnaryOperator<String> templates) {
    return copy(chart, templates, null);
  }

  /**
   * This chart rendered with another chart's default values in place of its own: what `helm upgrade
   * --reuse-values` renders (pkg/action/upgrade.go reuseValues at v3.16.4 sets the chart's values
   * to the previous release's coalesced ones).
   */
  static List<HasMetadata> renderWithDefaults(Path valuesYaml) {
    return render(
        copy(DIR, text -> text.replace(HOOK, RENAMED_HOOK), valuesYaml), Map.of(), RELEASE);
  }

  private static Path copy(
      Path chart, java.util.function.UnaryOperator<String> templates, Path defaults) {
    try {
      Path target = Files.createTempDirectory("chart-").resolve(chart.getFileName());
      try (var files = Files.walk(chart)) {
        for (Path src : files.toList()) {
          Path dst = target.resolve(chart.relativize(src).toString());
          if (Files.isDirectory(src)) {
            Files.createDirectories(dst);
          } else {
            String text =
                defaults != null && src.equals(chart.resolve("values.yaml"))
                    ? Files.readString(defaults)
                    : Files.readString(src);
            if (src.getFileName().toString().equals("Chart.yaml")) {
              text = text.replaceAll("(?m)^kubeVersion:.*$", "");
            }
            Files.writeString(
                dst, src.toString().contains("templates") ? templates.apply(text) : text);
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The operator's container in the rendered objects. */
  static Container operator(List<HasMetadata> objects) {
    return one(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  /** An environment variable of the operator's container. */
  static String operatorEnv(List<HasMetadata> objects, String name) {
    return operator(objects).getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the operator has no " + name))
        .getValue();
  }

  static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
    List<T> found = all(objects, type);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + ", got " + found.size());
    }
    return found.get(0);
  }
}
