package io.peaktrade.watch.operator.dependent;

/**
 * The names of the reconciler's workflow dependents and shared informers: the workflow declares
 * them, and the observer asks the workflow's result about them.
 */
public final class DependentNames {
  public static final String NETWORK_POLICY = "no-live-network-policy";
  public static final String EXPORTER = "exporter-deployment";
  public static final String SHADOW_MVS = "shadow-mvs-deployment";
  public static final String SERVICE_MONITORS = "service-monitors";
  public static final String DASHBOARD = "dashboard";
  public static final String ALERTS = "alert-rules";
  public static final String GRAFANA_FOLDERS = "grafana-folders";
  public static final String GRAFANA_DASHBOARD = "grafana-dashboard";

  /** One informer per kind for the demo's Deployments and Services, shared by their dependents. */
  public static final String DEPLOYMENTS = "deployments";

  public static final String SERVICES = "services";

  private DependentNames() {}
}
