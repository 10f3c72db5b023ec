package io.peaktrade.watch.operator.model;

import io.peaktrade.watch.operator.api.SpecRules;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What the operator's configuration (never a CR) decides about every demo: the one exporter image
 * that runs, how it is pulled, the namespaces Prometheus scrapes from, which Grafana instances
 * grafana-operator delivers the dashboards to, and the UID the demo pods run as.
 *
 * @param exporterImage image reference, by tag and optionally by digest ({@code repo:tag@sha256:…})
 * @param imagePullPolicy Always, IfNotPresent or Never
 * @param prometheusNamespaces the only namespaces whose pods may connect to a demo's ports
 * @param grafanaInstanceLabels the labels of the Grafana instances grafana-operator delivers the
 *     dashboards to (its instanceSelector)
 * @param podUid the UID, GID and fsGroup of every demo pod, or none: the platform assigns them
 *     (OpenShift's restricted-v2 SCC refuses a fixed runAsUser or fsGroup outside the namespace's
 *     range). runAsNonRoot holds either way; the image's user is numeric (65532).
 * @param imagePullSecrets Secrets (in each demo's namespace) the demo pods pull the exporter image
 *     with, for a private registry; none for a public one
 */
public record WorkloadConfig(
    String exporterImage,
    String imagePullPolicy,
    List<String> prometheusNamespaces,
    Map<String, String> grafanaInstanceLabels,
    OptionalLong podUid,
    List<String> imagePullSecrets) {

  /** grafana-operator's own examples label their Grafana instances so. */
  public static final Map<String, String> DEFAULT_GRAFANA_INSTANCE_LABELS =
      Map.of("dashboards", "grafana");

  private static final Pattern LABEL_NAME = Pattern.compile(SpecRules.LABEL_NAME);
  private static final Pattern LABEL_VALUE = Pattern.compile(SpecRules.LABEL_VALUE);

  /** The exporter image's own user (exporter/Dockerfile: USER 65532), the distroless nonroot. */
  public static final long DEFAULT_POD_UID = 65532;

  public WorkloadConfig(
      String exporterImage,
      String imagePullPolicy,
      List<String> prometheusNamespaces,
      Map<String, String> grafanaInstanceLabels,
      OptionalLong podUid) {
    this(
        exporterImage,
        imagePullPolicy,
        prometheusNamespaces,
        grafanaInstanceLabels,
        podUid,
        List.of());
  }

  public WorkloadConfig(
      String exporterImage, String imagePullPolicy, List<String> prometheusNamespaces) {
    this(
        exporterImage,
        imagePullPolicy,
        prometheusNamespaces,
        DEFAULT_GRAFANA_INSTANCE_LABELS,
        OptionalLong.of(DEFAULT_POD_UID));
  }

  /** The same configuration with the demo pods' UID assigned by the platform. */
  public WorkloadConfig withPlatformAssignedUid() {
    return new WorkloadConfig(
        exporterImage,
        imagePullPolicy,
        prometheusNamespaces,
        grafanaInstanceLabels,
        OptionalLong.empty(),
        imagePullSecrets);
  }

  /** The same configuration with the demo pods pulling through these Secrets. */
  public WorkloadConfig withImagePullSecrets(List<String> secrets) {
    return new WorkloadConfig(
        exporterImage,
        imagePullPolicy,
        prometheusNamespaces,
        grafanaInstanceLabels,
        podUid,
        secrets);
  }

  /** An image reference: registry/path, a tag, and optionally a sha256 digest. */
  private static final Pattern IMAGE =
      Pattern.compile(
          "^[a-z0-9]([-a-z0-9._]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]([-a-z0-9._]*[a-z0-9])?)*"
              + ":[A-Za-z0-9_][-A-Za-z0-9_.]{0,127}(@sha256:[a-f0-9]{64})?$");

  private static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern SECRET_NAME =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");

  public WorkloadConfig {
    if (exporterImage == null || !IMAGE.matcher(exporterImage).matches()) {
      throw new IllegalArgumentException(
          "The exporter image '"
              + exporterImage
              + "' is not an image reference with a tag (name:tag or name:tag@sha256:<digest>).");
    }
    if (!PULL_POLICIES.contains(imagePullPolicy)) {
      throw new IllegalArgumentException(
          "The exporter image pull policy '"
              + imagePullPolicy
              + "' is none of "
              + PULL_POLICIES
              + ".");
    }
    if (prometheusNamespaces.isEmpty()
        || !prometheusNamespaces.stream()
            .allMatch(n -> n.length() <= 63 && NAMESPACE.matcher(n).matches())) {
      throw new IllegalArgumentException(
          "The Prometheus namespaces "
              + prometheusNamespaces
              + " must be one or more namespace names (scrape ingress is allowed only from them).");
    }
    prometheusNamespaces = List.copyOf(prometheusNamespaces);
    if (grafanaInstanceLabels.isEmpty()
        || !grafanaInstanceLabels.entrySet().stream()
            .allMatch(
                e ->
                    e.getKey().length() <= SpecRules.LABEL_NAME_MAX
                        && LABEL_NAME.matcher(e.getKey()).matches()
                        && e.getValue().length() <= SpecRules.LABEL_VALUE_MAX
                        && LABEL_VALUE.matcher(e.getValue()).matches())) {
      throw new IllegalArgumentException(
          "The Grafana instance labels "
              + grafanaInstanceLabels
              + " must be one or more label=value pairs (grafana-operator picks its Grafana"
              + " instances by them; an empty selector would pick every instance).");
    }
    grafanaInstanceLabels = Map.copyOf(grafanaInstanceLabels);
    if (!imagePullSecrets.stream()
        .allMatch(s -> s.length() <= 253 && SECRET_NAME.matcher(s).matches())) {
      throw new IllegalArgumentException(
          "The image pull secrets "
              + imagePullSecrets
              + " must be Secret names (lower-case letters, digits, '-' and '.').");
    }
    imagePullSecrets = List.copyOf(imagePullSecrets);
    if (podUid.isPresent() && podUid.getAsLong() < 1) {
      throw new IllegalArgumentException(
          "The demo pods' UID "
              + podUid.getAsLong()
              + " must be 1 or more (they never run as root), or empty for one the platform"
              + " assigns.");
    }
  }

  /** The exporter image the release published with this operator: same registry, same version. */
  public static final String DEFAULT_EXPORTER_IMAGE =
      OperatorVersion.REGISTRY + "/execution-watch-exporter:" + OperatorVersion.VERSION;

  /**
   * The exporter image of this operator's own release, pulled if not present,
   * kube-prometheus-stack's namespace.
   */
  public static WorkloadConfig defaults() {
    return new WorkloadConfig(DEFAULT_EXPORTER_IMAGE, "IfNotPresent", List.of("monitoring"));
  }
}
