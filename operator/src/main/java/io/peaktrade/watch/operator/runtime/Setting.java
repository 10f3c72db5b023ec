package io.peaktrade.watch.operator.runtime;

import io.peaktrade.watch.operator.model.WorkloadConfig;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The operator's settings: environment variables (the Helm chart sets them), each with its default
 * and meaning, declared once for {@link OperatorSettings#fromEnvironment} and for {@code --help}.
 */
public enum Setting {
  WATCH_NAMESPACES("", "Namespaces whose demos are reconciled, comma-separated; empty: all."),
  LEADER_ELECTION("false", "true: one of several replicas reconciles (a Lease decides which)."),
  LEADER_ELECTION_NAMESPACE("$POD_NAMESPACE", "Namespace of the leader election's Lease."),
  POD_NAMESPACE("default", "The operator pod's namespace (the chart sets it from the pod)."),
  HTTP_PORT("8080", "Port of /healthz, /readyz and /metrics."),
  OPERATOR_INSTANCE(
      "$POD_NAMESPACE/execution-watch-operator",
      "This operator's name on the demos it reconciles (the chart: release namespace/name); an"
          + " instance leaves alone a demo another live instance reconciles."),
  EXPORTER_IMAGE(
      WorkloadConfig.defaults().exporterImage(),
      "The one image every demo pod runs (name:tag, optionally @sha256:digest); a CR cannot"
          + " choose one."),
  EXPORTER_IMAGE_PULL_POLICY(
      WorkloadConfig.defaults().imagePullPolicy(), "Always, IfNotPresent or Never."),
  PROMETHEUS_NAMESPACES(
      String.join(",", WorkloadConfig.defaults().prometheusNamespaces()),
      "Namespaces allowed to scrape the demos (their NetworkPolicy), comma-separated."),
  GRAFANA_INSTANCE_LABELS(
      WorkloadConfig.DEFAULT_GRAFANA_INSTANCE_LABELS.entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(",")),
      "label=value pairs of the Grafana instances grafana-operator delivers the dashboards to."),
  DEMO_POD_UID(
      Long.toString(WorkloadConfig.DEFAULT_POD_UID),
      "UID (also GID and fsGroup) of every demo pod; empty: the platform assigns one."),
  DEMO_IMAGE_PULL_SECRETS(
      "",
      "Secrets the demo pods pull the exporter image with, comma-separated; each must exist in"
          + " every demo namespace."),
  LOG_LEVEL("INFO", "ERROR, WARN, INFO, DEBUG or TRACE."),
  LOG_FORMAT("text", "text, or json (one object per line)."),
  KUBECONFIG(
      "~/.kube/config, else in-cluster",
      "Where the Kubernetes API is (read by the client; in a pod, its service account).");

  private final String defaultValue;
  private final String meaning;

  Setting(String defaultValue, String meaning) {
    this.defaultValue = defaultValue;
    this.meaning = meaning;
  }

  /** The value in {@code env}, or {@code fallback} when it is not set. */
  String in(Map<String, String> env, String fallback) {
    return env.getOrDefault(name(), fallback);
  }

  /**
   * The operator's {@code --help}: every setting with its meaning, its default and, when the
   * environment sets it, its value now.
   */
  public static String help(String version, Map<String, String> env) {
    StringBuilder s =
        new StringBuilder()
            .append("Execution Watch operator ")
            .append(version)
            .append(
                "\nReconciles ExecutionWatchDemo resources into no-live demo stacks. It takes no"
                    + " arguments;\nit is configured by these environment variables (the Helm"
                    + " chart's values set them):\n\n");
    for (Setting setting : values()) {
      s.append("  ").append(setting.name()).append('\n');
      s.append("      ").append(setting.meaning).append('\n');
      s.append("      default: ")
          .append(setting.defaultValue.isEmpty() ? "(empty)" : setting.defaultValue);
      String now = env.get(setting.name());
      if (now != null) {
        s.append(", now: ").append(now.isEmpty() ? "(empty)" : now);
      }
      s.append('\n');
    }
    return s.append("\n  -h, --help      this text\n  -V, --version   the version\n").toString();
  }
}
