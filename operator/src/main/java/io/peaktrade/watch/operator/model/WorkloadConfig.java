package io.peaktrade.watch.operator.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What the operator's configuration (never a CR) decides about every demo: the one exporter image
 * that runs, how it is pulled, and the namespaces Prometheus scrapes from.
 *
 * @param exporterImage image reference, by tag and optionally by digest ({@code repo:tag@sha256:…})
 * @param imagePullPolicy Always, IfNotPresent or Never
 * @param prometheusNamespaces the only namespaces whose pods may connect to a demo's ports
 */
public record WorkloadConfig(
    String exporterImage, String imagePullPolicy, List<String> prometheusNamespaces) {

  /** An image reference: registry/path, a tag, and optionally a sha256 digest. */
  private static final Pattern IMAGE =
      Pattern.compile(
          "^[a-z0-9]([-a-z0-9._]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]([-a-z0-9._]*[a-z0-9])?)*"
              + ":[A-Za-z0-9_][-A-Za-z0-9_.]{0,127}(@sha256:[a-f0-9]{64})?$");

  private static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
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
  }

  /**
   * The exporter image of this operator's own version, pulled if not present,
   * kube-prometheus-stack's namespace.
   */
  public static WorkloadConfig defaults() {
    return new WorkloadConfig(
        "execution-watch-exporter:" + OperatorVersion.VERSION,
        "IfNotPresent",
        List.of("monitoring"));
  }
}
