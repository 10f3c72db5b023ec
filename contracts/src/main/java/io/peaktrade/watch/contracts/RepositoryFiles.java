package io.peaktrade.watch.contracts;

/**
 * The contract files every part reads: paths in the repository, and the same paths as resources in
 * the jars that bundle them (the exporter's and the operator's).
 */
public final class RepositoryFiles {

  /** The one dashboard source: the operator's ConfigMap and GrafanaDashboard, the local preview. */
  public static final String DASHBOARD = "dashboards/execution-watch-overview.json";

  /** The operator's own dashboard: the chart delivers it, the preview can draw it. */
  public static final String OPERATOR_DASHBOARD = "dashboards/execution-watch-operator.json";

  /**
   * The alert rules: the local Prometheus loads them, the operator ships them as PrometheusRule.
   */
  public static final String ALERT_RULES = "alerts/execution-watch.rules.yaml";

  private RepositoryFiles() {}

  /** The classpath resource of a repository file bundled into a jar. */
  public static String resource(String repositoryPath) {
    return "/" + repositoryPath;
  }
}
